// sqlite2pg migrate: apply pending migrations and load every mapped table in one transaction,
// validate what landed by reading it back, and commit only when every table matches.
#include <spdlog/spdlog.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <set>

#include "sqlite2pg/load/buffer_pipeline.h"
#include "sqlite2pg/load/reject_file.h"
#include "sqlite2pg/load/row_hash_spool.h"
#include "sqlite2pg/load/table_stream.h"
#include "sqlite2pg/run/commands.h"
#include "sqlite2pg/run/progress.h"
#include "sqlite2pg/plan/sources.h"
#include "sqlite2pg/schema/migrations.h"
#include "sqlite2pg/util/interrupt.h"
#include "sqlite2pg/util/logging.h"
#include "sqlite2pg/util/text.h"
#include "sqlite2pg/validate/readback.h"

namespace s2p {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Runs one phase of the cutover and logs how long it took: where a window's minutes go.
template <typename Fn>
void phase(const char* name, Fn&& fn) {
  throw_if_interrupted(name);
  const auto start = Clock::now();
  fn();
  spdlog::info("{}: {:.2f} s", name, seconds_since(start));
}

// Turns PostgreSQL's refusal of a COPY into a message that names the source row: the server
// reports the tuple number ("COPY agents, line 3"), which is the row's position in our stream.
Failure explain_copy_error(const TablePlan& t, const PgError& e) {
  const auto& d = e.diagnostics();
  std::string where = "source " + t.source_mapping->name + ", table " + t.mapping->source_table;
  // The COPY's own line: a trigger's context lines ("function f line 4") come before it.
  std::string row_number;
  for (std::size_t at = 0; (at = d.context.find("COPY ", at)) != std::string::npos; ++at) {
    const auto line_end = d.context.find('\n', at);
    const auto mark = d.context.find(", line ", at);
    if (mark == std::string::npos || mark > line_end) continue;
    const auto digits = d.context.substr(mark + 7);
    const auto n = digits.find_first_not_of("0123456789");
    if (n != 0) row_number = digits.substr(0, n);
  }
  if (!row_number.empty()) {
    if (auto row = describe_nth_row(t, std::stoull(row_number))) where += ", row " + *row;
  }
  if (!d.column.empty()) where += ", target column " + d.column;
  if (!d.context.empty()) where += " (" + d.context.substr(0, d.context.find('\n')) + ")";
  std::string hint;
  if (d.sqlstate == "23505") {
    hint =
        " (two source rows become the same key: ids that differ only in letter case are one UUID)";
  }
  return Failure(ExitCode::source_data, where + ": PostgreSQL refused the row into " +
                                            t.mapping->target_name() + ": " + d.full() + hint);
}

TableResult load_table(PgSession& pg, const TablePlan& t, std::int64_t run_id,
                       const RunOptions& options, std::atomic<std::uint64_t>& progress,
                       RejectFile* rejects) {
  TableResult r{t.source_mapping->name, t.mapping->source_table, t.mapping->target_name()};
  const auto start = Clock::now();
  spdlog::debug("loading {} -> {}", t.label(), r.target_table);
  TableStream stream(t, options.batch_bytes, options.copy_format);
  stream.count_rows_into(progress);
  std::uint64_t rejected = 0;
  if (t.mapping->reject_bad_rows) {
    stream.collect_refusals([&](const ColumnPlan& c, const std::string& reason,
                                const std::string& row, const std::string&,
                                const RowCursor& cursor) {
      rejects->add(t, c, reason, row, cursor);
      ++rejected;
    });
  }
  RowHashSpool row_hashes(run_id, r.source, r.source_table, TupleKey(t.key_fields));
  stream.observe_rows(
      [&](std::string_view tuple, const Hash128& hash) { row_hashes.add(tuple, hash); });
  try {
    // SQLite is read and transformed on a second thread while this one sends.
    BufferPipeline pipeline([&](std::string& buf) { return stream.fill(buf); });
    pg.copy_in(t.copy_in_sql(options.copy_format),
               [&](std::string& buf) { return pipeline.next(buf); });
  } catch (const PgError& e) {
    throw explain_copy_error(t, e);
  }
  r.loaded_rows = stream.checksum().rows();
  r.rejected_rows = rejected;
  r.source_rows = r.loaded_rows + r.rejected_rows;
  spdlog::debug("{}: COPY of {} rows {:.2f} s", t.label(), r.source_rows, seconds_since(start));
  r.source_checksum = stream.checksum().hex();
  if (t.own_id_column >= 0) {
    IdMapStream ids(t);
    try {
      pg.copy_in(kIdMapCopySql, [&](std::string& buf) { return ids.fill(buf); });
    } catch (const PgError& e) {
      throw Failure(ExitCode::source_data,
                    "source " + r.source + ", table " + r.source_table +
                        ": recording remapped ids in etl.id_map failed: " + e.diagnostics().full());
    }
    r.remapped_ids = ids.rows();
  }
  // The cutover's per-row fingerprints: what verify later compares the SQLite file with.
  const auto hashes_start = Clock::now();
  pg.copy_in(kRowHashesCopySql, [&](std::string& buf) { return row_hashes.fill(buf); });
  spdlog::debug("{}: row fingerprints {:.2f} s", t.label(), seconds_since(hashes_start));
  r.seconds = seconds_since(start);
  return r;
}

// The source rows whose column converts to one of `values` (target text form), for messages.
std::vector<std::string> find_source_rows(const TablePlan& t, const ColumnPlan& c,
                                          const std::set<std::string>& values, std::size_t limit) {
  std::vector<std::string> out;
  if (t.source_table_missing) return out;
  RowCursor cursor(*t.source, t.select_sql);
  std::string scratch;
  while (out.size() < limit && cursor.next()) {
    const SourceValue v = cursor.value(c.select_index);
    if (v.type == SqliteType::null) continue;
    Value converted;
    if (!c.transform->convert(v, c.context, converted, scratch).empty()) continue;
    std::string text;
    switch (converted.kind) {
      case ValueKind::uuid:
        text = format_uuid(converted.uuid);
        break;
      case ValueKind::integer:
        text = std::to_string(converted.integer);
        break;
      case ValueKind::text:
        text = std::string(converted.bytes);
        break;
      default:
        continue;
    }
    if (!values.count(text)) continue;
    const std::string raw =
        v.type == SqliteType::integer ? std::to_string(v.integer) : excerpt(v.bytes);
    out.push_back("row " + t.describe_row(cursor) + ", column " + c.mapping->source_column + " = " +
                  raw);
  }
  return out;
}

// Foreign keys are checked by sqlite2pg itself (so every orphan is named by its source row),
// then re-created from their catalog definitions exactly as they were.
void check_references(PgSession& pg, const LoadPlan& plan) {
  std::vector<std::string> problems;
  for (const auto& fk : plan.foreign_keys) {
    const TablePlan* child = nullptr;
    for (const auto& t : plan.tables) {
      if (t.target.schema == fk.schema && t.target.name == fk.table) child = &t;
    }
    std::string cond, select;
    for (std::size_t i = 0; i < fk.columns.size(); ++i) {
      cond += (i ? " AND " : "") + std::string("p.") + quote_ident(fk.ref_columns[i]) + " = c." +
              quote_ident(fk.columns[i]);
      select +=
          (i ? " || ',' || " : "") + std::string("c.") + quote_ident(fk.columns[i]) + "::text";
    }
    std::string not_null;
    for (const auto& col : fk.columns) not_null += " AND c." + quote_ident(col) + " IS NOT NULL";
    const std::string from = quote_ident(fk.schema) + "." + quote_ident(fk.table) +
                             " c WHERE true" + not_null + " AND NOT EXISTS (SELECT 1 FROM " +
                             quote_ident(fk.ref_schema) + "." + quote_ident(fk.ref_table) +
                             " p WHERE " + cond + ")";
    const auto rows = pg.query("SELECT DISTINCT " + select + " FROM " + from + " LIMIT 5");
    if (rows.empty()) continue;
    const auto total = pg.query_value("SELECT count(*) FROM " + from).value_or("?");
    std::string msg = total + " row(s) of " + fk.schema + "." + fk.table + " reference " +
                      fk.ref_schema + "." + fk.ref_table + " rows that do not exist (constraint " +
                      fk.name + ")";
    if (child && fk.columns.size() == 1) {
      const ColumnPlan* col = nullptr;
      for (const auto& c : child->columns) {
        if (c.target.name == fk.columns[0]) col = &c;
      }
      if (col) {
        std::set<std::string> values;
        for (const auto& r : rows) values.insert(*r[0]);
        msg = "source " + child->source_mapping->name + ", table " + child->mapping->source_table +
              ": " + msg;
        for (const auto& where : find_source_rows(*child, *col, values, 5))
          msg += "\n      " + where;
      }
    }
    problems.push_back(msg);
  }
  if (!problems.empty()) {
    std::string msg = "references to rows that do not exist:";
    for (const auto& p : problems) msg += "\n  - " + p;
    throw Failure(ExitCode::source_data, msg);
  }
}

// Explicit ids were loaded into SERIAL/identity columns: move each sequence past the highest.
// ALTER SEQUENCE ... RESTART is transactional (setval() is not), so a dry run or a failed run
// leaves the services' sequences exactly where they were.
void reset_sequences(PgSession& pg, const LoadPlan& plan) {
  for (const auto& t : plan.tables) {
    for (const auto& c : t.columns) {
      if (c.target.sequence.empty()) continue;
      const auto max = pg.query_value("SELECT max(" + quote_ident(c.target.name) + ")::text FROM " +
                                      t.target.qualified());
      if (!max) continue;
      pg.exec("ALTER SEQUENCE " + c.target.sequence + " RESTART WITH " +
              std::to_string(std::stoll(*max) + 1));
    }
  }
}

void require_tool_schema(PgSession& pg) {
  for (const char* table : {"etl.id_map", "etl.runs", "etl.row_hashes"}) {
    if (pg.query_value(std::string("SELECT to_regclass('") + table + "') IS NOT NULL") != "t") {
      throw Failure(ExitCode::config,
                    std::string("the target has no ") + table +
                        "; the migrations must include sqlite2pg's migrations/000_etl.sql");
    }
  }
}

void empty_targets(PgSession& pg, const LoadPlan& plan, bool replace) {
  std::vector<std::string> holding;
  std::string list;
  for (const auto& t : plan.tables) list += (list.empty() ? "" : ", ") + t.target.qualified();
  // Locked first: no service can add a row between the check and the TRUNCATE.
  pg.exec("LOCK TABLE " + list + " IN ACCESS EXCLUSIVE MODE");
  for (const auto& t : plan.tables) {
    if (has_rows(pg, t.target)) {
      holding.push_back(t.mapping->target_name() + " (" + std::to_string(count_rows(pg, t.target)) +
                        " rows)");
    }
  }
  if (!holding.empty() && !replace) {
    std::string msg = "target tables already hold rows:";
    for (const auto& h : holding) msg += "\n  - " + h;
    msg += "\nnothing was changed; run with --replace to empty them inside the cutover transaction";
    throw Failure(ExitCode::not_empty, msg);
  }
  // Truncating, even empty tables, lets COPY FREEZE write rows already frozen.
  pg.exec("TRUNCATE " + list);
  for (const auto& t : plan.tables) {
    pg.query("DELETE FROM etl.id_map WHERE source = $1 AND source_table = $2",
             {t.source_mapping->name, t.mapping->source_table});
    // Fingerprints of an earlier cutover of these tables describe data that is being replaced.
    pg.query("DELETE FROM etl.row_hashes WHERE source = $1 AND source_table = $2",
             {t.source_mapping->name, t.mapping->source_table});
  }
}

// Paths need not be UTF-8; the JSON stored in PostgreSQL must be.
std::string dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void record_run(PgSession& pg, const RunResult& r, std::int64_t run_id) {
  nlohmann::json sources = nlohmann::json::array(), tables = nlohmann::json::array(),
                 maps = nlohmann::json::array();
  for (const auto& s : r.sources) {
    sources.push_back({{"name", s.name},
                       {"path", s.path},
                       {"real_path", s.real_path},
                       {"size", s.size},
                       {"sha256", s.sha256}});
  }
  for (const auto& t : r.tables) {
    tables.push_back({{"source", t.source},
                      {"source_table", t.source_table},
                      {"target_table", t.target_table},
                      {"rows", t.target_rows},
                      {"rejected", t.rejected_rows},
                      {"checksum", t.target_checksum}});
  }
  for (const auto& [f, sha] : r.mapping_files) maps.push_back({{"file", f}, {"sha256", sha}});
  pg.query(
      "INSERT INTO etl.runs (run_id, started_at, tool_version, sources, tables, mappings) "
      "VALUES ($1, $2::timestamptz, $3, $4::jsonb, $5::jsonb, $6::jsonb)",
      {std::to_string(run_id), r.started_at, SQLITE2PG_VERSION, dump(sources), dump(tables),
       dump(maps)});
}

void cutover(const RunOptions& options, RunResult& result) {
  auto prepared = prepare_sources(options.mappings_dir, options.source_paths,
                                  {result.mapping_files, result.sources});
  auto migrations = read_migration_files(options.migrations_dir);
  PgSession pg(options.target_dsn);
  pg.set_timeouts(options.lock_timeout_seconds, options.statement_timeout_seconds);
  result.target = pg.describe();
  spdlog::info("target {}", result.target);
  pg.begin();
  try {
    for (const auto& m : apply_pending_migrations(pg, std::move(migrations))) {
      result.migrations_applied.push_back(m.name);
      spdlog::info("applied migration {}", m.name);
    }
    pg.reset_session();
    require_tool_schema(pg);
    // Under the run's advisory lock, so unique; a sequence would move even in a dry run.
    const std::int64_t run_id =
        std::stoll(*pg.query_value("SELECT coalesce(max(run_id), 0) + 1 FROM etl.runs"));
    const LoadPlan plan = build_plan(prepared.mappings, prepared.sources, pg);
    // Tables that reject bad rows need a file to put them in; made before anything loads.
    std::optional<RejectFile> rejects;
    for (const auto& t : plan.tables) {
      if (!t.mapping->reject_bad_rows || rejects) continue;
      if (!options.rejects) {
        throw Failure(ExitCode::usage,
                      t.mapping->where + ": " + t.label() +
                          " has on_error: reject; name the reject file with --rejects FILE");
      }
      rejects.emplace(*options.rejects);
    }
    result.warnings = plan.warnings;
    for (const auto& w : plan.warnings) spdlog::warn("{}", w);
    empty_targets(pg, plan, options.replace);
    // Foreign keys and secondary indexes come off for the load and go back, exactly as the
    // catalog defines them, once the data is in: building beats maintaining row by row.
    std::vector<SecondaryIndex> indexes;
    for (const auto& t : plan.tables) {
      for (auto& i : secondary_indexes_of(pg, t.target)) indexes.push_back(std::move(i));
    }
    for (const auto& fk : plan.foreign_keys) {
      pg.exec("ALTER TABLE " + quote_ident(fk.schema) + "." + quote_ident(fk.table) +
              " DROP CONSTRAINT " + quote_ident(fk.name));
    }
    for (const auto& i : indexes) pg.exec("DROP INDEX " + i.name);
    PlanProgress progress("migrate", plan, options);
    phase("loading", [&] {
      for (std::size_t i = 0; i < plan.tables.size(); ++i) {
        progress->start(i, "loading");
        result.tables.push_back(load_table(pg, plan.tables[i], run_id, options, progress->rows(i),
                                           rejects ? &*rejects : nullptr));
        progress->finish(i);
      }
    });
    phase("building indexes", [&] {
      for (const auto& i : indexes) pg.exec(i.definition);
    });
    phase("checking references", [&] { check_references(pg, plan); });
    phase("re-creating foreign keys", [&] {
      for (const auto& fk : plan.foreign_keys) {
        pg.exec("ALTER TABLE " + quote_ident(fk.schema) + "." + quote_ident(fk.table) +
                " ADD CONSTRAINT " + quote_ident(fk.name) + " " + fk.definition);
      }
    });
    phase("restarting sequences", [&] { reset_sequences(pg, plan); });
    // Validation reads every table back from PostgreSQL and compares it with what was sent.
    bool all_match = true;
    const auto validation_start = Clock::now();
    for (std::size_t i = 0; i < plan.tables.size(); ++i) {
      auto& r = result.tables[i];
      const auto start = Clock::now();
      throw_if_interrupted("validating " + plan.tables[i].label());
      progress->start(i, "validating");
      RowChecksum back;
      auto& done = progress->rows(i);
      read_back_rows(pg, plan.tables[i].readback_sql, [&](std::string_view tuple) {
        back.add_row(tuple);
        done.fetch_add(1, std::memory_order_relaxed);
      });
      progress->finish(i);
      r.target_rows = back.rows();
      r.target_checksum = back.hex();
      r.matches = r.target_rows == r.loaded_rows && r.target_checksum == r.source_checksum;
      r.seconds += seconds_since(start);
      all_match = all_match && r.matches;
    }
    spdlog::info("validating: {:.2f} s", seconds_since(validation_start));
    if (!all_match) {
      throw Failure(ExitCode::mismatch,
                    "validation failed: what PostgreSQL holds differs from what was sent");
    }
    for (const auto& [name, source] : prepared.sources) source->end_snapshot();
    if (options.dry_run) {
      pg.rollback();
      return;
    }
    throw_if_interrupted("about to commit");  // a signal before COMMIT means no commit
    if (!pg.in_transaction()) {
      throw Failure(ExitCode::target,
                    "the cutover transaction is no longer open; nothing is committed by sqlite2pg");
    }
    phase("committing", [&] {
      record_run(pg, result, run_id);
      pg.commit();
    });
  } catch (const PgError& e) {
    pg.rollback();
    throw Failure(ExitCode::target,
                  pg.redact("PostgreSQL refused the cutover: " + e.diagnostics().full()));
  } catch (...) {
    pg.rollback();
    throw;
  }
}

}  // namespace

ExitCode run_migrate(const RunOptions& options) {
  RunResult result;
  result.command = "migrate";
  result.dry_run = options.dry_run;
  result.started_at = utc_now_iso();
  if (options.report) prepare_report(*options.report);
  try {
    cutover(options, result);
    std::uint64_t rows = 0, rejected = 0;
    for (const auto& t : result.tables) {
      rows += t.target_rows;
      rejected += t.rejected_rows;
    }
    const std::string what =
        std::to_string(result.tables.size()) + " tables, " + std::to_string(rows) + " rows";
    result.verdict = options.dry_run
                         ? "DRY RUN OK: " + what +
                               " loaded and validated, then rolled back; a real run would commit"
                         : "COMMITTED: " + what + " loaded and validated";
    if (rejected) {
      result.exit_code = ExitCode::rejected;
      result.verdict += "; " + std::to_string(rejected) +
                        " row(s) REJECTED by on_error: reject, written to " +
                        options.rejects->string() + " (loaded + rejected = source rows)";
    }
  } catch (...) {
    const Failure f = current_failure();
    result.exit_code = f.code();
    result.error = f.what();
    result.verdict = std::string(options.dry_run ? "DRY RUN FAILED" : "FAILED") +
                     ": nothing was committed; the target is as it was";
    spdlog::error("{}", f.what());
  }
  return finish_run(result, options);
}

}  // namespace s2p

// sqlite2pg verify: proof that the SQLite files can be deleted. Every mapped source is re-read
// (read-only, one snapshot each) and compared with the target, and with the fingerprints the
// last committed cutover recorded, row by row under each row's key.
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>

#include "sqlite2pg/copy/copy_encoder.h"
#include "sqlite2pg/load/row_hash_spool.h"
#include "sqlite2pg/load/table_stream.h"
#include "sqlite2pg/run/archive.h"
#include "sqlite2pg/run/commands.h"
#include "sqlite2pg/run/progress.h"
#include "sqlite2pg/plan/sources.h"
#include "sqlite2pg/util/logging.h"
#include "sqlite2pg/util/text.h"
#include "sqlite2pg/validate/readback.h"
#include "sqlite2pg/validate/table_diff.h"
#include "sqlite2pg/copy/tuple_key.h"

namespace s2p {
namespace {

// What each kind means to an operator, and whether it alone makes deletion unsafe.
struct Kind {
  const char* name;
  const char* meaning;
  bool fatal;        // in plain verify
  bool fatal_exact;  // with --exact
};
constexpr Kind kKinds[] = {
    {"added_in_source", "added to SQLite after the cutover", true, true},
    {"changed_in_source", "changed in SQLite after the cutover", true, true},
    {"deleted_in_source", "deleted from SQLite after the cutover", true, true},
    {"missing_in_target", "missing from PostgreSQL", true, true},
    {"changed_in_target", "changed in PostgreSQL since the cutover", false, true},
    {"extra_in_target", "only in PostgreSQL", false, true},
};

std::uint64_t count_of(const DiffCounts& c, std::string_view kind) {
  if (kind == "added_in_source") return c.added_in_source;
  if (kind == "changed_in_source") return c.changed_in_source;
  if (kind == "deleted_in_source") return c.deleted_in_source;
  if (kind == "missing_in_target") return c.missing_in_target;
  if (kind == "changed_in_target") return c.changed_in_target;
  return c.extra_in_target;
}

std::int64_t be_int(std::string_view bytes) {
  std::uint64_t v = get_be(bytes, 0, bytes.size());
  const int bits = static_cast<int>(bytes.size() * 8);
  if (bits < 64 && (v >> (bits - 1)) & 1) v |= ~std::uint64_t{0} << bits;  // sign-extend
  return static_cast<std::int64_t>(v);
}

// "id=5d0c..." from the key's binary COPY fields and the target column types.
std::string describe_key(const TablePlan& t, std::string_view key) {
  std::vector<int> fields = t.key_fields;
  std::sort(fields.begin(), fields.end());
  std::string out;
  std::size_t at = 0;
  for (int f : fields) {
    if (at + 4 > key.size()) break;
    const auto& column = t.columns[static_cast<std::size_t>(f)].target;
    const std::uint32_t len = get_u32(key, at);
    at += 4;
    std::string shown = "NULL";
    if (len != 0xffffffffu) {
      const auto bytes = key.substr(at, len);
      at += len;
      if (column.type == "uuid" && len == 16) {
        Uuid u;
        std::copy(bytes.begin(), bytes.end(), u.begin());
        shown = format_uuid(u);
      } else if (column.type == "int2" || column.type == "int4" || column.type == "int8") {
        shown = std::to_string(be_int(bytes));
      } else {
        shown = excerpt(bytes, 80);
      }
    }
    out += (out.empty() ? "" : ", ") + column.name + "=" + shown;
  }
  return out;
}

// The legacy id of a target row the source no longer names: from etl.id_map if it was remapped.
std::string legacy_name(PgSession& pg, const TablePlan& t, std::string_view key) {
  if (t.own_id_column < 0 || t.key_fields.size() != 1 || t.key_fields[0] != t.own_id_column)
    return "";
  if (key.size() != 20 || get_u32(key, 0) != 16) return "";
  Uuid u;
  std::copy(key.begin() + 4, key.end(), u.begin());
  const auto legacy = pg.query_value(
      "SELECT legacy_id FROM etl.id_map WHERE source = $1 AND source_table = $2 AND new_id = "
      "$3::uuid",
      {t.source_mapping->name, t.mapping->source_table, format_uuid(u)});
  return legacy ? t.columns[static_cast<std::size_t>(t.own_id_column)].mapping->source_column +
                      "=" + excerpt(*legacy, 80)
                : "";
}

struct Baseline {
  std::int64_t run_id;
  std::string checksum;
  std::uint64_t rows;
};

std::optional<Baseline> last_cutover(PgSession& pg, const TablePlan& t) {
  const auto rows = pg.query(
      "SELECT r.run_id::text, t->>'checksum', t->>'rows' FROM etl.runs r "
      "CROSS JOIN LATERAL jsonb_array_elements(r.tables) t "
      "WHERE t->>'source' = $1 AND t->>'source_table' = $2 ORDER BY r.run_id DESC LIMIT 1",
      {t.source_mapping->name, t.mapping->source_table});
  if (rows.empty()) return std::nullopt;
  return Baseline{std::stoll(*rows[0][0]), *rows[0][1], std::stoull(*rows[0][2])};
}

TableResult verify_table(PgSession& pg, const TablePlan& t, const std::optional<Baseline>& baseline,
                         std::size_t sample_limit, std::atomic<std::uint64_t>& progress) {
  const auto start = std::chrono::steady_clock::now();
  TableResult r{t.source_mapping->name, t.mapping->source_table, t.mapping->target_name()};
  const TupleKey key(t.key_fields);
  DiffInput in;
  in.sample_limit = sample_limit;
  in.source = [&](const RowVisitor& visit) {
    TableStream stream(t);
    stream.count_rows_into(progress);
    std::string k;
    stream.observe_rows([&](std::string_view tuple, const Hash128& h) {
      key.extract(tuple, k);
      visit(k, h, [&stream] { return stream.current_row(); });
    });
    std::string sink;
    while (stream.fill(sink)) sink.clear();
  };
  in.target = [&](const RowVisitor& visit) {
    std::string k;
    read_back_rows(pg, t.readback_sql, [&](std::string_view tuple) {
      key.extract(tuple, k);
      visit(k, hash_row(tuple), {});
    });
  };
  if (baseline) {
    r.baseline_run = baseline->run_id;
    in.recorded = std::make_pair(baseline->checksum, baseline->rows);
    in.baseline = [&](const RowVisitor& visit) {
      const std::string sql = "COPY (SELECT fingerprints FROM etl.row_hashes WHERE run_id = " +
                              std::to_string(baseline->run_id) +
                              " AND source = " + quote_literal(t.source_mapping->name) +
                              " AND source_table = " + quote_literal(t.mapping->source_table) +
                              " ORDER BY chunk) TO STDOUT (FORMAT binary)";
      read_back_rows(pg, sql, [&](std::string_view tuple) {
        // One field: the chunk (after the field count and its length).
        for_each_fingerprint(tuple.substr(6, get_u32(tuple, 2)),
                             [&](std::string_view k, const Hash128& h) { visit(k, h, {}); });
      });
    };
  }
  const TableDiff d = diff_table(in);
  r.source_rows = d.source.rows();
  r.target_rows = d.target.rows();
  r.source_checksum = d.source.hex();
  r.target_checksum = d.target.hex();
  r.matches = d.source == d.target;
  for (const auto& k : kKinds) r.differences[k.name] = count_of(d.counts, k.name);
  for (const auto& s : d.samples) {
    std::string source_row = s.source_row.empty() ? legacy_name(pg, t, s.key) : s.source_row;
    r.samples.push_back({s.kind, source_row, describe_key(t, s.key)});
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

void print_verify(const RunResult& r) {
  std::printf("%-34s %-30s %9s %9s %7s %8s %8s %7s  %s\n", "source table", "target table", "source",
              "target", "drift", "missing", "changed", "extra", "state");
  for (const auto& t : r.tables) {
    const auto& d = t.differences;
    const auto get = [&](const char* k) { return d.count(k) ? d.at(k) : 0; };
    const auto drift = get("added_in_source") + get("changed_in_source") + get("deleted_in_source");
    std::printf("%-34s %-30s %9llu %9llu %7llu %8llu %8llu %7llu  %s\n",
                (t.source + "." + t.source_table).c_str(), t.target_table.c_str(),
                static_cast<unsigned long long>(t.source_rows),
                static_cast<unsigned long long>(t.target_rows),
                static_cast<unsigned long long>(drift),
                static_cast<unsigned long long>(get("missing_in_target")),
                static_cast<unsigned long long>(get("changed_in_target")),
                static_cast<unsigned long long>(get("extra_in_target")),
                !t.baseline_run ? "no cutover recorded" : (t.matches ? "identical" : "differs"));
  }
  for (const auto& t : r.tables) {
    for (const auto& k : kKinds) {
      const auto n = t.differences.count(k.name) ? t.differences.at(k.name) : 0;
      if (!n) continue;
      std::printf("%s: %llu row(s) %s\n", t.target_table.c_str(),
                  static_cast<unsigned long long>(n), k.meaning);
      for (const auto& s : t.samples) {
        if (s.kind != k.name) continue;
        std::printf("    %s -> %s\n",
                    s.source_row.empty() ? "(no source row)" : s.source_row.c_str(),
                    s.target_row.c_str());
      }
      std::size_t shown = 0;
      for (const auto& s : t.samples) shown += s.kind == k.name;
      if (n > shown)
        std::printf("    ... and %llu more\n", static_cast<unsigned long long>(n - shown));
    }
  }
  for (const auto& reason : r.reasons) std::printf("  - %s\n", reason.c_str());
  std::printf("%s\n", r.verdict.c_str());
  if (r.archive) {
    std::printf(
        "archive: %s\n  sha256 %s, %zu file(s), read back and checked against the manifest\n",
        r.archive->path.c_str(), r.archive->sha256.c_str(), r.archive->files.size());
  }
  std::fflush(stdout);
}

void verify(const RunOptions& options, RunResult& result) {
  auto prepared = prepare_sources(options.mappings_dir, options.source_paths,
                                  {result.mapping_files, result.sources}, /*check_integrity=*/true);
  for (const auto& s : result.sources) {
    if (!s.same_file_as.empty())
      spdlog::info("source {} is the same file as source {}: read once", s.name, s.same_file_as);
    if (s.empty_file)
      spdlog::info("source {} ({}) is a 0-byte file: an empty database", s.name, s.path);
  }
  PgSession pg(options.target_dsn);
  pg.set_timeouts(options.lock_timeout_seconds, options.statement_timeout_seconds);
  result.target = pg.describe();
  pg.begin(/*read_only=*/true);  // one consistent snapshot of the target, and nothing written
  const LoadPlan plan = build_plan(prepared.mappings, prepared.sources, pg);
  result.warnings = plan.warnings;
  const bool has_runs = pg.query_value("SELECT to_regclass('etl.runs') IS NOT NULL") == "t" &&
                        pg.query_value("SELECT to_regclass('etl.row_hashes') IS NOT NULL") == "t";
  PlanProgress progress("verify", plan, options);
  for (std::size_t i = 0; i < plan.tables.size(); ++i) {
    const auto& t = plan.tables[i];
    spdlog::debug("comparing {} with {}", t.label(), t.mapping->target_name());
    progress->start(i, "comparing");
    const auto baseline = has_runs ? last_cutover(pg, t) : std::nullopt;
    result.tables.push_back(verify_table(pg, t, baseline, options.sample_limit, progress->rows(i)));
    progress->finish(i);
    const auto& r = result.tables.back();
    if (!baseline) {
      result.reasons.push_back(r.target_table + ": no committed cutover of " + r.source + "." +
                               r.source_table + " is recorded in etl.runs");
    }
    for (const auto& k : kKinds) {
      const auto n = r.differences.at(k.name);
      if (n && (options.exact ? k.fatal_exact : k.fatal)) {
        result.reasons.push_back(r.target_table + ": " + std::to_string(n) + " row(s) " +
                                 k.meaning);
      }
    }
  }
  pg.rollback();
  for (const auto& [name, source] : prepared.sources) source->end_snapshot();
}

}  // namespace

ExitCode run_verify(const RunOptions& options) {
  RunResult result;
  result.command = options.exact ? "verify --exact" : "verify";
  result.started_at = utc_now_iso();
  if (options.report) prepare_report(*options.report);
  try {
    verify(options, result);
    if (result.reasons.empty()) {
      result.verdict = "SAFE TO DELETE: PostgreSQL holds every source row" +
                       std::string(options.exact ? ", exactly" : "") +
                       ", and nothing was written to SQLite after the cutover";
      if (options.archive_dir)
        result.archive = archive_sources(result.sources, *options.archive_dir);
    } else {
      result.exit_code = ExitCode::mismatch;
      result.verdict = "NOT SAFE: keep the SQLite files (" + std::to_string(result.reasons.size()) +
                       " reason(s) above)";
    }
  } catch (...) {
    const Failure f = current_failure();
    result.exit_code = f.code();
    result.error = f.what();
    result.verdict = "NOT VERIFIED: " + std::string(f.what());
    spdlog::error("{}", f.what());
  }
  return finish_run(result, options, print_verify);
}

}  // namespace s2p

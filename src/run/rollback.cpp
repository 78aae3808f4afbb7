// sqlite2pg rollback: the way back to SQLite after services ran on PostgreSQL. Each source file
// is copied (SQLite's backup API, in the read snapshot), PostgreSQL's changes since the last
// committed migrate or sync are run backwards through the mappings into the copy, and the copy
// is read back through the mappings and compared with PostgreSQL row by row before it gets its
// final name. The originals and PostgreSQL are only read.
#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>
#include <set>

#include "rollback_lock.h"
#include "rollback_summary.h"
#include "sqlite2pg/load/computed_values.h"
#include "sqlite2pg/rollback/output_file.h"
#include "sqlite2pg/rollback/write_back.h"
#include "sqlite2pg/run/command_context.h"
#include "sqlite2pg/run/commands.h"
#include "sqlite2pg/run/progress.h"
#include "sqlite2pg/run/run_record.h"
#include "sqlite2pg/util/interrupt.h"
#include "sqlite2pg/validate/table_verify.h"

namespace s2p {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The source whose name a file's output takes: several names can be one file, read and written
// once.
const std::string& file_name_of(const PreparedSources& prepared, const std::string& source) {
  return prepared.sources.at(source)->facts().name;
}

// DIR/<source>.db for every source file, refused where one is there already (unless --replace)
// or would be the original itself; before anything is read.
std::map<std::string, fs::path> output_paths(const RollbackOptions& options,
                                             const PreparedSources& prepared) {
  std::error_code error;
  fs::create_directories(options.out_dir, error);
  if (error) {
    throw Failure(ExitCode::config,
                  "cannot create " + options.out_dir.string() + ": " + error.message());
  }
  std::map<std::string, fs::path> out;
  std::string present;
  for (const auto& m : prepared.mappings) {
    if (file_name_of(prepared, m.name) != m.name) continue;
    const fs::path path = options.out_dir / (m.name + ".db");
    for (const auto& [name, source] : prepared.sources) {
      if (!fs::exists(path) || !fs::equivalent(path, source->facts().path, error)) continue;
      throw Failure(ExitCode::config, path.string() + " is source " + name +
                                          " itself; rollback never writes the originals: choose "
                                          "another --out");
    }
    // A link there, dangling or not, is there: --replace replaces the link, never its target.
    const auto there = fs::symlink_status(path, error);
    if (fs::exists(there) && !fs::is_regular_file(there) && !fs::is_symlink(there))
      throw Failure(ExitCode::config, path.string() + " is there and is not a file");
    if (fs::exists(there) && !options.replace) present += "\n  - " + path.string();
    if (const int n = OutputFile::remove_stale(path))
      spdlog::info("removed {} unfinished file(s) a stopped rollback left beside {}", n,
                   path.string());
    out.emplace(m.name, path);
  }
  if (!present.empty()) {
    throw Failure(ExitCode::not_empty,
                  "these files are there already:" + present +
                      "\nrollback does not overwrite them; --replace replaces them");
  }
  return out;
}

TableResult table_result(const TablePlan& t, const CutoverRecord& baseline,
                         const TargetChanges& c) {
  TableResult r{t.source_mapping->name, t.mapping->source_table, t.mapping->target_name()};
  r.baseline_run = baseline.run_id;
  r.source_rows = c.source.rows() + c.rejected;
  r.rejected_rows = c.rejected;
  r.source_checksum = c.source.hex();
  r.target_rows = c.target.rows();
  r.target_checksum = c.target.hex();
  r.updated = c.updates();
  r.inserted = c.inserts();
  r.deleted = c.deletes();
  r.unchanged = c.source.rows() - r.updated - r.deleted;
  for (const auto& d : c.drift) ++r.differences[d.kind];
  r.samples = c.drift;
  return r;
}

std::vector<TargetChanges> find_all_changes(PgSession& pg, const LoadPlan& plan,
                                            const std::vector<CutoverRecord>& baselines,
                                            const RollbackOptions& options, RunResult& result) {
  return compare_each_table<TargetChanges>(
      "rollback", plan, options, result,
      [&](std::size_t i, std::atomic<std::uint64_t>& rows) {
        return find_target_changes(pg, plan.tables[i], baselines[i], options.sample_limit, rows);
      },
      [&](std::size_t i, const TargetChanges& c) {
        return table_result(plan.tables[i], baselines[i], c);
      });
}

// SQLite written after the last run: rollback would lose those rows or PostgreSQL's.
void refuse_drift(const std::vector<TargetChanges>& all, RunResult& result) {
  std::uint64_t drifted = 0;
  for (const auto& c : all) drifted += c.drifted;
  if (!drifted) return;
  for (auto& t : result.tables) t.updated = t.inserted = t.deleted = 0;  // none will be written
  throw Failure(ExitCode::mismatch,
                std::to_string(drifted) +
                    " row(s) changed in SQLite after the last migrate or sync (listed above); "
                    "rollback starts from what both held then: sync them to PostgreSQL first. "
                    "Nothing was written");
}

void refuse_unwritable(const Writers& writers, RunResult& result, const RollbackOptions& options) {
  const std::size_t limit = options.sample_limit;
  bool no_legacy_id = false;
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < writers.size(); ++i) {
    if (!writers[i] || writers[i]->refused().empty()) continue;
    const auto& refused = writers[i]->refused();
    std::set<std::string> rows;  // a row can hold several such values
    for (const auto& r : refused) rows.insert(r.target_row);
    total += refused.size();
    result.tables[i].differences[DiffKind::not_written_back] = rows.size();
    for (std::size_t k = 0; k < refused.size() && k < limit; ++k)
      result.tables[i].samples.push_back(refused[k]);
    for (const auto& r : refused)
      no_legacy_id = no_legacy_id || r.detail.find("no legacy INTEGER id") != std::string::npos;
  }
  if (!total) return;
  throw Failure(ExitCode::source_data,
                std::to_string(total) +
                    " value(s) PostgreSQL holds have no SQLite form (listed above); nothing was "
                    "written" +
                    (no_legacy_id && !options.assign_ids
                         ? " (--assign-ids gives rows PostgreSQL created the next INTEGER ids)"
                         : ""));
}

void assign_ids(const Writers& writers, const LegacyIds& ids, RunResult& result) {
  for (const auto& w : writers) {
    if (w) w->assign_ids();
  }
  auto& list = result.details["assigned_ids"] = nlohmann::json::array();
  for (const auto& a : ids.assigned()) {
    list.push_back(
        {{"source", a.source}, {"table", a.table}, {"id", a.legacy}, {"uuid", format_uuid(a.id)}});
  }
}

using Outputs = std::map<std::string, std::unique_ptr<OutputFile>>;

// The written files read back through the mappings and compared with PostgreSQL row by row, as
// verify --exact compares; the rows on_error: reject leaves out were left out of PostgreSQL
// before, and stay in SQLite as they were.
// Returns each file's sha256, taken as the proof opened it.
std::map<std::string, std::string> prove(PgSession& pg, const PreparedSources& prepared,
                                         const Outputs& outputs,
                                         const std::vector<TargetChanges>& all, LegacyIds& ids,
                                         const RollbackOptions& options, RunResult& result) {
  SourceSet written;
  for (const auto& m : prepared.mappings) {
    const auto& file = file_name_of(prepared, m.name);
    if (file != m.name) {
      written[m.name] = written.at(file);  // mappings come in the order their files were opened
      continue;
    }
    written[m.name] =
        std::make_shared<SqliteSource>(m.name, outputs.at(m.name)->temp_path().string());
    written[m.name]->begin_snapshot();
  }
  LoadPlan plan = build_plan(prepared.mappings, written, pg);
  compute_server_values(pg, plan);
  attach_recorded_ids(plan, ids);
  PlanProgress progress("proving", plan, options);
  std::uint64_t differing = 0;
  for (std::size_t i = 0; i < plan.tables.size(); ++i) {
    throw_if_interrupted("proving " + plan.tables[i].label());
    progress->start(i, "proving");
    const auto c =
        compare_table(pg, plan.tables[i], std::nullopt, options.sample_limit, progress->rows(i));
    progress->finish(i);
    auto& r = result.tables[i];
    r.matches =
        c.counts.missing_in_target + c.counts.changed_in_target + c.counts.extra_in_target == 0 &&
        c.rejected == all[i].rejected;
    r.source_rows = c.source.rows() + c.rejected;
    r.source_checksum = c.source.hex();
    if (r.matches) continue;
    differing += c.counts.missing_in_target + c.counts.changed_in_target +
                 c.counts.extra_in_target + (c.rejected != all[i].rejected);
    const DiffTally found = c.counts.tally();
    for (const DiffKind k :
         {DiffKind::missing_in_target, DiffKind::changed_in_target, DiffKind::extra_in_target})
      r.differences[k] = found[k];
    for (const auto& d : c.samples) r.samples.push_back(d);
  }
  for (auto& [name, source] : written) {
    if (file_name_of(prepared, name) == name) source->end_snapshot();
  }
  std::map<std::string, std::string> sha256;
  for (auto& [name, source] : written) sha256[name] = source->facts().sha256;
  if (!differing) return sha256;
  throw Failure(ExitCode::mismatch,
                std::to_string(differing) +
                    " row(s) of the written files differ from PostgreSQL (listed above); the "
                    "files were removed");
}

// The changes run backwards into the copies, one SQLite transaction per file; nothing is
// written when a value has no SQLite form.
void write_back(PgSession& pg, LoadPlan& plan, std::vector<TargetChanges>& all, LegacyIds& ids,
                const PreparedSources& prepared, Outputs& outputs, const RollbackOptions& options,
                RunResult& result) {
  attach_recorded_ids(plan, ids);
  auto writers = read_target_rows(pg, plan, all, ids);
  if (options.assign_ids) assign_ids(writers, ids, result);
  const auto start = Clock::now();
  for (auto& [name, out] : outputs) write_file(*out, plan, *prepared.sources.at(name), writers);
  refuse_unwritable(writers, result, options);
  spdlog::info("writing: {:.2f} s", seconds_since(start));
}

// A service that wrote to a source meanwhile wrote rows the copy, taken in the snapshot, lacks.
void refuse_written_sources(const PreparedSources& prepared) {
  for (const auto& [name, source] : prepared.sources) {
    if (!source->written_since_first_snapshot()) continue;
    throw Failure(ExitCode::mismatch,
                  source->facts().path +
                      " was written while rollback ran; the copy holds it as it was when "
                      "rollback began, without those writes: stop what writes to it, then run "
                      "rollback again. Nothing was written");
  }
}

// Each file flushed and hashed; then --record-ids' commit, the one write to PostgreSQL, on a
// session of its own, so that the snapshot's transaction keeps the mapped tables locked until
// the files are renamed; then the renames, with nothing left that can fail but a rename.
void publish(const LegacyIds& ids, Outputs& outputs, std::map<std::string, std::string> sha256,
             const PreparedSources& prepared, const RollbackOptions& options, RunResult& result,
             std::vector<WrittenFile>& written) {
  for (auto& [name, out] : outputs) out->seal();
  throw_if_interrupted("about to publish");
  if (options.record_ids && !ids.assigned().empty()) {
    PgSession recorder(options.target_dsn, options.lock_timeout_seconds,
                       options.statement_timeout_seconds);
    Transaction record(recorder);
    record_assigned_ids(recorder, ids);
    record.commit();
  }
  for (auto& [name, out] : outputs) {
    out->publish(options.replace);
    WrittenFile f{name,
                  {},
                  prepared.sources.at(name)->facts().path,
                  out->final_path().string(),
                  sha256[name],
                  fs::file_size(out->final_path())};
    for (const auto& m : prepared.mappings) {
      if (file_name_of(prepared, m.name) == name) f.sources.push_back(m.name);
    }
    written.push_back(std::move(f));
    result.details["outputs"] = files_json(written);  // a later failure still reports it
  }
}

void rollback(const RollbackOptions& options, RunResult& result,
              std::vector<WrittenFile>& written) {
  auto sources = prepare_sources(options.mappings_dir, options.source_paths,
                                 {result.mapping_files, result.sources}, /*check_integrity=*/true);
  const auto paths = output_paths(options, sources);
  CommandContext ctx(options, result);
  PgSession& pg = ctx.pg();
  const auto& prepared = ctx.adopt(std::move(sources));
  const auto held = mapped_tables(pg, prepared.mappings);
  // One snapshot of the target for the comparison, the rows read by key and the proof; its
  // temporary tables go with it, and it never commits (see publish). The lock comes
  // first, so that the snapshot follows it: no write to a mapped table commits after it.
  ctx.begin(TransactionMode::snapshot);
  hold_mapped_tables(pg, held);
  spdlog::info("holding {} mapped table(s) against writes until the rollback ends", held.size());
  require_recorded_runs(pg);
  LoadPlan& plan = ctx.build_plan();
  require_locked(plan, held);
  const auto baselines = baselines_of(pg, plan, "rollback");
  Outputs outputs;
  for (const auto& [name, path] : paths)
    outputs[name] = std::make_unique<OutputFile>(*prepared.sources.at(name), path);
  auto all = find_all_changes(pg, plan, baselines, options, result);
  refuse_drift(all, result);
  LegacyIds ids(pg);
  write_back(pg, plan, all, ids, prepared, outputs, options, result);
  refuse_written_sources(prepared);  // before end_snapshot's own check, which says less
  ctx.end_snapshots();
  const auto proof_start = Clock::now();
  auto sha256 = prove(pg, prepared, outputs, all, ids, options, result);
  spdlog::info("proving: {:.2f} s", seconds_since(proof_start));
  refuse_written_sources(prepared);
  publish(ids, outputs, std::move(sha256), prepared, options, result, written);
}

std::string rollback_verdict(const RunResult& r, std::size_t files) {
  std::uint64_t updated = 0, inserted = 0, deleted = 0;
  for (const auto& t : r.tables) {
    updated += t.updated;
    inserted += t.inserted;
    deleted += t.deleted;
  }
  return "ROLLED BACK: " + std::to_string(files) +
         " file(s) hold PostgreSQL's rows, proved row by row (" + std::to_string(updated) +
         " updated, " + std::to_string(inserted) + " inserted, " + std::to_string(deleted) +
         " deleted); the originals are untouched";
}

}  // namespace

ExitCode run_rollback(const RollbackOptions& options) {
  RunResult result;
  result.command = "rollback";
  std::vector<WrittenFile> written;
  const auto body = [&] {
    rollback(options, result, written);
    result.verdict = rollback_verdict(result, written.size());
  };
  const auto failed = [&](const Failure&) {
    if (!written.empty())
      return std::string("FAILED after publishing the files listed above; the others were not");
    return std::string(
        "FAILED: no file was written; the originals and PostgreSQL are as they were");
  };
  return run_and_report(
      result, options, body, failed, [&](const RunResult& r) { print_rollback(r, written); },
      "the rollback");
}

}  // namespace s2p

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
#include "rollback_outputs.h"
#include "rollback_summary.h"
#include "sqlite2pg/load/computed_values.h"
#include "sqlite2pg/rollback/output_file.h"
#include "sqlite2pg/rollback/write_back.h"
#include "sqlite2pg/run/command_context.h"
#include "sqlite2pg/run/commands.h"
#include "sqlite2pg/run/progress.h"
#include "sqlite2pg/run/run_record.h"
#include "sqlite2pg/util/elapsed.h"
#include "sqlite2pg/util/interrupt.h"
#include "sqlite2pg/validate/table_verify.h"

namespace s2p {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

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

// One rollback, its steps in the order run() takes them; each step reads and leaves what the
// steps before it found in the members.
class Rollback {
 public:
  Rollback(const RollbackOptions& options, RunResult& result)
      : options_(options), result_(result) {}
  void run();

 private:
  void open();
  void find_changes();
  void refuse_drift();
  void write_back();
  void assign_ids();
  void refuse_unwritable();
  void prove();
  std::uint64_t prove_table(PgSession& pg, const TablePlan& t, std::size_t i,
                            std::atomic<std::uint64_t>& rows);
  void publish();
  void record_ids();

  const RollbackOptions& options_;
  RunResult& result_;
  // Declared in the order they open, so that they close in reverse: the writers' statements
  // before the copies' connections, the copies before the session.
  std::optional<CommandContext> ctx_;
  std::map<std::string, fs::path> paths_;
  std::map<std::string, std::unique_ptr<OutputFile>> outputs_;
  std::vector<CutoverRecord> baselines_;
  std::vector<TargetChanges> changes_;  // per plan table
  std::optional<LegacyIds> ids_;
  Writers writers_;
  std::map<std::string, std::string> sha256_;  // each file's, taken as the proof opened it
};

void Rollback::run() {
  open();
  find_changes();
  refuse_drift();
  write_back();
  refuse_written_sources(ctx_->sources());  // before end_snapshots' own check, which says less
  ctx_->end_snapshots();
  const auto proof_start = Clock::now();
  prove();
  spdlog::info("proving: {:.2f} s", seconds_since(proof_start));
  refuse_written_sources(ctx_->sources());
  publish();
}

// The output paths are checked before the target is opened. One snapshot of the target serves
// the comparison, the rows read by key and the proof; its temporary tables go with it, and it
// never commits (see publish). The lock comes first, so that the snapshot follows it: no write
// to a mapped table commits after it.
void Rollback::open() {
  auto sources =
      prepare_sources(options_.mappings_dir, options_.source_paths,
                      {result_.mapping_files, result_.sources}, /*check_integrity=*/true);
  paths_ = output_paths(options_, sources);
  ctx_.emplace(options_, result_);
  PgSession& pg = ctx_->pg();
  const auto& prepared = ctx_->adopt(std::move(sources));
  const auto held = mapped_tables(pg, prepared.mappings);
  ctx_->begin(TransactionMode::snapshot);
  hold_mapped_tables(pg, held);
  spdlog::info("holding {} mapped table(s) against writes until the rollback ends", held.size());
  require_recorded_runs(pg);
  require_locked(ctx_->build_plan(), held);
  baselines_ = baselines_of(pg, ctx_->plan(), "rollback");
  for (const auto& [name, path] : paths_)
    outputs_[name] = std::make_unique<OutputFile>(*prepared.sources.at(name), path);
}

void Rollback::find_changes() {
  const LoadPlan& plan = ctx_->plan();
  changes_ = compare_each_table<TargetChanges>(
      "rollback", plan, options_, result_,
      [&](std::size_t i, std::atomic<std::uint64_t>& rows) {
        return find_target_changes(ctx_->pg(), plan.tables[i], baselines_[i], options_.sample_limit,
                                   rows);
      },
      [&](std::size_t i, const TargetChanges& c) {
        return table_result(plan.tables[i], baselines_[i], c);
      });
}

// SQLite written after the last run: rollback would lose those rows or PostgreSQL's.
void Rollback::refuse_drift() {
  std::uint64_t drifted = 0;
  for (const auto& c : changes_) drifted += c.drifted;
  if (!drifted) return;
  for (auto& t : result_.tables) t.updated = t.inserted = t.deleted = 0;  // none will be written
  throw Failure(ExitCode::mismatch,
                std::to_string(drifted) +
                    " row(s) changed in SQLite after the last migrate or sync (listed above); "
                    "rollback starts from what both held then: sync them to PostgreSQL first. "
                    "Nothing was written");
}

// The changes run backwards into the copies, one SQLite transaction per file; nothing is
// written when a value has no SQLite form.
void Rollback::write_back() {
  ids_.emplace(ctx_->pg());
  attach_recorded_ids(ctx_->plan(), *ids_);
  writers_ = prepare_writers(ctx_->pg(), ctx_->plan(), changes_, *ids_);
  if (options_.assign_ids) assign_ids();
  const auto start = Clock::now();
  for (auto& [name, out] : outputs_)
    write_file(*out, ctx_->plan(), *ctx_->sources().sources.at(name), writers_);
  refuse_unwritable();
  writers_.clear();  // their inverses and statements are done with
  spdlog::info("writing: {:.2f} s", seconds_since(start));
}

void Rollback::assign_ids() {
  for (const auto& w : writers_) {
    if (w) w->assign_ids();
  }
  auto& list = result_.assigned_ids.emplace();
  for (const auto& a : ids_->assigned())
    list.push_back({a.source, a.table, a.legacy, format_uuid(a.id)});
}

void Rollback::refuse_unwritable() {
  bool no_legacy_id = false;
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < writers_.size(); ++i) {
    if (!writers_[i] || writers_[i]->refused().empty()) continue;
    const auto& refused = writers_[i]->refused();
    std::set<std::string> rows;  // a row can hold several such values
    for (const auto& r : refused) rows.insert(r.target_row);
    total += refused.size();
    result_.tables[i].differences[DiffKind::not_written_back] = rows.size();
    for (std::size_t k = 0; k < refused.size() && k < options_.sample_limit; ++k)
      result_.tables[i].samples.push_back(refused[k]);
    for (const auto& r : refused)
      no_legacy_id = no_legacy_id || r.detail.find("no legacy INTEGER id") != std::string::npos;
  }
  if (!total) return;
  throw Failure(ExitCode::source_data,
                std::to_string(total) +
                    " value(s) PostgreSQL holds have no SQLite form (listed above); nothing was "
                    "written" +
                    (no_legacy_id && !options_.assign_ids
                         ? " (--assign-ids gives rows PostgreSQL created the next INTEGER ids)"
                         : ""));
}

// The written files read back through the mappings and compared with PostgreSQL row by row, as
// verify --exact compares; the rows on_error: reject leaves out were left out of PostgreSQL
// before, and stay in SQLite as they were.
void Rollback::prove() {
  const auto& prepared = ctx_->sources();
  SourceSet copies;
  for (const auto& m : prepared.mappings) {
    const auto& file = file_name_of(prepared, m.name);
    if (file != m.name) {
      copies[m.name] = copies.at(file);  // mappings come in the order their files were opened
      continue;
    }
    copies[m.name] =
        std::make_shared<SqliteSource>(m.name, outputs_.at(m.name)->temp_path().string());
    copies[m.name]->begin_snapshot();
  }
  PgSession& pg = ctx_->pg();
  LoadPlan plan = build_plan(prepared.mappings, copies, pg);
  compute_server_values(pg, plan);
  attach_recorded_ids(plan, *ids_);
  PlanProgress progress("proving", plan, options_);
  std::uint64_t differing = 0;
  for (std::size_t i = 0; i < plan.tables.size(); ++i) {
    throw_if_interrupted("proving " + plan.tables[i].label());
    progress->start(i, "proving");
    differing += prove_table(pg, plan.tables[i], i, progress->rows(i));
    progress->finish(i);
  }
  for (auto& [name, source] : copies) {
    if (file_name_of(prepared, name) == name) source->end_snapshot();
  }
  for (auto& [name, source] : copies) sha256_[name] = source->facts().sha256;
  if (!differing) return;
  throw Failure(ExitCode::mismatch,
                std::to_string(differing) +
                    " row(s) of the written files differ from PostgreSQL (listed above); the "
                    "files were removed");
}

// The differing rows of table i of the written files, recorded in its result.
std::uint64_t Rollback::prove_table(PgSession& pg, const TablePlan& t, std::size_t i,
                                    std::atomic<std::uint64_t>& rows) {
  const auto c = compare_table(pg, t, std::nullopt, options_.sample_limit, rows);
  auto& r = result_.tables[i];
  const std::uint64_t differing =
      c.counts.missing_in_target + c.counts.changed_in_target + c.counts.extra_in_target;
  r.matches = differing == 0 && c.rejected == changes_[i].rejected;
  r.source_rows = c.source.rows() + c.rejected;
  r.source_checksum = c.source.hex();
  if (r.matches) return 0;
  const DiffTally found = c.counts.tally();
  for (const DiffKind k :
       {DiffKind::missing_in_target, DiffKind::changed_in_target, DiffKind::extra_in_target})
    r.differences[k] = found[k];
  for (const auto& d : c.samples) r.samples.push_back(d);
  return differing + (c.rejected != changes_[i].rejected);
}

// Each file flushed and hashed; then --record-ids' commit, the one write to PostgreSQL, on a
// session of its own, so that the snapshot's transaction keeps the mapped tables locked until
// the files are renamed; then the renames, with nothing left that can fail but a rename.
void Rollback::publish() {
  for (auto& [name, out] : outputs_) out->seal();
  throw_if_interrupted("about to publish");
  if (options_.record_ids && !ids_->assigned().empty()) record_ids();
  const auto& prepared = ctx_->sources();
  for (auto& [name, out] : outputs_) {
    out->publish(options_.replace);
    WrittenFile f{name,
                  {},
                  prepared.sources.at(name)->facts().path,
                  out->final_path().string(),
                  sha256_[name],
                  fs::file_size(out->final_path())};
    for (const auto& m : prepared.mappings) {
      if (file_name_of(prepared, m.name) == name) f.sources.push_back(m.name);
    }
    result_.outputs.push_back(std::move(f));  // a later failure still reports it
  }
}

void Rollback::record_ids() {
  PgSession recorder(options_.target_dsn, options_.lock_timeout_seconds,
                     options_.statement_timeout_seconds);
  Transaction record(recorder);
  record_assigned_ids(recorder, *ids_);
  record.commit();
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
  const auto body = [&] {
    Rollback(options, result).run();
    result.verdict = rollback_verdict(result, result.outputs.size());
  };
  const auto failed = [&](const Failure&) {
    if (!result.outputs.empty())
      return std::string("FAILED after publishing the files listed above; the others were not");
    return std::string(
        "FAILED: no file was written; the originals and PostgreSQL are as they were");
  };
  return run_and_report(result, options, body, failed, print_rollback, "the rollback");
}

}  // namespace s2p

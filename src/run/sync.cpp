// sqlite2pg sync: after a committed migrate, applies to PostgreSQL exactly the rows added,
// changed and deleted in SQLite since the last committed migrate or sync, in one transaction,
// so the cutover window holds only the last delta. Rows PostgreSQL changed meanwhile are
// conflicts: refused, never overwritten.
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdio>

#include "sqlite2pg/load/target_tables.h"
#include "sqlite2pg/pg/citus.h"
#include "sqlite2pg/pg/ledger.h"
#include "sqlite2pg/pg/sync_stage.h"
#include "sqlite2pg/run/command_context.h"
#include "sqlite2pg/run/commands.h"
#include "sqlite2pg/run/progress.h"
#include "sqlite2pg/run/run_record.h"
#include "sqlite2pg/sync/logged_changes.h"
#include "sqlite2pg/sync/table_sync.h"
#include "sqlite2pg/util/interrupt.h"
#include "sqlite2pg/util/private_file.h"
#include "sync_capture.h"
#include "sync_summary.h"

namespace s2p {
namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

TableResult table_result(const TablePlan& t, const CutoverRecord& baseline, const TableChanges& c) {
  TableResult r{t.source_mapping->name, t.mapping->source_table, t.mapping->target_name()};
  r.baseline_run = baseline.run_id;
  r.source_rows = c.source.rows() + c.rejected.count;
  r.rejected_rows = c.rejected.count;
  r.differences[DiffKind::rejected_in_source] = c.rejected.count;
  r.source_checksum = c.source.hex();
  r.target_rows = c.recorded.rows();  // until changes are applied: as the last run recorded
  r.target_checksum = c.recorded.hex();
  r.matches = c.source == c.recorded;
  r.samples = c.rejected.samples;
  return r;
}

// The counts once the target's rows of the changed keys were read.
void count_changes(const TableChanges& c, TableResult& r) {
  r.inserted = c.inserts.size();
  r.updated = c.updates.size();
  r.deleted = c.deletes.size();
  r.unchanged = c.source.rows() - r.inserted - r.updated;
  for (const auto& k : c.conflicts) ++r.differences[k.kind];
}

// Refuses the whole sync when any row conflicts, naming each.
void refuse_conflicts(PgSession& pg, const LoadPlan& plan, const std::vector<TableChanges>& all,
                      std::size_t limit, RunResult& result) {
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i].conflicts.empty()) continue;
    total += all[i].conflicts.size();
    for (auto& d : name_conflicts(pg, plan.tables[i], all[i].conflicts, limit))
      result.tables[i].samples.push_back(std::move(d));
  }
  if (!total) return;
  throw Failure(ExitCode::mismatch,
                std::to_string(total) +
                    " row(s) changed in PostgreSQL since the last migrate or sync (listed above); "
                    "sync never overwrites them, and changed nothing");
}

using Syncs = std::vector<std::unique_ptr<TableSync>>;

// A TableSync for each table with changes, each checked against the target's rows.
Syncs check_targets(PgSession& pg, const LoadPlan& plan, std::vector<TableChanges>& all,
                    RunResult& result) {
  prefer_index_lookups(pg);
  Syncs syncs(plan.tables.size());
  for (std::size_t i = 0; i < plan.tables.size(); ++i) {
    if (all[i].changed()) {
      syncs[i] = std::make_unique<TableSync>(pg, plan.tables[i], all[i], static_cast<int>(i));
      syncs[i]->check_target();
    }
    count_changes(all[i], result.tables[i]);
  }
  return syncs;
}

// Inserts and updates parents first, then deletions children first (a row may have moved off
// the one deleted), then every applied row read back and each changed table's checksum checked.
void apply_changes(const LoadPlan& plan, const std::vector<TableChanges>& all, Syncs& syncs,
                   RunResult& result) {
  for (std::size_t i = 0; i < plan.tables.size(); ++i) {
    throw_if_interrupted("applying " + plan.tables[i].label());
    if (syncs[i]) syncs[i]->upsert_rows();
  }
  for (std::size_t i = plan.tables.size(); i-- > 0;) {
    throw_if_interrupted("deleting from " + plan.tables[i].label());
    if (syncs[i]) syncs[i]->delete_rows();
  }
  for (std::size_t i = 0; i < plan.tables.size(); ++i) {
    auto& r = result.tables[i];
    if (!syncs[i]) continue;
    throw_if_interrupted("reading back " + plan.tables[i].label());
    const RowChecksum after = syncs[i]->read_back();
    r.target_rows = after.rows();
    r.target_checksum = after.hex();
    r.remapped_ids = syncs[i]->new_ids();
    r.matches = after == all[i].source;
    if (!r.matches) {
      throw Failure(ExitCode::mismatch,
                    plan.tables[i].where() + ": after the sync " + r.target_table + " holds " +
                        std::to_string(after.rows()) + " rows (checksum " + r.target_checksum +
                        "), SQLite " + std::to_string(all[i].source.rows()) + " (checksum " +
                        r.source_checksum + ")");
    }
  }
}

// A table's changes: from its source's change log when that is provably complete, else by a
// pass over the whole table; `how` says which, and why not the log.
TableChanges find_table_changes(PgSession& pg, const TablePlan& t, const CutoverRecord& baseline,
                                const LogWindows& windows, const SyncOptions& options,
                                RejectFile* rejects, std::atomic<std::uint64_t>& rows,
                                std::string& how) {
  std::string why;
  const auto w = windows.find(t.source_mapping->name);
  if (w != windows.end() && w->second.usable) {
    const auto n = w->second.numbers.find(t.mapping->source_table);
    if (n == w->second.numbers.end()) {
      why = "not captured, or not read by run " + std::to_string(w->second.run_id);
    } else {
      LogSlice slice{n->second, w->second.after_seq,
                     describe_for_capture(t.source->db(), t.mapping->source_table, why)};
      if (why.empty()) why = why_not_from_log(t, slice);
      if (why.empty()) {
        auto c =
            find_logged_changes(pg, t, baseline, slice, options.sample_limit, rows, rejects, why);
        if (c) {
          how = "log";
          return std::move(*c);
        }
      }
    }
  }
  how = why.empty() ? "" : "whole: " + why;
  return find_changes(pg, t, baseline, options.sample_limit, rows, rejects);
}

// Every table compared with what the last run recorded, in plan order.
std::vector<TableChanges> find_all_changes(PgSession& pg, const LoadPlan& plan,
                                           const std::vector<CutoverRecord>& baselines,
                                           const LogWindows& windows, const SyncOptions& options,
                                           RejectFile* rejects, RunResult& result) {
  std::vector<std::string> how(plan.tables.size());
  std::vector<bool> from_log;
  for (const auto& t : plan.tables) {
    const auto w = windows.find(t.source_mapping->name);
    from_log.push_back(w != windows.end() && w->second.usable);
  }
  return compare_each_table<TableChanges>(
      "sync", plan, options, result,
      [&](std::size_t i, std::atomic<std::uint64_t>& rows) {
        return find_table_changes(pg, plan.tables[i], baselines[i], windows, options, rejects, rows,
                                  how[i]);
      },
      [&](std::size_t i, const TableChanges& c) {
        auto r = table_result(plan.tables[i], baselines[i], c);
        r.read_from = how[i];
        return r;
      },
      &from_log);
}

// The fingerprints of every table whose SQLite rows changed; returns those tables' results,
// for the run's record.
std::vector<TableResult> record_changed_tables(PgSession& pg, const LoadPlan& plan,
                                               std::vector<TableChanges>& all,
                                               const std::vector<CutoverRecord>& baselines,
                                               std::int64_t run_id, RunResult& result) {
  const auto start = Clock::now();
  std::vector<TableResult> recorded;
  for (std::size_t i = 0; i < plan.tables.size(); ++i) {
    if (!all[i].drifted) continue;
    const auto f = record_fingerprints(pg, plan.tables[i], all[i], baselines[i], run_id);
    all[i].source_rows.reset();  // its disk space back before the next table's
    auto& r = result.tables[i];
    r.fingerprints = f.all ? "all" : "changes";
    r.fingerprint_rows = f.rows;
    recorded.push_back(r);
  }
  spdlog::info("recording fingerprints: {:.2f} s", seconds_since(start));
  result.changed_tables = recorded.size();
  return recorded;
}

// Foreign-key actions and triggers change rows sync neither sent nor reads back: each table's
// inserts, updates and deletes, as PostgreSQL counts them, must be exactly sync's own.
void refuse_side_effects(PgSession& pg, const LoadPlan& plan, const Syncs& syncs) {
  std::string surplus;
  std::string unseen;
  const auto check = [&](const TargetTable& t, const RowActivity& expected) {
    if (plan.distribution && plan.distribution->find(t.schema, t.name)) {
      if (expected == RowActivity{}) return;
      const bool updates_or_deletes = expected.updated + expected.deleted > 0;
      for (const auto& s : side_effect_sources(pg, t.qualified(), updates_or_deletes))
        unseen += "\n  - " + t.schema + "." + t.name + ": " + s;
      return;
    }
    const auto actual = transaction_activity(pg, t);
    if (!actual || *actual == expected) return;
    surplus += "\n  - " + t.schema + "." + t.name + ": " + std::to_string(actual->inserted) +
               " inserted, " + std::to_string(actual->updated) + " updated, " +
               std::to_string(actual->deleted) + " deleted; sync applied " +
               std::to_string(expected.inserted) + ", " + std::to_string(expected.updated) + ", " +
               std::to_string(expected.deleted);
  };
  for (std::size_t i = 0; i < plan.tables.size(); ++i) {
    const auto* s = syncs[i].get();
    check(plan.tables[i].target,
          s ? RowActivity{s->inserted(), s->updated(), s->deleted()} : RowActivity{});
  }
  for (const auto& t : unmapped_referencing(pg, plan)) check(t, RowActivity{});
  if (!unseen.empty()) {
    throw Failure(ExitCode::source_data,
                  "on Citus the rows a foreign key's action or a trigger changes on the workers "
                  "cannot be counted, and sync changed rows of tables that have them:" +
                      unseen + "\nnothing was applied");
  }
  if (surplus.empty()) return;
  throw Failure(ExitCode::source_data,
                "applying the changes changed other rows too (a foreign key's ON DELETE or ON "
                "UPDATE action, or a trigger):" +
                    surplus +
                    "\nnothing was applied; the usual cause is a row deleted in SQLite whose "
                    "children SQLite still holds");
}

void commit_sync(PgSession& pg, Transaction& transaction, const RunRecord& run) {
  throw_if_interrupted("about to commit");  // a signal before COMMIT means no commit
  if (!pg.in_transaction()) {
    throw Failure(ExitCode::target,
                  "the sync transaction is no longer open; nothing is committed by sqlite2pg");
  }
  const auto start = Clock::now();
  record_run(pg, run);
  transaction.commit();
  spdlog::info("committing: {:.2f} s", seconds_since(start));
}

// The tables that changed get their after_load statements again (the rows a sync inserts need
// the columns they fill), and the standalone sequences move past what the new rows used.
void rerun_after_load(PgSession& pg, const LoadPlan& plan,
                      const std::vector<SourceMapping>& mappings,
                      const std::vector<TableChanges>& all, RunResult& result) {
  std::vector<bool> changed;
  for (const auto& c : all) changed.push_back(c.changed() > 0);
  report_after_load(run_after_load_steps(pg, plan, mappings, {&changed}), result);
}

void sync(const SyncOptions& options, RunResult& result) {
  auto mappings = load_source_mappings(options.mappings_dir, options.source_paths);
  CommandContext ctx(options, result);
  spdlog::info("target {}", result.target);
  PgSession& pg = ctx.pg();
  Transaction& transaction = ctx.begin();
  lock_and_create_ledger(pg);  // no migrate or other sync runs meanwhile
  require_recorded_runs(pg);
  // Before the snapshots: a write to a file must not wait for this sync's own read.
  const auto captures = recorded_captures(pg, mappings);
  if (!options.dry_run) forget_consumed_logs(mappings, captures, result);
  // No sha256 of the files: a pass over each, while the window should cost only the change.
  const auto& prepared = ctx.adopt(open_sources(
      std::move(mappings), {result.mapping_files, result.sources}, false, /*hash_files=*/false));
  const LogWindows windows = log_windows(result.sources, captures, options.read_whole, result);
  const LoadPlan& plan = ctx.build_plan();
  const auto baselines = baselines_of(pg, plan, "sync");
  auto rejects = open_reject_file(plan, options.rejects);
  std::vector<const TargetTable*> targets;
  for (const auto& t : plan.tables) targets.push_back(&t.target);
  lock_against_writes(pg, targets);
  const std::int64_t run_id = next_run_id(pg);
  auto all = find_all_changes(pg, plan, baselines, windows, options, rejects ? &*rejects : nullptr,
                              result);
  auto syncs = check_targets(pg, plan, all, result);
  refuse_conflicts(pg, plan, all, options.sample_limit, result);
  std::uint64_t changed = 0;
  for (const auto& c : all) changed += c.changed();
  spdlog::info("applying {} changed row(s)", changed);
  const auto apply_start = Clock::now();
  apply_changes(plan, all, syncs, result);
  refuse_side_effects(pg, plan, syncs);
  rerun_after_load(pg, plan, prepared.mappings, all, result);
  spdlog::info("applying: {:.2f} s", seconds_since(apply_start));
  const auto recorded = record_changed_tables(pg, plan, all, baselines, run_id, result);
  ctx.end_snapshots();
  if (!options.dry_run) commit_sync(pg, transaction, run_record(result, run_id, recorded, "sync"));
}

}  // namespace

ExitCode run_sync(const SyncOptions& options) {
  RunResult result;
  result.command = "sync";
  result.dry_run = options.dry_run;
  // Opened only once a table rejects rows; refused before anything happens.
  if (options.rejects) check_private_file(*options.rejects, "--rejects", ExitCode::usage);
  const auto body = [&] {
    sync(options, result);
    result.verdict = sync_verdict(options, result);
    for (const auto& t : result.tables) {
      if (t.rejected_rows) result.exit_code = ExitCode::rejected;
    }
  };
  const auto failed = [&](const Failure&) {
    return std::string(options.dry_run ? "DRY RUN FAILED" : "FAILED") +
           ": nothing was applied; the target is as it was";
  };
  return run_and_report(result, options, body, failed, print_sync, "the sync");
}

}  // namespace s2p

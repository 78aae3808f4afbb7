// sqlite2pg migrate: apply pending migrations and load every mapped table in one transaction,
// validate what landed by reading it back, and commit only when every table matches.
#include <spdlog/spdlog.h>

#include <chrono>

#include "sqlite2pg/load/target_tables.h"
#include "sqlite2pg/pg/etl_store.h"
#include "sqlite2pg/run/command_context.h"
#include "sqlite2pg/run/commands.h"
#include "sqlite2pg/run/progress.h"
#include "sqlite2pg/run/run_record.h"
#include "sqlite2pg/schema/migrations.h"
#include "sqlite2pg/util/interrupt.h"
#include "sqlite2pg/util/private_file.h"
#include "sqlite2pg/util/secrets.h"
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

void apply_migrations(PgSession& pg, std::vector<MigrationFile> files, RunResult& result) {
  for (const auto& m : apply_pending_migrations(pg, std::move(files))) {
    result.migrations_applied.push_back(m.name);
    spdlog::info("applied migration {}", m.name);
  }
  pg.reset_session();
  if (const auto missing = missing_etl_tables(pg); !missing.empty()) {
    throw Failure(ExitCode::config, missing_etl_text(missing.front()));
  }
}

void load_tables(PgSession& pg, const LoadPlan& plan, std::int64_t run_id,
                 const MigrateOptions& options, Progress& progress, RejectFile* rejects,
                 RunResult& result) {
  for (std::size_t i = 0; i < plan.tables.size(); ++i) {
    const auto& t = plan.tables[i];
    progress.start(i, "loading");
    const LoadedTable l = load_table(pg, t, run_id, options.load, progress.rows(i), rejects);
    progress.finish(i);
    TableResult r{t.source_mapping->name, t.mapping->source_table, t.mapping->target_name()};
    r.loaded_rows = l.loaded_rows;
    r.rejected_rows = l.rejected_rows;
    r.source_rows = l.loaded_rows + l.rejected_rows;
    r.remapped_ids = l.remapped_ids;
    r.source_checksum = l.checksum;
    r.seconds = l.seconds;
    result.tables.push_back(std::move(r));
  }
}

// Every table read back from PostgreSQL and compared with what was sent.
void validate_tables(PgSession& pg, const LoadPlan& plan, Progress& progress, RunResult& result) {
  bool all_match = true;
  const auto validation_start = Clock::now();
  for (std::size_t i = 0; i < plan.tables.size(); ++i) {
    auto& r = result.tables[i];
    const auto start = Clock::now();
    throw_if_interrupted("validating " + plan.tables[i].label());
    progress.start(i, "validating");
    const RowChecksum back = read_back_table(pg, plan.tables[i], progress.rows(i));
    progress.finish(i);
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
}

void commit_run(PgSession& pg, Transaction& transaction, const RunResult& result,
                std::int64_t run_id) {
  throw_if_interrupted("about to commit");  // a signal before COMMIT means no commit
  if (!pg.in_transaction()) {
    throw Failure(ExitCode::target,
                  "the cutover transaction is no longer open; nothing is committed by sqlite2pg");
  }
  phase("committing", [&] {
    record_run(pg, run_record(result, run_id, result.tables));
    transaction.commit();
  });
}

void cutover(const MigrateOptions& options, RunResult& result) {
  auto sources = prepare_sources(options.mappings_dir, options.source_paths,
                                 {result.mapping_files, result.sources});
  auto migrations = read_migration_files(options.migrations_dir);
  CommandContext ctx(options, result);
  spdlog::info("target {}", result.target);
  const auto& prepared = ctx.adopt(std::move(sources));
  PgSession& pg = ctx.pg();
  Transaction& transaction = ctx.begin();
  apply_migrations(pg, std::move(migrations), result);
  const std::int64_t run_id = next_run_id(pg);
  const LoadPlan& plan = ctx.build_plan();
  auto rejects = open_reject_file(plan, options.rejects);
  for (const auto& w : plan.warnings) spdlog::warn("{}", w);
  empty_targets(pg, plan, options.replace);
  LoadConstraints constraints(pg, plan);
  constraints.drop();
  PlanProgress progress("migrate", plan, options);
  phase("loading", [&] {
    load_tables(pg, plan, run_id, options, *progress, rejects ? &*rejects : nullptr, result);
  });
  phase("building indexes", [&] { constraints.build_indexes(); });
  phase("checking references", [&] { check_references(pg, plan); });
  phase("re-creating foreign keys", [&] { constraints.add_foreign_keys(); });
  phase("restarting sequences", [&] { restart_sequences(pg, plan); });
  phase("running after_load statements and sequence queries",
        [&] { report_after_load(run_after_load_steps(pg, plan, prepared.mappings), result); });
  validate_tables(pg, plan, *progress, result);
  ctx.end_snapshots();
  if (!options.dry_run) commit_run(pg, transaction, result, run_id);
}

std::string verdict_of(const MigrateOptions& options, const RunResult& result,
                       std::uint64_t rejected) {
  std::uint64_t rows = 0;
  for (const auto& t : result.tables) rows += t.target_rows;
  const std::string what =
      std::to_string(result.tables.size()) + " tables, " + std::to_string(rows) + " rows";
  std::string verdict = options.dry_run
                            ? "DRY RUN OK: " + what +
                                  " loaded and validated, then rolled back; a real run would commit"
                            : "COMMITTED: " + what + " loaded and validated";
  if (rejected) {
    verdict += "; " + std::to_string(rejected) +
               " row(s) REJECTED by on_error: reject, written to " + options.rejects->string() +
               " (loaded + rejected = source rows)";
  }
  return verdict;
}

}  // namespace

ExitCode run_migrate(const MigrateOptions& options) {
  RunResult result;
  result.command = "migrate";
  result.dry_run = options.dry_run;
  // Opened only once a table rejects rows; refused before anything happens.
  if (options.rejects) check_private_file(*options.rejects, "--rejects", ExitCode::usage);
  const auto body = [&] {
    cutover(options, result);
    std::uint64_t rejected = 0;
    for (const auto& t : result.tables) rejected += t.rejected_rows;
    result.verdict = verdict_of(options, result, rejected);
    if (rejected) result.exit_code = ExitCode::rejected;
  };
  const auto failed = [&](const Failure&) {
    return std::string(options.dry_run ? "DRY RUN FAILED" : "FAILED") +
           ": nothing was committed; the target is as it was";
  };
  return run_and_report(result, options, body, failed, print_summary, "the cutover");
}

}  // namespace s2p

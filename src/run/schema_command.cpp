// sqlite2pg schema up|status: the migrations ledger on its own.
#include <cstdio>

#include "sqlite2pg/pg/transaction.h"
#include "sqlite2pg/run/commands.h"
#include "sqlite2pg/schema/migrations.h"

namespace s2p {

ExitCode run_schema_up(const SchemaOptions& options) {
  auto files = read_migration_files(options.migrations_dir);
  PgSession pg(options.target_dsn, options.lock_timeout_seconds, options.statement_timeout_seconds);
  Transaction transaction(pg);  // a failing file leaves nothing applied
  const auto applied = apply_pending_migrations(pg, std::move(files));
  transaction.commit();
  for (const auto& m : applied)
    std::printf("applied  %s  %s\n", m.name.c_str(), m.sha256.substr(0, 12).c_str());
  std::printf("%s\n",
              applied.empty()
                  ? "schema is up to date: nothing to apply"
                  : ("applied " + std::to_string(applied.size()) + " migration(s)").c_str());
  return ExitCode::ok;
}

ExitCode run_schema_status(const SchemaOptions& options) {
  auto files = read_migration_files(options.migrations_dir);
  PgSession pg(options.target_dsn, options.lock_timeout_seconds, options.statement_timeout_seconds);
  const auto state = migration_state(pg, std::move(files));
  std::printf("%-8s %-32s %-14s %s\n", "version", "name", "sha256", "state");
  for (const auto& f : state.files) {
    std::string status = "pending";
    for (const auto& a : state.applied) {
      if (a.version == f.version)
        status = a.sha256 == f.sha256 ? "applied " + a.applied_at : "CHANGED since applied";
    }
    std::printf("%-8d %-32s %-14s %s\n", f.version, f.name.c_str(), f.sha256.substr(0, 12).c_str(),
                status.c_str());
  }
  for (const auto& p : state.problems) std::printf("problem: %s\n", p.c_str());
  std::printf("%zu applied, %zu pending, %zu problem(s)\n", state.applied.size(),
              state.pending.size(), state.problems.size());
  return state.problems.empty() ? ExitCode::ok : ExitCode::config;
}

}  // namespace s2p

#pragma once
#include "sqlite2pg/run/run_result.h"
#include "sqlite2pg/scaffold/scaffold.h"

namespace s2p {

// Each command prints its own summary, writes its report if asked, and returns the exit code.
ExitCode run_migrate(const MigrateOptions& options);
ExitCode run_verify(const VerifyOptions& options);
ExitCode run_inventory(const InventoryOptions& options);
ExitCode run_sync(const SyncOptions& options);
ExitCode run_rollback(const RollbackOptions& options);
ExitCode run_plan(const PlanOptions& options);
ExitCode run_capture(const CaptureOptions& options);

struct ScaffoldRequest {  // scaffold's options, as the command line gives them
  ScaffoldOptions options;
  std::string output;          // the mapping file; stdout when empty
  std::string ddl;             // the CREATE TABLE migration; not written when empty
  std::string names = "keep";  // keep: PostgreSQL names as SQLite's; lower: folded to lower case
  std::string target_dsn;      // --target: onto the tables that exist there, no DDL
  double lock_timeout_seconds = 10, statement_timeout_seconds = 0;
};
ExitCode run_scaffold(const ScaffoldRequest& command);
ExitCode run_schema_up(const SchemaOptions& options);
ExitCode run_schema_status(const SchemaOptions& options);

}  // namespace s2p

#include "sqlite2pg/cli/commands.h"
#include "sqlite2pg/cli/option_values.h"

namespace s2p::cli {

void ScaffoldCommand::declare(CLI::App& root, CommonOptions& common) {
  app_ =
      add_command(root, "scaffold", "propose a mapping (and a target schema) for any SQLite file");
  auto& o = scaffold_.options;
  add_value(app_, "SQLITE_FILE", o.sqlite_file, "", "the SQLite database")->required();
  add_value(app_, "--source", o.source_name, "NAME", "source name (default: the file's name)");
  add_value(app_, "--schema", o.target_schema, "SCHEMA",
            "target schema (default: the source name)");
  add_value(app_, "-o,--output", scaffold_.output, "FILE",
            "write the mapping to FILE (default: standard output)");
  add_value(app_, "--ddl", scaffold_.ddl, "FILE", "also write a CREATE TABLE migration to FILE");
  add_value(app_, "--target", scaffold_.target_dsn, "DSN",
            "map onto the tables that already exist in --schema (default public) of this "
            "PostgreSQL database instead of proposing a schema; exit 3 while something is left "
            "to decide")
      ->excludes("--ddl");
  add_choice(app_, "--names", scaffold_.names, {"keep", "lower"},
             "keep: PostgreSQL names as written in SQLite (quoted where they need it); lower: "
             "folded to lower case, as unquoted PostgreSQL names are (default keep)");
  add_count(app_, "--sample", o.sample_rows, "ROWS", "rows sampled per table to guess transforms",
            1, 1'000'000'000);
  common.declare(app_);
}

ExitCode ScaffoldCommand::run(const CommonOptions& common) {
  RunOptions run;
  common.apply(run);
  scaffold_.lock_timeout_seconds = run.lock_timeout_seconds;
  scaffold_.statement_timeout_seconds = run.statement_timeout_seconds;
  return run_scaffold(scaffold_);
}

}  // namespace s2p::cli

#include "sqlite2pg/cli/commands.h"
#include "sqlite2pg/cli/option_values.h"

namespace s2p::cli {

void VerifyCommand::declare(CLI::App& root, CommonOptions& common) {
  app_ = add_run_command(root, "verify",
                         "compare every mapped source with the target: may the SQLite files go?");
  app_->add_flag(
      "--exact", options_.exact,
      "also fail on rows changed or added in PostgreSQL: the target must equal the sources");
  add_value(app_, "--archive", options_.archive_dir, "DIR",
            "after a SAFE verdict, write a checked .tar.gz of the SQLite files (with their -wal, "
            "as proved) into DIR");
  add_limit(app_, options_.sample_limit, "kind of difference and table");
  common.declare(app_);
}

ExitCode VerifyCommand::run(const CommonOptions& common) {
  prepare(common);
  return run_verify(options_);
}

}  // namespace s2p::cli

#include "sqlite2pg/cli/commands.h"

namespace s2p::cli {

void PlanCommand::declare(CLI::App& root, CommonOptions& common) {
  app_ = add_run_command(
      root, "plan", "preflight: report everything that would make migrate fail; writes nothing");
  add_migrations(app_, options_.migrations_dir);
  app_->add_flag("--replace", options_.replace,
                 "target tables that hold rows are not a problem (migrate --replace empties them)");
  add_limit(app_, options_.sample_limit, "kind of problem");
  common.declare(app_);
}

ExitCode PlanCommand::run(const CommonOptions& common) {
  prepare(common);
  return run_plan(options_);
}

}  // namespace s2p::cli

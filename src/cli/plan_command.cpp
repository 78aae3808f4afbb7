#include "sqlite2pg/cli/commands.h"

namespace s2p::cli {

void PlanCommand::declare(CLI::App& root, CommonOptions& common) {
  app_ = add_run_command(
      root, "plan", "preflight: report everything that would make migrate fail; writes nothing");
  add_migrations(app_);
  app_->add_flag("--replace", options_.replace,
                 "target tables that hold rows are not a problem (migrate --replace empties them)");
  add_limit(app_, "kind of problem");
  common.declare(app_);
}

ExitCode PlanCommand::run(const CommonOptions& common) { return run_plan(prepare(common)); }

}  // namespace s2p::cli

#include "sqlite2pg/cli/commands.h"

namespace s2p::cli {

void SchemaCommand::declare(CLI::App& root, CommonOptions& common) {
  app_ = add_command(root, "schema", "apply or list the numbered SQL migrations");
  app_->require_subcommand(1);
  up_ = add_command(*app_, "up", "apply the pending migrations in one transaction");
  auto* status = add_command(*app_, "status", "list applied and pending migrations");
  for (auto* sub : {up_, status}) {
    add_target(sub);
    add_migrations(sub, options_.migrations_dir);
    common.declare(sub);
  }
}

ExitCode SchemaCommand::run(const CommonOptions& common) {
  prepare(common);
  return up_->parsed() ? run_schema_up(options_) : run_schema_status(options_);
}

}  // namespace s2p::cli

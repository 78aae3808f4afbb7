#include "sqlite2pg/cli/commands.h"
#include "sqlite2pg/cli/option_values.h"

namespace s2p::cli {

void InventoryCommand::declare(CLI::App& root, CommonOptions& common) {
  app_ = add_run_command(root, "inventory",
                         "find every SQLite file under DIR...: what is it, and may it go?");
  app_->add_option("DIR", options_.folders,
                   "folders to search (symbolic links to folders are "
                   "not followed)")
      ->required();
  app_->add_flag("--exact", options_.verify.exact,
                 "mapped sources: also fail on rows changed or added in PostgreSQL");
  add_value(app_, "--delete-script", options_.delete_script, "FILE",
            "write the deletion script to FILE instead of stdout's last lines");
  add_value(app_, "--archive", options_.verify.archive_dir, "DIR",
            "write a checked .tar.gz of the files on the deletion list into DIR");
  add_limit(app_, options_.verify.sample_limit, "kind of difference and table");
  common.declare(app_);
}

ExitCode InventoryCommand::run(const CommonOptions& common) {
  prepare(common);
  return run_inventory(options_);
}

}  // namespace s2p::cli

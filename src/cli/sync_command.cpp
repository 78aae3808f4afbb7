#include "sqlite2pg/cli/commands.h"
#include "sqlite2pg/cli/option_values.h"

namespace s2p::cli {

void SyncCommand::declare(CLI::App& root, CommonOptions& common) {
  app_ = add_run_command(root, "sync",
                         "apply the rows added, changed and deleted in SQLite since the last "
                         "migrate or sync, in one transaction");
  app_->add_flag("--dry-run", options_.dry_run,
                 "do everything, then roll back; the summary shows what would be applied");
  app_->add_flag("--read-whole", options_.read_whole,
                 "read every table whole, even where capture's change log could give its changes");
  add_value(app_, "--rejects", options_.rejects, "FILE",
            "where tables with on_error: reject write the rows they refuse (created with mode "
            "0600)");
  add_limit(app_, options_.sample_limit, "kind of conflict and table");
  common.declare(app_);
}

ExitCode SyncCommand::run(const CommonOptions& common) {
  prepare(common);
  return run_sync(options_);
}

}  // namespace s2p::cli

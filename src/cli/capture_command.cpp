#include "sqlite2pg/cli/commands.h"
#include "sqlite2pg/cli/option_values.h"

namespace s2p::cli {

void CaptureCommand::declare(CLI::App& root, CommonOptions& common) {
  app_ = add_command(root, "capture",
                     "log the writes to the mapped tables inside each source file, so that sync "
                     "reads only the rows that changed");
  app_->require_subcommand(1);
  start_ = add_command(*app_, "start",
                       "add the log and its triggers to every mapped source, one transaction each");
  auto* status = add_command(*app_, "status",
                             "show whether capture is on, since when, what it logged and, with "
                             "--target, what the last sync consumed");
  add_value(status, "--target", run_.target_dsn, "DSN",
            "the PostgreSQL the sources are synced to: shows what its last run consumed");
  stop_ = add_command(*app_, "stop",
                      "remove the log and the triggers, leaving every other object as it was");
  for (auto* sub : {start_, status, stop_}) {
    add_source_options(sub);
    common.declare(sub);
  }
}

ExitCode CaptureCommand::run(const CommonOptions& common) {
  prepare(common);
  options_.action = start_->parsed()  ? CaptureOptions::Action::start
                    : stop_->parsed() ? CaptureOptions::Action::stop
                                      : CaptureOptions::Action::status;
  return run_capture(options_);
}

}  // namespace s2p::cli

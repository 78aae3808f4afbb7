#include "sqlite2pg/cli/common_options.h"

#include <cstdlib>

#include "sqlite2pg/cli/option_values.h"
#include "sqlite2pg/extract/sqlite_source.h"
#include "sqlite2pg/util/logging.h"

namespace s2p::cli {

void CommonOptions::declare(CLI::App* app) {
  const std::string group = "Options every command takes";
  add_choice(app, "--log-level", log_level, {"trace", "debug", "info", "warn", "error", "off"},
             "how much to log")
      ->group(group);
  app->add_flag("-q,--quiet", quiet, "no progress; print only warnings, errors and the verdict")
      ->group(group);
  add_value(app, "--log-file", log_file, "FILE",
            "also write the log to FILE (appended to; created with mode 0600)")
      ->group(group);
  connect_timeout_options_.push_back(
      add_seconds(app, "--connect-timeout", connect_timeout,
                  "how long to wait for PostgreSQL to answer a connection", 1, 3600)
          ->group(group));
  add_seconds(app, "--lock-timeout", lock_timeout,
              "how long to wait for a lock another session holds", 0, 86400, "wait forever")
      ->group(group);
  add_seconds(app, "--statement-timeout", statement_timeout, "how long any one statement may run",
              0, 86400, "no limit")
      ->group(group);
  add_seconds(app, "--busy-timeout", busy_timeout,
              "how long to wait for a SQLite writer's lock before failing", 0, 3600)
      ->group(group);
  add_seconds(app, "--progress-interval", progress_interval,
              "time between progress lines when stderr is not a terminal", 0.05, 3600)
      ->group(group);
}

void CommonOptions::apply(RunOptions& run) const {
  setup_logging(log_level, quiet, log_file);
  SqliteSource::set_busy_timeout(busy_timeout);
  // libpq takes connect_timeout from the DSN first, then PGCONNECT_TIMEOUT: an explicit
  // option wins over the environment, the default does not.
  bool given = false;
  for (const auto* o : connect_timeout_options_) given = given || o->count() > 0;
  const std::string seconds = std::to_string(static_cast<int>(connect_timeout));
  setenv("PGCONNECT_TIMEOUT", seconds.c_str(), given ? 1 : 0);
  run.quiet = quiet;
  run.lock_timeout_seconds = lock_timeout;
  run.statement_timeout_seconds = statement_timeout;
  run.progress_interval_seconds = progress_interval;
}

}  // namespace s2p::cli

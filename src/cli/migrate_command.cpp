#include "sqlite2pg/cli/commands.h"
#include "sqlite2pg/cli/option_values.h"

namespace s2p::cli {

void MigrateCommand::declare(CLI::App& root, CommonOptions& common) {
  app_ = add_run_command(root, "migrate",
                         "apply the migrations, load every mapped table, validate, commit");
  add_migrations(app_, options_.migrations_dir);
  app_->add_flag("--dry-run", options_.dry_run,
                 "do everything, then roll back; the exit code says whether it would commit");
  app_->add_flag("--replace", options_.replace,
                 "empty target tables that already hold rows (in the same transaction)");
  add_value(app_, "--rejects", options_.rejects, "FILE",
            "where tables with on_error: reject write the rows they refuse (created with mode "
            "0600)");
  add_count(app_, "--batch-bytes", options_.load.batch_bytes, "BYTES",
            "COPY data handed to libpq per call", 1, std::size_t{1} << 30);
  add_choice(app_, "--copy-format", copy_format_, {"binary", "text"},
             "binary is fast; text has PostgreSQL parse every value, as a cross-check");
  common.declare(app_);
}

ExitCode MigrateCommand::run(const CommonOptions& common) {
  options_.load.format = copy_format_ == "text" ? CopyFormat::text : CopyFormat::binary;
  prepare(common);
  return run_migrate(options_);
}

}  // namespace s2p::cli

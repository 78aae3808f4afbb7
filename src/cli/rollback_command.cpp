#include "sqlite2pg/cli/commands.h"
#include "sqlite2pg/cli/option_values.h"

namespace s2p::cli {

void RollbackCommand::declare(CLI::App& root, CommonOptions& common) {
  app_ = add_run_command(root, "rollback",
                         "write DIR/<source>.db: each SQLite file with PostgreSQL's changes since "
                         "the last migrate or sync applied, proved row by row");
  add_value(app_, "--out", options_.out_dir, "DIR",
            "where the new SQLite files go (created if missing); the originals are only read")
      ->required();
  app_->add_flag("--replace", options_.replace, "replace DIR/<source>.db files already there");
  auto* assign = app_->add_flag(
      "--assign-ids", options_.assign_ids,
      "a row PostgreSQL created whose INTEGER id has no legacy form (gen_random_uuid()) gets the "
      "next INTEGER past the table's highest, listed in the summary and the report");
  app_->add_flag("--record-ids", options_.record_ids,
                 "also record the ids --assign-ids gave in etl.id_map (committed once the files "
                 "are proved)")
      ->needs(assign);
  add_limit(app_, options_.sample_limit, "kind of difference and table");
  common.declare(app_);
}

ExitCode RollbackCommand::run(const CommonOptions& common) {
  prepare(common);
  return run_rollback(options_);
}

}  // namespace s2p::cli

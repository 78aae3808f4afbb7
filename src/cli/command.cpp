#include "sqlite2pg/cli/command.h"

#include "sqlite2pg/cli/commands.h"
#include "sqlite2pg/cli/option_values.h"
#include "sqlite2pg/util/secrets.h"

namespace s2p::cli {

CLI::App* Command::add_command(CLI::App& parent, const std::string& name,
                               const std::string& description) {
  auto* app = parent.add_subcommand(name, description);
  app->group("Commands");
  return app;
}

std::string RunCommand::password() const { return password_of(run_.target_dsn); }

void RunCommand::add_target(CLI::App* app) {
  add_value(app, "--target", run_.target_dsn, "DSN",
            "PostgreSQL connection string or URI (default: libpq's PG* environment variables)");
}

CLI::App* RunCommand::add_run_command(CLI::App& root, const std::string& name,
                                      const std::string& description) {
  auto* app = add_command(root, name, description);
  add_target(app);
  add_source_options(app);
  return app;
}

void RunCommand::add_source_options(CLI::App* app) {
  add_value(app, "--mappings", run_.mappings_dir, "DIR", "directory of mapping YAML files",
            run_.mappings_dir.string());
  add_value(app, "--source", sources_, "NAME=PATH",
            "read source NAME from PATH instead of its production path (repeatable)");
  add_value(app, "--report", run_.report, "FILE",
            "write the run's JSON report to FILE (created with mode 0600)");
}

void RunCommand::add_migrations(CLI::App* app, std::filesystem::path& dir) {
  add_value(app, "--migrations", dir, "DIR", "directory of numbered NNN_name.sql migrations",
            dir.string());
}

void RunCommand::add_limit(CLI::App* app, std::size_t& limit, const std::string& what) {
  add_count(app, "--limit", limit, "N", "rows named per " + what, 0, 1000000);
}

void RunCommand::prepare(const CommonOptions& common) {
  common.apply(run_);
  for (const auto& s : sources_) {
    const auto eq = s.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == s.size()) {
      throw Failure(ExitCode::usage, "--source takes NAME=PATH, got '" + s + "'");
    }
    run_.source_paths[s.substr(0, eq)] = s.substr(eq + 1);
  }
}

std::vector<std::unique_ptr<Command>> all_commands(const CLI::App& root) {
  std::vector<std::unique_ptr<Command>> commands;
  commands.push_back(std::make_unique<SchemaCommand>());
  commands.push_back(std::make_unique<PlanCommand>());
  commands.push_back(std::make_unique<MigrateCommand>());
  commands.push_back(std::make_unique<SyncCommand>());
  commands.push_back(std::make_unique<RollbackCommand>());
  commands.push_back(std::make_unique<VerifyCommand>());
  commands.push_back(std::make_unique<InventoryCommand>());
  commands.push_back(std::make_unique<CaptureCommand>());
  commands.push_back(std::make_unique<ScaffoldCommand>());
  commands.push_back(std::make_unique<HelpCommand>(root));
  return commands;
}

}  // namespace s2p::cli

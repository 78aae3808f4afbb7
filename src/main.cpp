// sqlite2pg's command line: declares the commands, parses, runs the one named, and turns any
// failure into a message and an exit code (the only place that does).
#include <CLI/CLI.hpp>
#include <cstdio>

#include "sqlite2pg/cli/command.h"
#include "sqlite2pg/cli/help_formatter.h"
#include "sqlite2pg/cli/usage_error.h"
#include "sqlite2pg/util/interrupt.h"
#include "sqlite2pg/util/secrets.h"

namespace {

void print_failure(const s2p::Failure& f, const std::string& password, const CLI::App& app) {
  std::fprintf(stderr, "error: %s\n", s2p::redact(f.what(), password).c_str());
  if (f.code() == s2p::ExitCode::usage)
    std::fprintf(stderr, "Run '%s --help' for its options.\n", s2p::cli::command_path(app).c_str());
}

bool is_command(const CLI::App& app, const std::string& word) {
  for (const auto* s : app.get_subcommands({})) {
    if (s->get_name() == word) return true;
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  s2p::install_interrupt_handling();  // first: every thread started later inherits it
  const std::vector<std::string> arguments(argv + 1, argv + argc);
  CLI::App app{"sqlite2pg: move SQLite databases into PostgreSQL, all or nothing, and prove it",
               "sqlite2pg"};
  app.set_help_flag("-h,--help", "print this help and exit");
  app.set_version_flag("--version", std::string("sqlite2pg ") + SQLITE2PG_VERSION,
                       "print the version and exit");
  app.require_subcommand(1);
  app.formatter(s2p::cli::help_formatter());
  s2p::cli::CommonOptions common;
  common.declare(&app);
  auto commands = s2p::cli::all_commands(app);
  for (auto& c : commands) c->declare(app, common);

  // CLI11 would call a misspelt command an unexpected argument; name it instead.
  if (!arguments.empty() && arguments[0][0] != '-' && !is_command(app, arguments[0])) {
    return s2p::cli::unknown_command(app, arguments[0], arguments);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return s2p::cli::usage_error(app, e, arguments);
  }

  for (auto& c : commands) {
    if (!c->chosen()) continue;
    try {
      return static_cast<int>(c->run(common));
    } catch (...) {
      const s2p::Failure f = s2p::current_failure();
      print_failure(f, c->password(), app);
      return static_cast<int>(f.code());
    }
  }
  return static_cast<int>(s2p::ExitCode::internal);
}

#include <cstdio>

#include "sqlite2pg/cli/commands.h"

namespace s2p::cli {

void HelpCommand::declare(CLI::App& root, CommonOptions&) {
  app_ = add_command(root, "help", "show the help of sqlite2pg or of one command");
  app_->add_option("COMMAND", topic_, "a command, e.g. migrate or schema up")->type_name("");
}

ExitCode HelpCommand::run(const CommonOptions&) {
  const CLI::App* app = &root_;
  std::string parent;  // "sqlite2pg schema" for "schema up": the usage line names the whole path
  for (const auto& word : topic_) {
    const CLI::App* sub = nullptr;
    for (const auto* s : app->get_subcommands({})) {
      if (s->get_name() == word) sub = s;
    }
    parent += (parent.empty() ? "" : " ") + app->get_name();
    if (!sub) {
      std::string names;
      for (const auto* s : app->get_subcommands({}))
        names += (names.empty() ? "" : ", ") + s->get_name();
      throw Failure(ExitCode::usage,
                    "help: '" + word + "' is not a command of " + parent +
                        (names.empty() ? ", which has none" : " (commands: " + names + ")"));
    }
    app = sub;
  }
  // Not app->help(): that shows the help of the command being run, which is `help` itself.
  const std::string name = parent.empty() ? app->get_name() : parent + " " + app->get_name();
  const std::string text = app->get_formatter()->make_help(app, name, CLI::AppFormatMode::Normal);
  std::fwrite(text.data(), 1, text.size(), stdout);
  return ExitCode::ok;
}

}  // namespace s2p::cli

#include "sqlite2pg/cli/usage_error.h"

#include <cstdio>
#include <cstdlib>

#include "sqlite2pg/util/failure.h"
#include "sqlite2pg/util/secrets.h"

namespace s2p::cli {
namespace {

std::string redact_arguments(std::string text, const std::vector<std::string>& arguments) {
  for (const auto& a : arguments) {
    for (const auto& p : passwords_in_argument(a)) text = redact(std::move(text), p);
  }
  if (const char* env = std::getenv("PGPASSWORD")) text = redact(std::move(text), env);
  return text;
}

// CLI11 lists unexpected arguments as one line, last first; name each one instead.
std::string extras_message(const CLI::App& root) {
  std::string text;
  for (const auto& extra : root.remaining(true)) {
    if (!text.empty()) text += "; ";
    text += (extra.size() > 1 && extra[0] == '-' ? "unknown option '" : "unexpected argument '") +
            extra + "'";
  }
  return text;
}

int print(const std::string& command, const std::string& message,
          const std::vector<std::string>& arguments) {
  std::fprintf(stderr, "%s: %s\n", command.c_str(), redact_arguments(message, arguments).c_str());
  std::fprintf(stderr, "Run '%s --help' for its options.\n", command.c_str());
  return static_cast<int>(ExitCode::usage);
}

// "--target: 1 required DSN missing" -> "--target needs a value: DSN".
std::string mismatch_message(const std::string& message) {
  const auto colon = message.find(": ");
  const auto required = message.find(" required ");
  const auto missing = message.rfind(" missing");
  if (colon == std::string::npos || required == std::string::npos || missing == std::string::npos ||
      missing < required) {
    return message;
  }
  const auto type = message.substr(required + 10, missing - required - 10);
  return message.substr(0, colon) + " needs a value" + (type.empty() ? "" : ": " + type);
}

}  // namespace

std::string command_path(const CLI::App& root) {
  std::string path = root.get_name();
  for (const CLI::App* app = &root;;) {
    const auto chosen = app->get_subcommands();
    if (chosen.empty()) return path;
    app = chosen.front();
    path += " " + app->get_name();
  }
}

int usage_error(const CLI::App& root, const CLI::ParseError& error,
                const std::vector<std::string>& arguments) {
  std::string message = error.what();
  if (dynamic_cast<const CLI::ExtrasError*>(&error)) {
    if (const auto named = extras_message(root); !named.empty()) message = named;
  } else if (dynamic_cast<const CLI::ArgumentMismatch*>(&error)) {
    message = mismatch_message(message);
  } else if (dynamic_cast<const CLI::RequiredError*>(&error) &&
             message.find("ubcommand") != std::string::npos) {
    message = "which command? (see the list below --help)";
  }
  return print(command_path(root), message, arguments);
}

int unknown_command(const CLI::App& root, const std::string& word,
                    const std::vector<std::string>& arguments) {
  std::string names;
  for (const auto* s : root.get_subcommands({}))
    names += (names.empty() ? "" : ", ") + s->get_name();
  return print(root.get_name(), "unknown command '" + word + "' (commands: " + names + ")",
               arguments);
}

}  // namespace s2p::cli

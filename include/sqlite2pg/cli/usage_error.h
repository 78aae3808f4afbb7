#pragma once
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace s2p::cli {

// Prints a command-line mistake the way every other error is printed: named for the command it
// was made in, with each argument that carries a password redacted (CLI11's own messages echo
// the command line), and a pointer to that command's help. Returns the exit code.
int usage_error(const CLI::App& root, const CLI::ParseError& error,
                const std::vector<std::string>& arguments);

// The command the command line chose, as typed: "sqlite2pg schema up".
std::string command_path(const CLI::App& root);

// A misspelt command, caught before CLI11 would call it an unexpected argument.
int unknown_command(const CLI::App& root, const std::string& word,
                    const std::vector<std::string>& arguments);

}  // namespace s2p::cli

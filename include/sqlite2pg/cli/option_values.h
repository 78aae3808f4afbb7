#pragma once
// Options declared so that `--help` reads like prose: a value name (SECONDS, FILE, N), the range
// and the default in words, and errors that say what was expected instead of CLI11's types.
#include <CLI/CLI.hpp>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace s2p::cli {

// A number in [low, high]; its help's second line says "1 to 3600; default 10".
// `zero_means` documents a 0 that switches something off ("0: no limit").
CLI::Option* add_seconds(CLI::App* app, const std::string& name, double& value,
                         const std::string& what, double low, double high,
                         const std::string& zero_means = "");
CLI::Option* add_count(CLI::App* app, const std::string& name, std::size_t& value,
                       const std::string& value_name, const std::string& what, std::size_t low,
                       std::size_t high);

// A word from a fixed list, e.g. "--copy-format binary|text".
CLI::Option* add_choice(CLI::App* app, const std::string& name, std::string& value,
                        const std::vector<std::string>& choices, const std::string& what);

// A string, a path, or an optional path: `value_name` is what the user types (FILE, DIR, DSN).
template <typename T>
CLI::Option* add_value(CLI::App* app, const std::string& name, T& value,
                       const std::string& value_name, const std::string& what,
                       const std::string& default_text = "") {
  return app
      ->add_option(name, value, default_text.empty() ? what : what + "\ndefault " + default_text)
      ->type_name(value_name);
}

// The number as a person writes it: 10, 0.05, 1048576.
std::string number_text(double value);

}  // namespace s2p::cli

#pragma once
#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "sqlite2pg/run/run_result.h"

namespace s2p::cli {

// The options every command takes, declared on each command (so `COMMAND --help` lists them)
// and before the command name alike, all bound to these fields.
struct CommonOptions {
  std::string log_level = "info";
  bool quiet = false;
  std::optional<std::string> log_file;
  double connect_timeout = 10;
  double lock_timeout = 10;
  double statement_timeout = 0;
  double busy_timeout = 10;
  double progress_interval = 10;

  void declare(CLI::App* app);
  // After parsing: sets up logging and the timeouts, and copies what runs need into `run`.
  void apply(RunOptions& run) const;

 private:
  std::vector<CLI::Option*> connect_timeout_options_;
};

}  // namespace s2p::cli

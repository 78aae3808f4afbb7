#pragma once
// One class per command, as osmium-tool has: each declares its own options on its CLI11
// subcommand and runs; main() only parses and dispatches.
#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "sqlite2pg/cli/common_options.h"
#include "sqlite2pg/run/options.h"
#include "sqlite2pg/run/run_result.h"

namespace s2p::cli {

class Command {
 public:
  virtual ~Command() = default;
  // Declares the command, its options and the common ones under `root`.
  virtual void declare(CLI::App& root, CommonOptions& common) = 0;
  // True when the command line named this command.
  virtual bool chosen() const { return app_ && app_->parsed(); }
  virtual ExitCode run(const CommonOptions& common) = 0;
  // The target's password, so that failure messages never show it; empty if none.
  virtual std::string password() const { return ""; }

 protected:
  // A (sub)command under `parent`, listed under "Commands" in the help.
  static CLI::App* add_command(CLI::App& parent, const std::string& name,
                               const std::string& description);

  CLI::App* app_ = nullptr;
};

// A command that reads the mappings and talks to a target: the options they share.
class RunCommand : public Command {
 public:
  std::string password() const override;

 protected:
  // `options` is the derived command's own options struct, of which these are the shared part.
  explicit RunCommand(RunOptions& options) : run_(options) {}
  // The command under `root` with --target, --mappings, --source and --report.
  CLI::App* add_run_command(CLI::App& root, const std::string& name,
                            const std::string& description);
  void add_target(CLI::App* app);
  void add_source_options(CLI::App* app);  // --mappings, --source and --report
  static void add_migrations(CLI::App* app, std::filesystem::path& dir);
  static void add_limit(CLI::App* app, std::size_t& limit, const std::string& what);
  // Completes the shared options: the common ones and the --source pairs, checked.
  void prepare(const CommonOptions& common);

  RunOptions& run_;
  std::vector<std::string> sources_;
};

// Every command, in the order `--help` lists them.
std::vector<std::unique_ptr<Command>> all_commands(const CLI::App& root);

}  // namespace s2p::cli

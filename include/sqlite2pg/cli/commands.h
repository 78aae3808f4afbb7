#pragma once
#include "sqlite2pg/cli/command.h"
#include "sqlite2pg/run/commands.h"

namespace s2p::cli {

// sqlite2pg schema up|status
class SchemaCommand : public RunCommand {
 public:
  void declare(CLI::App& root, CommonOptions& common) override;
  ExitCode run(const CommonOptions& common) override;

 private:
  CLI::App* up_ = nullptr;
};

// sqlite2pg plan
class PlanCommand : public RunCommand {
 public:
  void declare(CLI::App& root, CommonOptions& common) override;
  ExitCode run(const CommonOptions& common) override;
};

// sqlite2pg migrate
class MigrateCommand : public RunCommand {
 public:
  void declare(CLI::App& root, CommonOptions& common) override;
  ExitCode run(const CommonOptions& common) override;

 private:
  std::string copy_format_ = "binary";
};

// sqlite2pg verify
class VerifyCommand : public RunCommand {
 public:
  void declare(CLI::App& root, CommonOptions& common) override;
  ExitCode run(const CommonOptions& common) override;
};

// sqlite2pg scaffold
class ScaffoldCommand : public Command {
 public:
  void declare(CLI::App& root, CommonOptions& common) override;
  ExitCode run(const CommonOptions& common) override;

 private:
  s2p::ScaffoldCommand scaffold_;
};

// sqlite2pg help [COMMAND...]: the same text as `COMMAND --help`.
class HelpCommand : public Command {
 public:
  explicit HelpCommand(const CLI::App& root) : root_(root) {}
  void declare(CLI::App& root, CommonOptions& common) override;
  ExitCode run(const CommonOptions& common) override;

 private:
  const CLI::App& root_;
  std::vector<std::string> topic_;
};

}  // namespace s2p::cli

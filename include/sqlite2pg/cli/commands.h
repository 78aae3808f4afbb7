#pragma once
#include "sqlite2pg/cli/command.h"
#include "sqlite2pg/run/commands.h"

namespace s2p::cli {

// sqlite2pg schema up|status
class SchemaCommand : public RunCommand {
 public:
  SchemaCommand() : RunCommand(options_) {}
  void declare(CLI::App& root, CommonOptions& common) override;
  ExitCode run(const CommonOptions& common) override;

 private:
  SchemaOptions options_;
  CLI::App* up_ = nullptr;
};

// sqlite2pg plan
class PlanCommand : public RunCommand {
 public:
  PlanCommand() : RunCommand(options_) {}
  void declare(CLI::App& root, CommonOptions& common) override;
  ExitCode run(const CommonOptions& common) override;

 private:
  PlanOptions options_;
};

// sqlite2pg migrate
class MigrateCommand : public RunCommand {
 public:
  MigrateCommand() : RunCommand(options_) {}
  void declare(CLI::App& root, CommonOptions& common) override;
  ExitCode run(const CommonOptions& common) override;

 private:
  MigrateOptions options_;
  std::string copy_format_ = "binary";
};

// sqlite2pg verify
class VerifyCommand : public RunCommand {
 public:
  VerifyCommand() : RunCommand(options_) {}
  void declare(CLI::App& root, CommonOptions& common) override;
  ExitCode run(const CommonOptions& common) override;

 private:
  VerifyOptions options_;
};

// sqlite2pg inventory
class InventoryCommand : public RunCommand {
 public:
  InventoryCommand() : RunCommand(options_.verify) {}
  void declare(CLI::App& root, CommonOptions& common) override;
  ExitCode run(const CommonOptions& common) override;

 private:
  InventoryOptions options_;
};

// sqlite2pg sync
class SyncCommand : public RunCommand {
 public:
  SyncCommand() : RunCommand(options_) {}
  void declare(CLI::App& root, CommonOptions& common) override;
  ExitCode run(const CommonOptions& common) override;

 private:
  SyncOptions options_;
};

// sqlite2pg rollback
class RollbackCommand : public RunCommand {
 public:
  RollbackCommand() : RunCommand(options_) {}
  void declare(CLI::App& root, CommonOptions& common) override;
  ExitCode run(const CommonOptions& common) override;

 private:
  RollbackOptions options_;
};

// sqlite2pg capture start|status|stop
class CaptureCommand : public RunCommand {
 public:
  CaptureCommand() : RunCommand(options_) {}
  void declare(CLI::App& root, CommonOptions& common) override;
  ExitCode run(const CommonOptions& common) override;

 private:
  CaptureOptions options_;
  CLI::App *start_ = nullptr, *stop_ = nullptr;
};

// sqlite2pg scaffold
class ScaffoldCommand : public Command {
 public:
  void declare(CLI::App& root, CommonOptions& common) override;
  ExitCode run(const CommonOptions& common) override;

 private:
  ScaffoldRequest scaffold_;
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

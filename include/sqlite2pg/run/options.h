#pragma once
// What each command is told: the options every run against a target shares, and each
// command's own.
#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sqlite2pg/load/table_load.h"

namespace s2p {

struct RunOptions {
  std::string target_dsn;
  std::filesystem::path mappings_dir = "mappings";
  std::map<std::string, std::string> source_paths;  // --source NAME=PATH
  std::optional<std::filesystem::path> report;
  double lock_timeout_seconds = 10;       // waiting for a lock a service holds
  double statement_timeout_seconds = 0;   // 0: no limit
  bool quiet = false;                     // no progress display
  double progress_interval_seconds = 10;  // between progress lines when stderr is not a terminal
};

// capture start|status|stop: the mapped sources (--busy-timeout: how long its write to a source
// waits for the application's lock).
struct CaptureOptions : RunOptions {
  enum class Action { start, status, stop } action = Action::status;
};

struct SchemaOptions : RunOptions {
  std::filesystem::path migrations_dir = "migrations";
};

struct PlanOptions : SchemaOptions {
  bool replace = false;
  std::size_t sample_limit = 20;  // rows named per problem
};

struct MigrateOptions : SchemaOptions {
  bool dry_run = false;
  bool replace = false;
  std::optional<std::filesystem::path> rejects;  // where tables with on_error: reject put rows
  LoadSettings load;
};

struct VerifyOptions : RunOptions {
  bool exact = false;
  std::optional<std::filesystem::path> archive_dir;  // verify --archive DIR
  std::size_t sample_limit = 20;                     // rows named per kind of difference
};

// inventory judges the mapped sources as verify does, with verify's options.
struct InventoryOptions {
  VerifyOptions verify;
  std::vector<std::filesystem::path> folders;          // DIR...
  std::optional<std::filesystem::path> delete_script;  // --delete-script FILE
};

struct SyncOptions : RunOptions {
  bool dry_run = false;
  bool read_whole = false;                       // never from a change log (capture)
  std::optional<std::filesystem::path> rejects;  // where tables with on_error: reject put rows
  std::size_t sample_limit = 20;                 // rows named per kind of conflict
};

struct RollbackOptions : RunOptions {
  std::filesystem::path out_dir;  // where DIR/<source>.db go
  bool replace = false;           // an existing DIR/<source>.db is replaced
  bool assign_ids = false;        // new rows without a legacy INTEGER id get the next ones
  bool record_ids = false;        // and those go to etl.id_map
  std::size_t sample_limit = 20;  // rows named per kind of difference or refusal
};

}  // namespace s2p

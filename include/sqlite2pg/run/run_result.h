#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sqlite2pg/extract/sqlite_source.h"
#include "sqlite2pg/util/failure.h"

namespace s2p {

struct RunOptions {
  std::string target_dsn;
  std::filesystem::path mappings_dir = "mappings";
  std::filesystem::path migrations_dir = "migrations";
  std::map<std::string, std::string> source_paths;  // --source NAME=PATH
  bool dry_run = false;
  bool replace = false;
  bool exact = false;
  std::optional<std::filesystem::path> report;
};

struct TableResult {
  std::string source, source_table, target_table;
  std::uint64_t source_rows = 0;
  std::uint64_t loaded_rows = 0;
  std::uint64_t target_rows = 0;
  std::uint64_t remapped_ids = 0;
  std::string source_checksum, target_checksum;
  double seconds = 0;
  bool matches = false;
};

struct RunResult {
  std::string command;
  bool dry_run = false;
  std::string started_at, finished_at;
  std::string target;  // user@host:port/db, never the password
  std::vector<SourceFacts> sources;
  std::vector<std::pair<std::string, std::string>> mapping_files;  // file, sha256
  std::vector<std::string> migrations_applied;
  std::vector<TableResult> tables;
  std::vector<std::string> warnings;
  ExitCode exit_code = ExitCode::ok;
  std::string verdict;
  std::string error;
};

std::string utc_now_iso();

// The exception being handled, as a Failure: SQLite errors are the source's (config),
// PostgreSQL's the target's, anything else a defect (internal). Call from a catch block only.
Failure current_failure();

// Prints the per-table summary and the verdict line to stdout.
void print_summary(const RunResult& result);

// Ends a command: timestamps the result, prints the summary, writes the report if asked.
// Returns the run's exit code, which a report that cannot be written does not change.
ExitCode finish_run(RunResult& result, const RunOptions& options);

// Creates the report file (0600) before a run, so a bad path fails before anything happens.
void prepare_report(const std::filesystem::path& file);

// Writes the run's JSON report (format documented in the README), readable by the owner only.
void write_report(const RunResult& result, const std::filesystem::path& file);

}  // namespace s2p

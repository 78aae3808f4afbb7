#pragma once
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sqlite2pg/extract/sqlite_source.h"
#include "sqlite2pg/inventory/found_file.h"
#include "sqlite2pg/load/target_tables.h"
#include "sqlite2pg/run/options.h"
#include "sqlite2pg/run/plan_report.h"
#include "sqlite2pg/run/report_sections.h"
#include "sqlite2pg/run/wal_state.h"
#include "sqlite2pg/sync/log_window.h"
#include "sqlite2pg/util/failure.h"
#include "sqlite2pg/validate/table_verify.h"

namespace s2p {

// One difference verify found, named both ways.
using Difference = NamedDifference;

struct TableResult {
  std::string source, source_table, target_table;
  std::uint64_t source_rows = 0;
  std::uint64_t loaded_rows = 0;
  std::uint64_t target_rows = 0;
  std::uint64_t remapped_ids = 0;
  std::uint64_t rejected_rows = 0;  // on_error: reject; source_rows = loaded_rows + rejected_rows
  std::string source_checksum, target_checksum;
  double seconds = 0;
  bool matches = false;
  // sync: the rows applied, and the source rows it left as they were; rollback: the rows
  // written back into the copy, and those left as they were
  std::uint64_t inserted = 0, updated = 0, deleted = 0, unchanged = 0;
  // sync: "log" when its changes came from the source's change log, "whole: <why not>"
  // when the table was read whole though its source is captured; empty otherwise
  std::string read_from;
  // what the run recorded in etl.row_hashes: "all" rows, or only the "changes"; empty: none
  std::string fingerprints;
  std::uint64_t fingerprint_rows = 0;
  // verify, inventory, sync and rollback:
  std::optional<std::int64_t> baseline_run;  // the committed cutover compared with
  DiffTally differences;  // reported for the kinds the command reads (validate/diff_kind.h)
  std::vector<Difference> samples;
};

struct ArchiveResult {
  std::string path;
  std::string sha256;
  std::vector<std::pair<std::string, std::string>> files;  // name in archive, sha256
};

struct RunResult {
  std::string command;
  bool dry_run = false;
  std::string started_at, finished_at;
  std::string target;  // user@host:port/db, never the password
  std::vector<SourceFacts> sources;
  std::map<std::string, WalState> wal;  // verify: each source's -wal as its proof covers it
  std::vector<std::pair<std::string, std::string>> mapping_files;  // file, sha256
  std::vector<std::string> migrations_applied;
  std::vector<TableResult> tables;
  std::vector<std::string> warnings;
  ExitCode exit_code = ExitCode::ok;
  std::vector<std::string> reasons;  // verify: why it is not safe; plan: why it is not ready
  // A command's own sections (report_sections.h; see the README for each key):
  std::vector<AfterLoadStep> after_load;                   // migrate, sync: what ran after the load
  std::optional<std::uint64_t> changed_tables;             // sync: tables whose source changed
  std::vector<LogWindow> capture_windows;                  // sync: where captured sources were read
  std::map<std::string, std::uint64_t> capture_forgotten;  // sync: log rows deleted, by source
  std::optional<std::vector<CaptureFileState>> capture_files;  // capture
  std::optional<std::vector<AssignedId>> assigned_ids;         // rollback --assign-ids
  std::vector<WrittenFile> outputs;                            // rollback: files published
  std::optional<std::vector<FoundFile>> found_files;           // inventory: every file found
  std::optional<std::string> delete_script;                    // inventory --delete-script
  std::optional<PlanReport> plan;                              // plan, once it ran whole
  std::optional<ArchiveResult> archive;
  std::string verdict;
  std::string error;
};

std::string utc_now_iso();

// The exception being handled, as a Failure: SQLite errors are the source's (config),
// PostgreSQL's the target's, anything else a defect (internal). Call from a catch block only.
// `doing` names what PostgreSQL refused ("the cutover"), for its message.
Failure current_failure(const std::string& doing = "");

// Prints the per-table summary and the verdict line to stdout.
void print_summary(const RunResult& result);

// Runs a command's body and turns its outcome into the summary, the report and the exit code:
// with main(), the one place a failure is caught. The body sets the verdict of a run that
// completes; `failed` words the verdict of one that throws, whose error (password removed)
// goes to the log and the report. `doing` names what PostgreSQL could refuse ("the cutover").
ExitCode run_and_report(RunResult& result, const RunOptions& options,
                        const std::function<void()>& body,
                        const std::function<std::string(const Failure&)>& failed,
                        const std::function<void(const RunResult&)>& print = print_summary,
                        const std::string& doing = "");

// Ends a command: timestamps the result, prints the summary, writes the report if asked.
// Returns the run's exit code, which a report that cannot be written does not change.
ExitCode finish_run(RunResult& result, const RunOptions& options,
                    const std::function<void(const RunResult&)>& print = print_summary);

// Creates the report file (0600) before a run, so a bad path (a link, a FIFO, a folder that is
// not there) fails before anything happens. `option` names it in the error.
void prepare_report(const std::filesystem::path& file, const std::string& option = "--report");

// Writes the run's JSON report (format documented in the README), readable by the owner only.
void write_report(const RunResult& result, const std::filesystem::path& file);

}  // namespace s2p

#include "sync_summary.h"

#include <cstdio>

#include "named_rows.h"

namespace s2p {
namespace {

std::string count(std::uint64_t n) { return std::to_string(n); }

}  // namespace

void print_change_counts(const RunResult& r) {
  std::printf("%-34s %-30s %9s %9s %9s %9s %8s\n", "source table", "target table", "inserted",
              "updated", "deleted", "unchanged", "seconds");
  for (const auto& t : r.tables) {
    std::printf("%-34s %-30s %9s %9s %9s %9s %8.2f\n", (t.source + "." + t.source_table).c_str(),
                t.target_table.c_str(), count(t.inserted).c_str(), count(t.updated).c_str(),
                count(t.deleted).c_str(), count(t.unchanged).c_str(), t.seconds);
  }
}

// Where each captured source's changes came from: its log, or a pass over its tables, and why.
void print_capture(const RunResult& r) {
  // Only a captured source's tables can be read whole for a reason (read_from "whole: ..."),
  // and a captured source always has its window here.
  for (const auto& c : r.capture_windows) {
    const char* source = c.source.c_str();
    const auto run = static_cast<long long>(c.run_id);
    if (c.usable && c.through_seq <= c.after_seq) {
      std::printf("capture: source %s: its log holds no write since run %lld\n", source, run);
    } else if (c.usable) {
      std::printf(
          "capture: source %s: changes read from its log, seq %lld to %lld (after run %lld)\n",
          source, static_cast<long long>(c.after_seq) + 1, static_cast<long long>(c.through_seq),
          run);
    } else {
      std::printf("capture: source %s: every table read whole: %s\n", source, c.reason.c_str());
    }
  }
  for (const auto& t : r.tables) {
    if (t.read_from.size() > 7)
      std::printf("capture: %s.%s read whole: %s\n", t.source.c_str(), t.source_table.c_str(),
                  t.read_from.substr(7).c_str());
  }
}

void print_sync(const RunResult& r) {
  print_change_counts(r);
  print_capture(r);
  for (const auto& t : r.tables) print_named_rows(t, DiffReader::sync);
  std::printf("%s\n", r.verdict.c_str());
  std::fflush(stdout);
}

std::string sync_verdict(const SyncOptions& options, const RunResult& r) {
  std::uint64_t inserted = 0, updated = 0, deleted = 0, rejected = 0;
  for (const auto& t : r.tables) {
    inserted += t.inserted;
    updated += t.updated;
    deleted += t.deleted;
    rejected += t.rejected_rows;
  }
  const std::string what = count(inserted) + " inserted, " + count(updated) + " updated, " +
                           count(deleted) + " deleted in " + count(r.tables.size()) + " tables";
  const bool drifted = r.changed_tables.value_or(0) > 0;
  std::string v =
      options.dry_run ? "DRY RUN OK: " + what + ", read back and validated, then rolled back"
      : inserted + updated + deleted ? "SYNCED: " + what + ", read back and validated"
      : drifted ? "IN SYNC: PostgreSQL already holds the rows changed in SQLite since the last "
                  "migrate or sync"
                : "IN SYNC: nothing changed in SQLite since the last migrate or sync";
  if (rejected) {
    v += "; " + count(rejected) + " row(s) REJECTED by on_error: reject are not in PostgreSQL, " +
         "written to " + options.rejects->string();
  }
  return v;
}

}  // namespace s2p

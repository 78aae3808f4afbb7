#pragma once
// The report's sections that belong to one command, as plain values: the command fills them,
// its summary prints them, and report.cpp alone turns them into the report's JSON.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sqlite2pg/extract/capture_status.h"

namespace s2p {

// capture: one file's capture state; with --target and capture on, what the last committed run
// consumed of its log.
struct CaptureFileState {
  std::string sources, path;
  CaptureStatus status;
  std::string consumed;  // in words; empty: not asked
  std::optional<std::int64_t> consumed_by_run, consumed_through;
  std::optional<std::uint64_t> pending;  // writes logged since, for the next sync
};

// rollback --assign-ids: the INTEGER id given to a row PostgreSQL created.
struct AssignedId {
  std::string source, table, id, uuid;
};

// rollback: a file it published.
struct WrittenFile {
  std::string source;                // the file's source name
  std::vector<std::string> sources;  // every mapping source that is this file
  std::string original, path, sha256;
  std::uintmax_t size = 0;
};

}  // namespace s2p

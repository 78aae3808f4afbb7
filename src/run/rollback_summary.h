#pragma once
// rollback's summary on stdout.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sqlite2pg/run/run_result.h"

namespace s2p {

// What each kind of named row means to an operator.
inline constexpr std::pair<const char*, const char*> kRollbackKinds[] = {
    {"added_in_source", "added to SQLite after the last migrate or sync"},
    {"changed_in_source", "changed in SQLite after the last migrate or sync"},
    {"deleted_in_source", "deleted from SQLite after the last migrate or sync"},
    {"not_written_back", "held by PostgreSQL with a value SQLite has no form for"},
    {"missing_in_target", "in the written file but not in PostgreSQL"},
    {"changed_in_target", "different in the written file and in PostgreSQL"},
    {"extra_in_target", "in PostgreSQL but not in the written file"},
};

// A file rollback published: the command's own state, and the report's `outputs` entry.
struct WrittenFile {
  std::string source;                // the file's source name
  std::vector<std::string> sources;  // every mapping source that is this file
  std::string original, path, sha256;
  std::uintmax_t size = 0;
  nlohmann::json to_json() const;
};
nlohmann::json files_json(const std::vector<WrittenFile>& files);

// The per-table counts, the rows named by kind, the files written, then the verdict.
void print_rollback(const RunResult& r, const std::vector<WrittenFile>& written);

}  // namespace s2p

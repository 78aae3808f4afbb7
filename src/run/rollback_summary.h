#pragma once
// rollback's summary on stdout.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sqlite2pg/run/run_result.h"

namespace s2p {

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

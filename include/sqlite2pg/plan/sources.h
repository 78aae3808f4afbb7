#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "sqlite2pg/config/mapping.h"
#include "sqlite2pg/plan/plan.h"

namespace s2p {

struct PreparedSources {
  std::vector<SourceMapping> mappings;
  SourceSet sources;
};

// What a run records of its inputs, filled as they are read (so a failure still reports what
// was read before it).
struct SourceRecord {
  std::vector<std::pair<std::string, std::string>>& mapping_files;  // file, sha256
  std::vector<SourceFacts>& sources;
};

// Loads the mappings and applies --source NAME=PATH (`source_paths`); an unknown NAME is a
// usage error.
std::vector<SourceMapping> load_source_mappings(
    const std::filesystem::path& mappings_dir,
    const std::map<std::string, std::string>& source_paths);

// Opens every mapping's source read-only and starts its read snapshot (see prepare_sources).
// `hash_files`: record each file's sha256 (a pass over the file).
PreparedSources open_sources(std::vector<SourceMapping> mappings, SourceRecord record,
                             bool check_integrity = false, bool hash_files = true);

// Loads the mappings, applies --source NAME=PATH (`source_paths`), opens every source read-only
// and starts its read snapshot. With `check_integrity`, each file must also pass PRAGMA
// quick_check.
PreparedSources prepare_sources(const std::filesystem::path& mappings_dir,
                                const std::map<std::string, std::string>& source_paths,
                                SourceRecord record, bool check_integrity = false);

}  // namespace s2p

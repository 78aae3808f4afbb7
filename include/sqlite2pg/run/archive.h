#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "sqlite2pg/extract/sqlite_source.h"
#include "sqlite2pg/run/run_result.h"
#include "sqlite2pg/run/wal_state.h"

namespace s2p {

// Writes DIR/sqlite2pg-sources-<UTC time>.tar.gz holding each distinct source file, with its
// -wal file when `wal` (verify's, by source name) has one, a SHA256SUMS manifest and
// MANIFEST.json (each file's size and sha256, each -wal's committed frames), then reads the
// archive back and checks every file against the sha256 verify computed. Never touches the
// sources. Throws Failure naming what did not match, and leaves no archive then.
ArchiveResult archive_sources(const std::vector<SourceFacts>& sources,
                              const std::map<std::string, WalState>& wal,
                              const std::filesystem::path& dir);

// One file to archive under `name`, with the sha256 it must read back with.
struct ArchiveItem {
  std::string name;
  std::filesystem::path file;
  std::string sha256;
};
// Entries written from memory, by name, read back byte for byte.
using ArchiveTexts = std::vector<std::pair<std::string, std::string>>;

// The same for any list of files (inventory's deletion list), with SHA256SUMS and `texts`.
ArchiveResult archive_files(const std::vector<ArchiveItem>& items, const std::filesystem::path& dir,
                            const ArchiveTexts& texts = {});

}  // namespace s2p

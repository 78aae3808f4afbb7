#pragma once
#include <filesystem>
#include <vector>

#include "sqlite2pg/extract/sqlite_source.h"
#include "sqlite2pg/run/run_result.h"

namespace s2p {

// Writes DIR/sqlite2pg-sources-<UTC time>.tar.gz holding each distinct source file (with its
// -wal file when there is one) and a SHA256SUMS manifest, then reads the archive back and
// checks every file against the manifest and against the sha256 verify computed. Never
// touches the sources. Throws Failure naming what did not match.
ArchiveResult archive_sources(const std::vector<SourceFacts>& sources,
                              const std::filesystem::path& dir);

// One file to archive under `name`, with the sha256 it must read back with.
struct ArchiveItem {
  std::string name;
  std::filesystem::path file;
  std::string sha256;
};
// The same for any list of files (inventory's deletion list).
ArchiveResult archive_files(const std::vector<ArchiveItem>& items,
                            const std::filesystem::path& dir);

}  // namespace s2p

#pragma once
#include <filesystem>
#include <vector>

#include "sqlite2pg/inventory/found_file.h"

namespace s2p {

// Every SQLite file under `folders` (by header; 0-byte files by name), every -wal, -shm and
// -journal file, and every symbolic link with a SQLite name that leads nowhere, each once and
// sorted by path. Symbolic links to directories are not followed, so a loop cannot trap it.
// Throws Failure(usage) for a folder that is not one.
std::vector<FoundFile> find_sqlite_files(const std::vector<std::filesystem::path>& folders);

}  // namespace s2p

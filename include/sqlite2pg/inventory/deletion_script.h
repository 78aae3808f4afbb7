#pragma once
#include <string>
#include <vector>

#include "sqlite2pg/inventory/found_file.h"

namespace s2p {

// The safe files in the order to remove them: symbolic links, then second names of a file,
// then databases, then their -wal, -shm and -journal files.
std::vector<const FoundFile*> deletion_order(const std::vector<FoundFile>& files);

// A POSIX shell script that removes them, each only while it is as inventory saw it (a link
// leading where it led, a file with the sha256 it had); the first that is not stops it.
std::string deletion_script(const std::vector<const FoundFile*>& order, const std::string& when);

}  // namespace s2p

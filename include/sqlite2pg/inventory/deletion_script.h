#pragma once
#include <string>
#include <vector>

#include "sqlite2pg/inventory/found_file.h"

namespace s2p {

// The safe files in the order to remove them: symbolic links, then second names of a file,
// then databases, then the -wal, -shm and -journal files whose database is gone.
std::vector<const FoundFile*> deletion_order(const std::vector<FoundFile>& files);

// A POSIX shell script that removes the safe files. It first checks the whole list: each link
// leads where it led, each file has the size and sha256 it had, each -wal, -shm or -journal
// that was absent still is, and no process locks or has open any file of a database. If one
// check fails it removes nothing. Then, a database at a time, it checks that database's files
// again and removes them together.
std::string deletion_script(const std::vector<FoundFile>& files, const std::string& when);

}  // namespace s2p

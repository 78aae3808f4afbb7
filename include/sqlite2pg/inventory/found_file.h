#pragma once
// One file inventory found under the folders it was given, and what it concluded about it.
#include <cstdint>
#include <string>
#include <vector>

namespace s2p {

enum class FileRole {
  database,   // a SQLite file (by its header), or a 0-byte file with a SQLite name
  companion,  // a -wal, -shm or -journal file
  dangling,   // a symbolic link with a SQLite name that leads nowhere (gone, or a loop)
};

struct TableRows {
  std::string name;
  std::int64_t rows = 0;
};

struct FoundFile {
  std::string path;       // absolute, as found (a link's own path)
  std::string real_path;  // every link resolved
  FileRole role = FileRole::database;
  bool symlink = false;
  std::uint64_t device = 0, inode = 0;  // of the file the path leads to
  std::uint64_t size = 0;
  std::string sha256;
  std::string database;  // a companion's database (path without the suffix)
  // Why its contents cannot be judged (unreadable; a companion not in SQLite's format, which is
  // then not hashed): it is kept, and so is its database.
  std::string problem;
  // Filled by the classification:
  std::string kind;          // mapped, link, empty, legacy, unknown, leftover
  bool safe = false;         // the verdict: safe (to delete) or keep
  std::string reason;        // why, in words
  std::string same_file_as;  // the path of the file a link (or second name) leads to
  std::vector<TableRows> tables;
};

}  // namespace s2p

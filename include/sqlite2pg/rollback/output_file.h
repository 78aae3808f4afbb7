#pragma once
// One file a rollback writes: a copy of a source file made by SQLite's backup API inside the
// source's read snapshot, written under a temporary name beside the final one, and renamed
// only once it is complete and proved. Until then every exit, a signal's included, removes it.
#include <SQLiteCpp/SQLiteCpp.h>

#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <string>

#include "sqlite2pg/extract/sqlite_source.h"

namespace s2p {

class OutputFile {
 public:
  // Copies `original` (read-only, in its snapshot) to a temporary name beside `final_path`.
  OutputFile(SqliteSource& original, std::filesystem::path final_path);
  ~OutputFile();  // removes the temporary file and its journals unless published
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  // Removes what a rollback killed before it could clean up (SIGKILL, a power cut) left beside
  // `final_path`: temporary files of processes no longer running (or bearing this process's
  // number, reused: it has made none yet). Returns how many.
  static int remove_stale(const std::filesystem::path& final_path);

  // A 0-byte original is an empty database with no tables to write into: its copy stays 0 bytes.
  bool empty() const { return !db_ && !closed_; }
  SQLite::Database& db() { return *db_; }
  const std::filesystem::path& temp_path() const { return temp_; }
  const std::filesystem::path& final_path() const { return final_; }
  void close();  // ends the writing connection; the file is complete on disk
  // Flushes it to disk with the original's permissions.
  void seal();
  // Gives it the final name. With `replace` a file there is replaced and its journals go (a
  // stale -wal beside the new file would be read as part of it); without, a file there (one
  // another run published meanwhile) is refused with Failure(not_empty). Throws
  // Failure(config) naming both paths when the system refuses.
  void publish(bool replace);

 private:
  std::filesystem::path final_, temp_;
  std::filesystem::perms mode_;
  uid_t owner_;
  gid_t group_;
  std::unique_ptr<SQLite::Database> db_;
  bool published_ = false;
  bool closed_ = false;
};

}  // namespace s2p

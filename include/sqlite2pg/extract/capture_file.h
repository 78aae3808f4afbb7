#pragma once
// Change capture on one source file: `start` puts the log, the state and the triggers in, and
// `stop` takes every one of them out, each in one IMMEDIATE transaction (a kill leaves the file
// with all of them or none). The only writes sqlite2pg makes to a source file.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sqlite2pg/extract/capture_sql.h"
#include "sqlite2pg/extract/capture_status.h"

namespace s2p {

class CaptureFile {
 public:
  // Opens the file read-write, with SQLite's defensive settings and --busy-timeout. `name` is
  // the source's, for messages. Throws Failure(config).
  CaptureFile(std::string name, const std::string& path);
  ~CaptureFile();

  CaptureStatus status();
  // Captures `tables` (mapped source tables). One that cannot be captured (a view, a virtual
  // table, a unique index on an expression) is listed in `skipped` with the reason. Already on
  // for the same tables and intact: nothing changes. Throws Failure(config) when capture is on
  // for other tables or damaged (stop it first), or when no table can be captured.
  CaptureStatus start(const std::vector<std::string>& tables, std::vector<std::string>& skipped);
  // How many of the log's rows come after `seq`.
  std::uint64_t logged_after(std::int64_t seq);
  // Deletes the log's rows a committed sync consumed (through `seq`, of capture `generation`);
  // returns how many. Nothing when capture is off or of another generation.
  std::uint64_t forget_consumed(const std::string& generation, std::int64_t seq);
  // Removes every object capture put in; false when there was none.
  bool stop();

 private:
  std::string name_;
  std::unique_ptr<SQLite::Database> db_;
};

// Drops every object capture put into `db`, in the caller's transaction; returns how many.
std::size_t drop_capture_objects(SQLite::Database& db);

}  // namespace s2p

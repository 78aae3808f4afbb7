#pragma once
// What change capture's objects in a source file say, read on any connection: the captured
// tables, the log's extent, and whatever would make the log miss a write.
#include <cstdint>
#include <string>
#include <vector>

#include "sqlite2pg/extract/capture_sql.h"

namespace SQLite {
class Database;
}

namespace s2p {

struct CaptureStatus {
  bool on = false;
  std::string generation, started_at;
  std::vector<std::string> tables;  // captured, in number order (the log's t is 1-based)
  std::uint64_t logged = 0;         // rows in the log
  std::int64_t last_seq = 0;        // the newest write's number
  // PRAGMA schema_version: any schema change, and VACUUM (which may give rows new rowids), moves
  // it.
  std::int64_t schema_version = 0;
  // Why the log may miss writes: triggers missing, altered, or no longer the ones the table's
  // current shape needs (a unique index added since). Sync must then read those tables whole.
  std::vector<std::string> problems;
  bool intact() const { return on && problems.empty(); }
};

CaptureStatus read_capture_status(SQLite::Database& db);

// How capture sees `table` of `db`; empty `why` on success.
CapturedTable describe_for_capture(SQLite::Database& db, const std::string& table,
                                   std::string& why);

}  // namespace s2p

#pragma once
#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sqlite2pg/extract/capture_status.h"
#include "sqlite2pg/transform/value.h"

namespace s2p {

// What a run records about a source file.
struct SourceFacts {
  std::string name;
  std::string path;       // as configured
  std::string real_path;  // symbolic links resolved
  std::uint64_t size = 0;
  std::string sha256;
  bool empty_file = false;   // a 0-byte file: an empty database
  bool symlink = false;      // the configured path is a symbolic link
  std::string same_file_as;  // another source that is this very file, read once
  // A WAL-mode file nobody had open, read without creating -wal/-shm files (SQLite's
  // immutable mode); checked afterwards to be unchanged.
  bool read_immutable = false;
  // Change capture's objects as the run's snapshot saw them (capture_status.h); off when none.
  CaptureStatus capture;
};

struct SourceColumn {
  std::string name;
  std::string declared_type;
  int pk_position = 0;  // 1-based position in the primary key, 0 when not part of it
  bool not_null = false;
};

// One SQLite file, opened read-only. Every read between begin_snapshot() and end_snapshot()
// sees one consistent state of the file, even while a service keeps writing to it (WAL).
class SqliteSource {
 public:
  // Throws Failure(config) naming the path. `file_only` reads the file itself in immutable mode
  // whatever its journal: nothing beside it is read, created or locked, and only its tables are
  // read, never a view (inventory's files). Every file is opened with SQLite's defensive
  // settings (trusted_schema off, SQLITE_DBCONFIG_DEFENSIVE, cell_size_check) and stops reading
  // within a few thousand steps of SIGINT or SIGTERM.
  // `hash`: facts().sha256 is the file's (a pass over it); else empty.
  SqliteSource(std::string name, std::string path, bool file_only = false, bool hash = true);
  ~SqliteSource();
  SqliteSource(const SqliteSource&) = delete;
  SqliteSource& operator=(const SqliteSource&) = delete;

  // How long any read waits for a writer's lock before failing (SQLITE_BUSY); for the process.
  static void set_busy_timeout(double seconds);
  static int busy_timeout_ms();

  const SourceFacts& facts() const { return facts_; }
  // PRAGMA quick_check; throws Failure(config) naming the file when it reports damage.
  void check_integrity();
  void begin_snapshot();
  // Ends the read transaction. For a file read in immutable mode, throws Failure(config) if the
  // file changed meanwhile (a writer appeared), since the rows read may then be inconsistent.
  void end_snapshot();

  // Reads change capture's objects into facts().capture, in the snapshot.
  void read_capture_status();
  bool has_table(const std::string& table);
  // Whether anything committed to the file since the first snapshot began: PRAGMA
  // data_version for a file read normally, the file's fingerprint (and a -wal appearing) for
  // one read in immutable mode, whose data_version never moves. Outside a snapshot.
  bool written_since_first_snapshot();
  std::vector<std::string> tables();  // the user tables, by name (sqlite_* left out)
  std::vector<SourceColumn> columns(const std::string& table);
  bool has_rowid(const std::string& table);
  std::int64_t count_rows(const std::string& table);
  // The highest INTEGER value of a column (values of other storage classes left out); 0 if none.
  std::int64_t max_integer(const std::string& table, const std::string& column);
  // The highest id an AUTOINCREMENT table ever gave (sqlite_sequence), which it never reuses;
  // 0 for other tables.
  std::int64_t autoincrement_seq(const std::string& table);
  SQLite::Database& db() { return *db_; }

 private:
  SourceFacts facts_;
  bool file_only_ = false;
  std::unique_ptr<SQLite::Database> db_;
  int cancel_hook_ = 0;  // sqlite3_interrupt() on the first signal
  bool in_snapshot_ = false;
  bool wal_existed_ = false;                  // a -wal beside it when it was opened
  std::string fingerprint_;                   // size, mtime and change counter when read_immutable
  std::optional<std::int64_t> data_version_;  // at the first snapshot
};

// Streams the rows of one query. Values are borrowed from SQLite until the next call to next().
// It speaks SQLite's C API directly: this is the per-value hot path.
class RowCursor {
 public:
  RowCursor(SqliteSource& source, const std::string& sql);
  ~RowCursor();
  RowCursor(const RowCursor&) = delete;
  RowCursor& operator=(const RowCursor&) = delete;
  bool next();  // throws Failure(config) naming the source on a read error
  // For a query with one parameter (`WHERE rowid = ?`): runs it again for `rowid`; false when
  // no row has it.
  bool fetch(std::int64_t rowid);
  SourceValue value(int column) const;

 private:
  SqliteSource& source_;
  sqlite3_stmt* raw_ = nullptr;
};

}  // namespace s2p

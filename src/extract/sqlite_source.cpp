#include "sqlite2pg/extract/sqlite_source.h"

#include <sqlite3.h>

#include <sys/stat.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "sqlite2pg/extract/capture_names.h"
#include "sqlite2pg/util/failure.h"
#include "sqlite2pg/util/interrupt.h"
#include "sqlite2pg/util/printable.h"
#include "sqlite2pg/util/sha256.h"
#include "sqlite2pg/util/text.h"

namespace s2p {
namespace fs = std::filesystem;

namespace {

// A connection is used by one thread at a time (a reader thread hands it back before anyone
// else reads), so SQLite's own per-call mutex is pure cost: without it every sqlite3_column_*
// call stops taking a lock.
const int kOpenFlags = SQLite::OPEN_READONLY | SQLite::OPEN_NOMUTEX;

int busy_ms = 10'000;

// Bytes 18 and 19 of a SQLite header are 2 for a database in WAL mode.
bool wal_mode(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char header[20] = {};
  return in.read(header, sizeof header) && header[18] == 2 && header[19] == 2;
}

// A URI filename: '%', '?' and '#' in the path must not be read as URI syntax.
std::string file_uri(const std::string& path) {
  std::string out = "file:";
  for (char c : path) {
    if (c == '%' || c == '?' || c == '#') {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
      out += buf;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

// What changes when anything writes to a file: its size, its mtime, and SQLite's change
// counter (header bytes 24..27).
std::string file_fingerprint(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return "gone";
  std::ifstream in(path, std::ios::binary);
  char header[28] = {};
  in.read(header, sizeof header);
  return std::to_string(st.st_size) + "/" + std::to_string(st.st_mtim.tv_sec) + "." +
         std::to_string(st.st_mtim.tv_nsec) + "/" + std::string(header + 24, 4);
}

// Every SQLite file may come from someone else: its schema's SQL (views, triggers, defaults)
// runs no function marked unsafe, the file cannot be corrupted through SQL, damaged cells are
// caught as they are read, and a run that was asked to stop stops SQLite within a few thousand
// steps, even in an endless query a view holds. A file read as a file alone (inventory's) runs
// no view or trigger at all.
void harden(SQLite::Database& db, bool file_only) {
  sqlite3* h = db.getHandle();
  sqlite3_db_config(h, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_db_config(h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
  if (file_only) {
    sqlite3_db_config(h, SQLITE_DBCONFIG_ENABLE_VIEW, 0, nullptr);
    sqlite3_db_config(h, SQLITE_DBCONFIG_ENABLE_TRIGGER, 0, nullptr);
  }
  sqlite3_progress_handler(
      h, 1000, [](void*) { return interrupted() ? 1 : 0; }, nullptr);
  db.exec("PRAGMA cell_size_check = ON; PRAGMA mmap_size = 0");
}

// How messages name a source: its name and path, escaped (a path may hold a line break).
std::string where(const SourceFacts& f) {
  return "source " + printable(f.name) + " (" + printable(f.path) + ")";
}

}  // namespace

SqliteSource::SqliteSource(std::string name, std::string path, bool file_only, bool hash)
    : file_only_(file_only) {
  facts_.name = std::move(name);
  facts_.path = std::move(path);
  const std::string where = s2p::where(facts_);
  std::error_code ec;
  const auto status = fs::status(facts_.path, ec);
  if (ec || !fs::exists(status)) throw Failure(ExitCode::config, where + ": file not found");
  if (fs::is_directory(status))
    throw Failure(ExitCode::config, where + ": is a directory, not a SQLite file");
  facts_.real_path = fs::canonical(facts_.path, ec).string();
  facts_.symlink = fs::is_symlink(fs::symlink_status(facts_.path, ec));
  facts_.size = fs::file_size(facts_.path, ec);
  facts_.empty_file = facts_.size == 0;
  if (hash) facts_.sha256 = sha256_file(facts_.path);
  try {
    // A WAL file that nobody has open: a read-only connection would still create -wal and -shm
    // files beside it. Immutable mode reads it without creating or locking anything.
    wal_existed_ = fs::exists(facts_.path + "-wal");
    facts_.read_immutable =
        !facts_.empty_file && (file_only || (wal_mode(facts_.path) && !wal_existed_ &&
                                             !fs::exists(facts_.path + "-shm")));
    if (facts_.read_immutable) {
      fingerprint_ = file_fingerprint(facts_.path);
      db_ = std::make_unique<SQLite::Database>(file_uri(facts_.path) + "?immutable=1",
                                               kOpenFlags | SQLite::OPEN_URI, busy_ms);
    } else {
      db_ = std::make_unique<SQLite::Database>(facts_.path, kOpenFlags, busy_ms);
    }
    harden(*db_, file_only);
    // Reading the schema is the first thing that fails on a file that is not SQLite.
    SQLite::Statement probe(*db_, "SELECT count(*) FROM sqlite_master");
    probe.executeStep();
  } catch (const SQLite::Exception& e) {
    if (e.getErrorCode() == SQLITE_BUSY || e.getErrorCode() == SQLITE_LOCKED) {
      throw Failure(ExitCode::config,
                    where +
                        ": another process holds a write lock on it, still after --busy-timeout " +
                        std::to_string(busy_ms / 1000) + " s: " + e.what());
    }
    throw Failure(ExitCode::config, where + ": cannot be read as SQLite: " + e.what());
  }
  // Last, so that a constructor that threw leaves no hook behind. The progress handler cannot
  // stop one long step (quick_check, a backup): this can.
  cancel_hook_ = add_cancel_hook([h = db_->getHandle()] { sqlite3_interrupt(h); });
}

SqliteSource::~SqliteSource() {
  remove_cancel_hook(cancel_hook_);
  if (!in_snapshot_) return;
  try {
    db_->exec("COMMIT");  // a run that failed: the snapshot ends unchecked
  } catch (const SQLite::Exception&) {
    // Closing the connection ends it too.
  }
}

int SqliteSource::busy_timeout_ms() { return busy_ms; }

void SqliteSource::set_busy_timeout(double seconds) { busy_ms = static_cast<int>(seconds * 1000); }

void SqliteSource::check_integrity() {
  std::string problems;
  try {
    SQLite::Statement q(*db_, "PRAGMA quick_check");
    while (q.executeStep()) {
      const std::string line = q.getColumn(0).getString();
      if (line != "ok") problems += (problems.empty() ? "" : "; ") + line;
    }
  } catch (const SQLite::Exception& e) {
    problems = e.what();
  }
  if (!problems.empty()) {
    throw Failure(ExitCode::config, where(facts_) + " fails PRAGMA quick_check: " +
                                        printable(problems.substr(0, 500)));
  }
}

namespace {

std::int64_t data_version_of(SQLite::Database& db) {
  SQLite::Statement q(db, "PRAGMA data_version");
  q.executeStep();
  return q.getColumn(0).getInt64();
}

}  // namespace

void SqliteSource::begin_snapshot() {
  try {
    db_->exec("BEGIN");
    // A deferred transaction takes its read snapshot at the first read.
    SQLite::Statement first(*db_, "SELECT count(*) FROM sqlite_master");
    first.executeStep();
    if (!data_version_) data_version_ = data_version_of(*db_);
    in_snapshot_ = true;
  } catch (const SQLite::Exception& e) {
    const bool busy = e.getErrorCode() == SQLITE_BUSY || e.getErrorCode() == SQLITE_LOCKED;
    throw Failure(ExitCode::config,
                  where(facts_) + ": cannot start a read snapshot: " + e.what() +
                      (busy ? " (another process holds a write lock on it; waited --busy-timeout " +
                                  std::to_string(busy_ms / 1000.0).substr(0, 4) + " s)"
                            : ""));
  }
}

void SqliteSource::read_capture_status() {
  try {
    facts_.capture = s2p::read_capture_status(*db_);
  } catch (const SQLite::Exception& e) {
    facts_.capture = CaptureStatus{};
    facts_.capture.on = true;  // there is something, and it cannot be trusted
    facts_.capture.problems.push_back(std::string("its capture objects cannot be read: ") +
                                      e.what());
  }
}

void SqliteSource::end_snapshot() {
  if (!in_snapshot_) return;
  in_snapshot_ = false;
  try {
    db_->exec("COMMIT");
  } catch (const SQLite::Exception&) {
    // A read-only transaction has nothing to lose; the connection closes with the source.
  }
  if (facts_.read_immutable && (file_fingerprint(facts_.path) != fingerprint_ ||
                                (!wal_existed_ && fs::exists(facts_.path + "-wal")))) {
    throw Failure(ExitCode::config, where(facts_) +
                                        " was written to while it was being read; stop the service "
                                        "that writes it, or run again");
  }
}

bool SqliteSource::written_since_first_snapshot() {
  if (facts_.read_immutable)
    return file_fingerprint(facts_.path) != fingerprint_ ||
           (!wal_existed_ && fs::exists(facts_.path + "-wal"));
  return data_version_ && data_version_of(*db_) != *data_version_;
}

bool SqliteSource::has_table(const std::string& table) {
  // A file read as a file alone is read through its tables only: a view runs its own SQL.
  SQLite::Statement q(*db_, file_only_ ? "SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                                         "name = ?"
                                       : "SELECT 1 FROM sqlite_master WHERE type IN "
                                         "('table','view') AND name = ?");
  q.bind(1, table);
  return q.executeStep();
}

std::vector<std::string> SqliteSource::tables() {
  std::vector<std::string> out;
  // Shadow tables (an FTS or R*Tree table's storage) and sqlite_* are SQLite's, not the
  // application's; a virtual table is read as the table it presents.
  // Change capture's log and state are the tool's, not the application's.
  SQLite::Statement q(*db_,
                      "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type IN "
                      "('table', 'virtual') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND " +
                          std::string(kNotCaptureObject) + " ORDER BY name");
  while (q.executeStep()) out.push_back(q.getColumn(0).getString());
  return out;
}

std::vector<SourceColumn> SqliteSource::columns(const std::string& table) {
  std::vector<SourceColumn> out;
  SQLite::Statement q(*db_, "SELECT name, type, pk, \"notnull\" FROM pragma_table_info(?)");
  q.bind(1, table);
  while (q.executeStep()) {
    out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getInt(),
                   q.getColumn(3).getInt() != 0});
  }
  return out;
}

bool SqliteSource::has_rowid(const std::string& table) {
  // Neither a WITHOUT ROWID table (wr = 1) nor a view has one.
  SQLite::Statement q(*db_,
                      "SELECT 1 FROM pragma_table_list WHERE name = ? AND wr = 0 AND "
                      "type <> 'view'");
  q.bind(1, table);
  return q.executeStep();
}

std::int64_t SqliteSource::count_rows(const std::string& table) {
  SQLite::Statement q(*db_, "SELECT count(*) FROM " + quote_ident(table));
  q.executeStep();
  return q.getColumn(0).getInt64();
}

std::int64_t SqliteSource::max_integer(const std::string& table, const std::string& column) {
  SQLite::Statement q(*db_, "SELECT coalesce(max(" + quote_ident(column) + "), 0) FROM " +
                                quote_ident(table) + " WHERE typeof(" + quote_ident(column) +
                                ") = 'integer'");
  q.executeStep();
  return q.getColumn(0).getInt64();
}

std::int64_t SqliteSource::autoincrement_seq(const std::string& table) {
  if (!has_table("sqlite_sequence")) return 0;
  SQLite::Statement q(*db_, "SELECT coalesce(max(seq), 0) FROM sqlite_sequence WHERE name = ?");
  q.bind(1, table);
  q.executeStep();
  return q.getColumn(0).getInt64();
}

RowCursor::RowCursor(SqliteSource& source, const std::string& sql) : source_(source) {
  if (sqlite3_prepare_v2(source.db().getHandle(), sql.c_str(), -1, &raw_, nullptr) != SQLITE_OK) {
    const std::string why = sqlite3_errmsg(source.db().getHandle());
    sqlite3_finalize(raw_);
    throw Failure(ExitCode::config,
                  "source " + source.facts().name + " (" + source.facts().path + "): " + why);
  }
}

RowCursor::~RowCursor() { sqlite3_finalize(raw_); }

bool RowCursor::next() {
  const int rc = sqlite3_step(raw_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  if (rc == SQLITE_INTERRUPT) throw_if_interrupted("reading source " + source_.facts().name);
  throw Failure(ExitCode::config,
                "source " + source_.facts().name + " (" + source_.facts().path +
                    "): reading failed: " + sqlite3_errmsg(source_.db().getHandle()));
}

bool RowCursor::fetch(std::int64_t rowid) {
  sqlite3_reset(raw_);
  sqlite3_bind_int64(raw_, 1, rowid);
  return next();
}

SourceValue RowCursor::value(int column) const {
  SourceValue v;
  v.type = static_cast<SqliteType>(sqlite3_column_type(raw_, column));
  switch (v.type) {
    case SqliteType::integer:
      v.integer = sqlite3_column_int64(raw_, column);
      break;
    case SqliteType::real:
      v.real = sqlite3_column_double(raw_, column);
      break;
    case SqliteType::text: {
      const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(raw_, column));
      v.bytes = {p, static_cast<std::size_t>(sqlite3_column_bytes(raw_, column))};
      break;
    }
    case SqliteType::blob: {
      const auto* p = static_cast<const char*>(sqlite3_column_blob(raw_, column));
      const auto n = static_cast<std::size_t>(sqlite3_column_bytes(raw_, column));
      v.bytes = n ? std::string_view{p, n} : std::string_view{};
      break;
    }
    case SqliteType::null:
      break;
  }
  return v;
}

}  // namespace s2p

#include "sqlite2pg/extract/capture_file.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <random>

#include "sqlite2pg/extract/capture_names.h"
#include "sqlite2pg/extract/sqlite_source.h"
#include "sqlite2pg/transform/timestamp.h"
#include "sqlite2pg/util/failure.h"
#include "sqlite2pg/util/text.h"

namespace s2p {
namespace {

// BEGIN IMMEDIATE (the write lock first, waiting the busy timeout), rolled back unless committed.
class WriteTransaction {
 public:
  WriteTransaction(SQLite::Database& db, const std::string& source) : db_(db) {
    try {
      db_.exec("BEGIN IMMEDIATE");
    } catch (const SQLite::Exception& e) {
      throw Failure(ExitCode::config, "source " + source +
                                          ": another connection kept the file locked for longer "
                                          "than --busy-timeout (" +
                                          e.what() + "); nothing was changed");
    }
  }
  ~WriteTransaction() {
    if (!done_) sqlite3_exec(db_.getHandle(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
  void commit() {
    db_.exec("COMMIT");
    done_ = true;
  }

 private:
  SQLite::Database& db_;
  bool done_ = false;
};

std::string new_generation() {
  std::random_device random;
  std::string out;
  for (int i = 0; i < 4; ++i) {
    char part[9];
    std::snprintf(part, sizeof part, "%08x", random());
    out += part;
  }
  return out;
}

std::string now_utc() {
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  return format_timestamp_utc(micros);
}

bool has_capture_table(SQLite::Database& db, std::string_view name) {
  SQLite::Statement q(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
  q.bind(1, std::string(name));
  return q.executeStep();
}

// The triggers capture's prefix names, by name: their SQL as stored.
std::map<std::string, std::string> capture_triggers_in(SQLite::Database& db) {
  std::map<std::string, std::string> out;
  SQLite::Statement q(db, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND NOT (" +
                              std::string(kNotCaptureObject) + ")");
  while (q.executeStep()) out[q.getColumn(0).getString()] = q.getColumn(1).getString();
  return out;
}

void check_triggers(SQLite::Database& db, CaptureStatus& s) {
  auto present = capture_triggers_in(db);
  for (std::size_t i = 0; i < s.tables.size(); ++i) {
    const std::string& table = s.tables[i];
    std::string why;
    const CapturedTable t = describe_for_capture(db, table, why);
    if (!why.empty()) {
      s.problems.push_back("table " + table + ": " + why);
      continue;
    }
    for (const auto& expected : capture_triggers(t, static_cast<int>(i + 1))) {
      const auto found = present.find(expected.name);
      if (found == present.end())
        s.problems.push_back("table " + table + ": trigger " + expected.name + " is missing");
      else if (found->second != expected.sql)
        s.problems.push_back("table " + table + ": trigger " + expected.name +
                             " is not the one its table needs now (altered, or the table has "
                             "another unique index)");
      if (found != present.end()) present.erase(found);
    }
  }
  for (const auto& [name, sql] : present)
    s.problems.push_back("trigger " + name + " is not capture's own");
}

std::vector<std::string> rowid_aliases_free(SQLite::Database& db, const std::string& table) {
  std::vector<std::string> free;
  for (const char* alias : {"rowid", "_rowid_", "oid"}) {
    SQLite::Statement q(db, "SELECT 1 FROM pragma_table_info(?) WHERE lower(name) = ?");
    q.bind(1, table);
    q.bind(2, alias);
    if (!q.executeStep()) free.push_back(alias);
  }
  return free;
}

// A unique index's columns; empty `why` unless one is an expression.
std::vector<std::string> index_columns(SQLite::Database& db, const std::string& index,
                                       std::string& why) {
  std::vector<std::string> out;
  SQLite::Statement q(db, "SELECT cid, name FROM pragma_index_info(?) ORDER BY seqno");
  q.bind(1, index);
  while (q.executeStep()) {
    const int cid = q.getColumn(0).getInt();
    if (cid == -2) why = "its unique index " + index + " is on an expression";
    if (cid == -1) return {};  // holds the rowid: a collision is the row itself
    out.push_back(q.getColumn(1).getString());
  }
  return out;
}

}  // namespace

CapturedTable describe_for_capture(SQLite::Database& db, const std::string& table,
                                   std::string& why) {
  CapturedTable t{table, "", {}, {}};
  SQLite::Statement kind(
      db, "SELECT type, wr FROM pragma_table_list WHERE schema = 'main' AND name = ?");
  kind.bind(1, table);
  if (!kind.executeStep()) {
    why = "no such table";
    return t;
  }
  if (kind.getColumn(0).getString() != "table") {
    why = "a " + kind.getColumn(0).getString() + ", not a table: triggers cannot log its rows";
    return t;
  }
  const bool without_rowid = kind.getColumn(1).getInt() != 0;
  if (without_rowid) {
    SQLite::Statement pk(db, "SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk");
    pk.bind(1, table);
    while (pk.executeStep()) t.primary_key.push_back(pk.getColumn(0).getString());
  } else {
    const auto free = rowid_aliases_free(db, table);
    if (free.empty()) {
      why = "columns named rowid, _rowid_ and oid hide its rowid";
      return t;
    }
    t.rowid = free.front();
  }
  SQLite::Statement indexes(
      db, "SELECT name, origin FROM pragma_index_list(?) WHERE \"unique\" ORDER BY name");
  indexes.bind(1, table);
  while (indexes.executeStep()) {
    if (without_rowid && indexes.getColumn(1).getString() == "pk") continue;  // the key itself
    auto columns = index_columns(db, indexes.getColumn(0).getString(), why);
    if (!why.empty()) return t;
    if (!columns.empty()) t.unique.push_back(std::move(columns));
  }
  return t;
}

CaptureFile::CaptureFile(std::string name, const std::string& path) : name_(std::move(name)) {
  try {
    db_ = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE);
  } catch (const SQLite::Exception& e) {
    throw Failure(ExitCode::config,
                  "source " + name_ + " (" + path + "): cannot be opened for writing: " + e.what());
  }
  sqlite3* h = db_->getHandle();
  sqlite3_db_config(h, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_db_config(h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
  sqlite3_busy_timeout(h, SqliteSource::busy_timeout_ms());
}

CaptureFile::~CaptureFile() = default;

CaptureStatus CaptureFile::status() {
  CaptureStatus s;
  if (!has_capture_table(*db_, kCaptureState)) {
    if (!capture_triggers_in(*db_).empty() || has_capture_table(*db_, kCaptureLog))
      s.problems.push_back("capture's objects are there without its state: stop it");
    return s;
  }
  s.on = true;
  SQLite::Statement state(*db_, "SELECT n, tbl, generation, started_at FROM " +
                                    quote_ident(kCaptureState) + " ORDER BY n");
  while (state.executeStep()) {
    if (state.getColumn(0).getInt64() != static_cast<std::int64_t>(s.tables.size() + 1))
      s.problems.push_back("its state is not the one capture wrote");
    s.tables.push_back(state.getColumn(1).getString());
    s.generation = state.getColumn(2).getString();
    s.started_at = state.getColumn(3).getString();
  }
  if (!has_capture_table(*db_, kCaptureLog)) {
    s.problems.push_back("its log is gone");
  } else {
    SQLite::Statement log(
        *db_, "SELECT count(*), coalesce(max(seq), 0) FROM " + quote_ident(kCaptureLog));
    log.executeStep();
    s.logged = static_cast<std::uint64_t>(log.getColumn(0).getInt64());
    s.last_seq = log.getColumn(1).getInt64();
  }
  check_triggers(*db_, s);
  return s;
}

CaptureStatus CaptureFile::start(const std::vector<std::string>& tables,
                                 std::vector<std::string>& skipped) {
  WriteTransaction transaction(*db_, name_);
  std::vector<CapturedTable> captured;
  std::vector<std::string> names;
  for (const auto& table : tables) {
    std::string why;
    CapturedTable t = describe_for_capture(*db_, table, why);
    if (!why.empty()) {
      skipped.push_back(table + ": " + why);
      continue;
    }
    names.push_back(table);
    captured.push_back(std::move(t));
  }
  const CaptureStatus before = status();
  if (before.on || !before.problems.empty()) {
    if (before.problems.empty() && before.tables == names) return before;  // on and intact
    std::string why;
    for (const auto& p : before.problems) why += "; " + p;
    throw Failure(ExitCode::config,
                  "source " + name_ + ": capture is already on" +
                      (before.problems.empty() ? " for other tables" : why) +
                      "; run capture stop first (the next sync then reads every table)");
  }
  if (captured.empty())
    throw Failure(ExitCode::config,
                  "source " + name_ + ": none of its mapped tables can be captured");
  db_->exec(capture_log_sql());
  db_->exec(capture_state_sql());
  const std::string generation = new_generation(), started = now_utc();
  for (std::size_t i = 0; i < captured.size(); ++i) {
    SQLite::Statement row(*db_, "INSERT INTO " + quote_ident(kCaptureState) +
                                    " (n, tbl, generation, started_at) VALUES (?, ?, ?, ?)");
    row.bind(1, static_cast<int>(i + 1));
    row.bind(2, captured[i].name);
    row.bind(3, generation);
    row.bind(4, started);
    row.exec();
    for (const auto& trigger : capture_triggers(captured[i], static_cast<int>(i + 1)))
      db_->exec(trigger.sql);
  }
  transaction.commit();
  return status();
}

bool CaptureFile::stop() {
  WriteTransaction transaction(*db_, name_);
  std::vector<std::pair<std::string, std::string>> objects;  // type, name: triggers first
  SQLite::Statement q(*db_,
                      "SELECT type, name FROM sqlite_master WHERE type IN ('trigger', "
                      "'table') AND NOT (" +
                          std::string(kNotCaptureObject) + ") ORDER BY type = 'table', name");
  while (q.executeStep())
    objects.emplace_back(q.getColumn(0).getString(), q.getColumn(1).getString());
  q.reset();
  for (const auto& [type, name] : objects)
    db_->exec("DROP " + ascii_upper(type) + " " + quote_ident(name));
  transaction.commit();
  return !objects.empty();
}

}  // namespace s2p

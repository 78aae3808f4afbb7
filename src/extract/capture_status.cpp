#include "sqlite2pg/extract/capture_status.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include <map>

#include "sqlite2pg/extract/capture_names.h"
#include "sqlite2pg/util/text.h"

namespace s2p {
namespace {

bool has_capture_table(SQLite::Database& db, std::string_view name) {
  SQLite::Statement q(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
  q.bind(1, std::string(name));
  return q.executeStep();
}

// The CREATE statement SQLite keeps for table `name`.
std::string table_sql(SQLite::Database& db, std::string_view name) {
  SQLite::Statement q(db, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?");
  q.bind(1, std::string(name));
  return q.executeStep() ? q.getColumn(0).getString() : "";
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
  if (!without_rowid) {
    const auto free = rowid_aliases_free(db, table);
    if (free.empty()) {
      why = "columns named rowid, _rowid_ and oid hide its rowid";
      return t;
    }
    t.rowid = free.front();
  }
  SQLite::Statement pk(db, "SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk");
  pk.bind(1, table);
  while (pk.executeStep()) t.key.push_back(pk.getColumn(0).getString());
  bool pk_index = false;
  SQLite::Statement indexes(
      db, "SELECT name, origin FROM pragma_index_list(?) WHERE \"unique\" ORDER BY name");
  indexes.bind(1, table);
  while (indexes.executeStep()) {
    const bool is_pk = indexes.getColumn(1).getString() == "pk";
    pk_index = pk_index || is_pk;
    if (without_rowid && is_pk) continue;  // the key itself
    auto columns = index_columns(db, indexes.getColumn(0).getString(), why);
    if (!why.empty()) return t;
    if (!columns.empty()) t.unique.push_back(std::move(columns));
  }
  // A rowid table's primary key without an index of its own is INTEGER PRIMARY KEY: the rowid.
  if (!without_rowid && t.key.size() == 1 && !pk_index) {
    t.rowid_alias = t.key.front();
    t.key.clear();
  }
  if (!without_rowid && t.key.empty() && t.rowid_alias.empty() && !t.unique.empty())
    t.key = t.unique.front();
  if (t.key.size() > kCaptureKeyColumns)
    why = "its key has more than " + std::to_string(kCaptureKeyColumns) + " columns";
  return t;
}

CaptureStatus read_capture_status(SQLite::Database& db) {
  CaptureStatus s;
  if (!has_capture_table(db, kCaptureState)) {
    if (!capture_triggers_in(db).empty() || has_capture_table(db, kCaptureLog))
      s.problems.push_back("capture's objects are there without its state: stop it");
    return s;
  }
  s.on = true;
  {
    SQLite::Statement version(db, "PRAGMA schema_version");
    version.executeStep();
    s.schema_version = version.getColumn(0).getInt64();
  }
  SQLite::Statement state(db, "SELECT n, tbl, generation, started_at FROM " +
                                  quote_ident(kCaptureState) + " ORDER BY n");
  while (state.executeStep()) {
    if (state.getColumn(0).getInt64() != static_cast<std::int64_t>(s.tables.size() + 1))
      s.problems.push_back("its state is not the one capture wrote");
    s.tables.push_back(state.getColumn(1).getString());
    s.generation = state.getColumn(2).getString();
    s.started_at = state.getColumn(3).getString();
  }
  if (!has_capture_table(db, kCaptureLog)) {
    s.problems.push_back("its log is gone");
  } else if (table_sql(db, kCaptureLog) != capture_log_sql() ||
             table_sql(db, kCaptureState) != capture_state_sql()) {
    s.problems.push_back("its log or state table is not the one capture made (altered)");
  } else {
    SQLite::Statement log(
        db, "SELECT count(*), coalesce(max(seq), 0) FROM " + quote_ident(kCaptureLog));
    log.executeStep();
    s.logged = static_cast<std::uint64_t>(log.getColumn(0).getInt64());
    s.last_seq = log.getColumn(1).getInt64();
  }
  check_triggers(db, s);
  return s;
}

}  // namespace s2p

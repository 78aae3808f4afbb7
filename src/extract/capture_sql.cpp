#include "sqlite2pg/extract/capture_sql.h"

#include <algorithm>

#include "sqlite2pg/extract/capture_names.h"
#include "sqlite2pg/util/text.h"

namespace s2p {
namespace {

std::string log_name() { return quote_ident(kCaptureLog); }

std::string prefixed(const std::string& row, const std::string& column) {
  return (row.empty() ? "" : row + ".") + quote_ident(column);
}

// The log's columns and values for the row `row` ("NEW", "OLD", or "" for the table's own
// columns): its rowid and, for the row as it was (or a WITHOUT ROWID table's), its key.
struct Entry {
  std::string columns, values;
};
Entry entry(const CapturedTable& t, int n, const std::string& row, bool old) {
  Entry e{"t, rid, old", std::to_string(n) + ", " +
                             (t.rowid.empty() ? "NULL" : prefixed(row, t.rowid)) + ", " +
                             (old ? "1" : "0")};
  if (!old && !t.rowid.empty()) return e;  // a new row is read again by its rowid
  for (std::size_t i = 0; i < t.key.size(); ++i) {
    e.columns += ", k" + std::to_string(i + 1);
    e.values += ", " + prefixed(row, t.key[i]);
  }
  return e;
}

std::string log_row(const CapturedTable& t, int n, const std::string& row, bool old) {
  const Entry e = entry(t, n, row, old);
  return "INSERT INTO " + log_name() + " (" + e.columns + ") VALUES (" + e.values + ");";
}

// The row's identity, to tell whether an update moved it: rowid and key columns.
std::string identity(const CapturedTable& t, const std::string& row) {
  std::string out = t.rowid.empty() ? "" : prefixed(row, t.rowid);
  for (const auto& c : t.key) out += (out.empty() ? "" : ", ") + prefixed(row, c);
  return "(" + out + ")";
}

// The rows a write of NEW would collide with on a unique index: REPLACE deletes them.
std::string colliding(const CapturedTable& t) {
  std::string any;
  for (const auto& index : t.unique) {
    std::string all;
    for (const auto& c : index)
      all += (all.empty() ? "" : " AND ") + quote_ident(c) + " = NEW." + quote_ident(c);
    any += (any.empty() ? "(" : " OR (") + all + ")";
  }
  return any;
}

std::string log_colliding(const CapturedTable& t, int n, bool update) {
  const Entry e = entry(t, n, "", true);
  std::string sql = "INSERT INTO " + log_name() + " (" + e.columns + ") SELECT " + e.values +
                    " FROM main." + quote_ident(t.name) + " WHERE (" + colliding(t) + ")";
  if (update) sql += " AND " + identity(t, "") + " IS NOT " + identity(t, "OLD");
  return sql + ";";
}

CaptureTrigger trigger(const CapturedTable& t, int n, const char* kind, const char* when,
                       const std::string& body) {
  const std::string name = std::string(kCapturePrefix) + "_" + std::to_string(n) + "_" + kind;
  return {name, "CREATE TRIGGER " + quote_ident(name) + " " + when + " ON main." +
                    quote_ident(t.name) + " BEGIN " + body + " END"};
}

}  // namespace

std::string capture_log_sql() {
  // seq: the order of the writes; never AUTOINCREMENT (sqlite_sequence is the application's).
  // The k columns have no type, so each value keeps its storage class and bytes.
  std::string keys;
  for (std::size_t i = 1; i <= kCaptureKeyColumns; ++i) keys += ", k" + std::to_string(i);
  return "CREATE TABLE " + log_name() +
         " (seq INTEGER PRIMARY KEY, t INTEGER NOT NULL, rid INTEGER, old INTEGER NOT NULL" + keys +
         ")";
}

std::string capture_state_sql() {
  return "CREATE TABLE " + quote_ident(kCaptureState) +
         " (n INTEGER PRIMARY KEY, tbl TEXT NOT NULL, generation TEXT NOT NULL, started_at TEXT "
         "NOT NULL)";
}

std::string capture_rowids_sql(int n, std::int64_t after_seq) {
  return "SELECT DISTINCT rid FROM " + log_name() + " WHERE t = " + std::to_string(n) +
         " AND seq > " + std::to_string(after_seq) + " AND rid IS NOT NULL ORDER BY rid";
}

namespace {

// The log column that holds `column` of table `t`'s old rows; empty when none does.
std::string log_column(const CapturedTable& t, const std::string& column) {
  const std::string name = ascii_lower(column);
  if (!t.rowid_alias.empty() && ascii_lower(t.rowid_alias) == name) return "rid";
  for (std::size_t i = 0; i < t.key.size(); ++i) {
    if (ascii_lower(t.key[i]) == name) return "k" + std::to_string(i + 1);
  }
  return "";
}

}  // namespace

bool capture_keeps_column(const CapturedTable& t, const std::string& column) {
  return !log_column(t, column).empty();
}

std::string capture_old_rows_sql(const CapturedTable& t, int n, std::int64_t after_seq,
                                 const std::vector<std::string>& columns, int rowid_index) {
  std::string list;
  const std::size_t width = std::max(columns.size(), static_cast<std::size_t>(rowid_index + 1));
  for (std::size_t i = 0; i < width; ++i) {
    std::string from = static_cast<int>(i) == rowid_index ? "rid" : "";
    if (from.empty() && i < columns.size()) from = log_column(t, columns[i]);
    list += (i ? ", " : "") + (from.empty() ? "NULL" : from);
  }
  return "SELECT " + list + " FROM " + log_name() + " WHERE t = " + std::to_string(n) +
         " AND seq > " + std::to_string(after_seq) + " AND old = 1 ORDER BY seq";
}

std::string capture_count_after_sql() {
  return "SELECT count(*) FROM " + log_name() + " WHERE seq > ?";
}

std::string capture_forget_sql() { return "DELETE FROM " + log_name() + " WHERE seq < ?"; }

std::vector<CaptureTrigger> capture_triggers(const CapturedTable& t, int n) {
  std::vector<CaptureTrigger> out;
  out.push_back(trigger(t, n, "insert", "AFTER INSERT", log_row(t, n, "NEW", false)));
  // An update logs the row, and the row as it was when its rowid or key moved.
  const Entry was = entry(t, n, "OLD", true);
  out.push_back(trigger(t, n, "update", "AFTER UPDATE",
                        log_row(t, n, "NEW", false) + " INSERT INTO " + log_name() + " (" +
                            was.columns + ") SELECT " + was.values + " WHERE " +
                            identity(t, "NEW") + " IS NOT " + identity(t, "OLD") + ";"));
  out.push_back(trigger(t, n, "delete", "AFTER DELETE", log_row(t, n, "OLD", true)));
  if (!t.unique.empty()) {
    out.push_back(trigger(t, n, "replace_insert", "BEFORE INSERT", log_colliding(t, n, false)));
    out.push_back(trigger(t, n, "replace_update", "BEFORE UPDATE", log_colliding(t, n, true)));
  }
  return out;
}

}  // namespace s2p

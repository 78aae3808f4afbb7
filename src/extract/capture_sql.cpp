#include "sqlite2pg/extract/capture_sql.h"

#include "sqlite2pg/extract/capture_names.h"
#include "sqlite2pg/util/text.h"

namespace s2p {
namespace {

std::string log_name() { return quote_ident(kCaptureLog); }

// The row's key from `row` ("NEW", "OLD", or "" for the table's own columns): its rowid, or a
// WITHOUT ROWID table's key as SQL literals (quote() is exact for every storage class).
std::string key_expr(const CapturedTable& t, const std::string& row) {
  const std::string prefix = row.empty() ? "" : row + ".";
  if (!t.rowid.empty()) return prefix + quote_ident(t.rowid);
  std::string pk;
  for (const auto& c : t.primary_key)
    pk += (pk.empty() ? "" : " || ',' || ") + std::string("quote(") + prefix + quote_ident(c) + ")";
  return pk;
}

// The log's (rid, pk) for that key.
std::string key_values(const CapturedTable& t, const std::string& row) {
  return t.rowid.empty() ? "NULL, " + key_expr(t, row) : key_expr(t, row) + ", NULL";
}

std::string log_row(const CapturedTable& t, int n, const std::string& row) {
  return "INSERT INTO " + log_name() + " (t, rid, pk) VALUES (" + std::to_string(n) + ", " +
         key_values(t, row) + ");";
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
  std::string sql = "INSERT INTO " + log_name() + " (t, rid, pk) SELECT " + std::to_string(n) +
                    ", " + key_values(t, "") + " FROM main." + quote_ident(t.name) + " WHERE (" +
                    colliding(t) + ")";
  if (update) {
    sql += t.rowid.empty()
               ? " AND (" + key_values(t, "") + ") IS NOT (" + key_values(t, "OLD") + ")"
               : " AND " + quote_ident(t.rowid) + " IS NOT OLD." + quote_ident(t.rowid);
  }
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
  return "CREATE TABLE " + log_name() +
         " (seq INTEGER PRIMARY KEY, t INTEGER NOT NULL, rid INTEGER, pk TEXT)";
}

std::string capture_state_sql() {
  return "CREATE TABLE " + quote_ident(kCaptureState) +
         " (n INTEGER PRIMARY KEY, tbl TEXT NOT NULL, generation TEXT NOT NULL, started_at TEXT "
         "NOT NULL)";
}

std::vector<CaptureTrigger> capture_triggers(const CapturedTable& t, int n) {
  std::vector<CaptureTrigger> out;
  out.push_back(trigger(t, n, "insert", "AFTER INSERT", log_row(t, n, "NEW")));
  // An update logs the old key and, when the key moved, the new one.
  const std::string moved =
      t.rowid.empty() ? "(" + key_values(t, "NEW") + ") IS NOT (" + key_values(t, "OLD") + ")"
                      : "NEW." + quote_ident(t.rowid) + " IS NOT OLD." + quote_ident(t.rowid);
  out.push_back(trigger(t, n, "update", "AFTER UPDATE",
                        log_row(t, n, "OLD") + " INSERT INTO " + log_name() +
                            " (t, rid, pk) SELECT " + std::to_string(n) + ", " +
                            key_values(t, "NEW") + " WHERE " + moved + ";"));
  out.push_back(trigger(t, n, "delete", "AFTER DELETE", log_row(t, n, "OLD")));
  if (!t.unique.empty()) {
    out.push_back(trigger(t, n, "replace_insert", "BEFORE INSERT", log_colliding(t, n, false)));
    out.push_back(trigger(t, n, "replace_update", "BEFORE UPDATE", log_colliding(t, n, true)));
  }
  return out;
}

}  // namespace s2p

#pragma once
// The SQL change capture puts into a source file: a log table, a state table, and per captured
// table the triggers that log every row an INSERT, UPDATE or DELETE touches (including the rows
// INSERT OR REPLACE and UPDATE OR REPLACE delete through a UNIQUE index, which fire no DELETE
// trigger while recursive_triggers is off). Only core SQL, so the triggers run in whatever
// SQLite build the application links.
//
// A log row is (seq, t, rid, old, k1..k8): table number t's row at rowid `rid` (NULL for a
// WITHOUT ROWID table) was written; with old = 1 it is the row as it was before a DELETE, a
// REPLACE or an update of its key, and k1.. hold its key columns' values as they were (stored
// exactly: the k columns have no type), so a sync can tell which row PostgreSQL must lose.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace s2p {

// How many key columns the log can hold; a table whose key has more is not captured.
inline constexpr std::size_t kCaptureKeyColumns = 8;

// A table as capture sees it.
struct CapturedTable {
  std::string name;
  std::string rowid;  // the name that reaches the rowid; empty: WITHOUT ROWID
  // The columns whose old values the log keeps: the primary key (a WITHOUT ROWID table's, or a
  // rowid table's unless it is the rowid itself), else a rowid table's first unique index.
  std::vector<std::string> key;
  std::string rowid_alias;  // an INTEGER PRIMARY KEY column: the rowid under its own name
  std::vector<std::vector<std::string>> unique;  // unique indexes but a WITHOUT ROWID key
};

struct CaptureTrigger {
  std::string name, sql;
};

std::string capture_log_sql();    // CREATE TABLE of the log
std::string capture_state_sql();  // CREATE TABLE of the state

// The triggers of table number `n` (its row in the state table).
std::vector<CaptureTrigger> capture_triggers(const CapturedTable& t, int n);

// Reading table number `n`'s part of the log after `after_seq`, as a sync does:
// the rowids written, in order, and the rows as they were (old = 1) with their key columns in
// the places `columns` (a table's SELECT list) holds them, NULL elsewhere; `rowid_index` is the
// rowid's place in that list (it may be one past its end).
std::string capture_rowids_sql(int n, std::int64_t after_seq);
std::string capture_old_rows_sql(const CapturedTable& t, int n, std::int64_t after_seq,
                                 const std::vector<std::string>& columns, int rowid_index);
// Whether capture_old_rows_sql() fills `column` (the rowid, or a key column).
bool capture_keeps_column(const CapturedTable& t, const std::string& column);
// Deletes the log's rows before `seq` (a committed sync consumed them through `seq`; the row at
// `seq` stays, so the numbering goes on from there).
std::string capture_forget_sql();       // one parameter: seq
std::string capture_count_after_sql();  // one parameter: seq

}  // namespace s2p

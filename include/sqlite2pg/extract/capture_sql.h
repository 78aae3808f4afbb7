#pragma once
// The SQL change capture puts into a source file: a log table, a state table, and per captured
// table the triggers that log the key of every row an INSERT, UPDATE or DELETE touches
// (including the rows INSERT OR REPLACE and UPDATE OR REPLACE delete through a UNIQUE index,
// which fire no DELETE trigger while recursive_triggers is off). Only core SQL, so the
// triggers run in whatever SQLite build the application links.
#include <string>
#include <vector>

namespace s2p {

// A table as capture sees it.
struct CapturedTable {
  std::string name;
  std::string rowid;                     // the name that reaches the rowid; empty: WITHOUT ROWID
  std::vector<std::string> primary_key;  // a WITHOUT ROWID table's key columns
  std::vector<std::vector<std::string>> unique;  // other unique indexes' columns
};

struct CaptureTrigger {
  std::string name, sql;
};

std::string capture_log_sql();    // CREATE TABLE of the log
std::string capture_state_sql();  // CREATE TABLE of the state

// The triggers of table number `n` (its row in the state table).
std::vector<CaptureTrigger> capture_triggers(const CapturedTable& t, int n);

}  // namespace s2p

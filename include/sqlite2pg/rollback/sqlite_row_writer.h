#pragma once
// Rows written into one table of a SQLite copy: changed columns set and rows deleted where the
// row is found again (by rowid, or by its primary key in a table without one), new rows inserted.
// Each statement is prepared once per SQL text and kept until finish().
#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sqlite2pg/plan/plan.h"
#include "sqlite2pg/transform/value.h"

namespace s2p {

class SqliteRowWriter {
 public:
  // `finds_rows`: updates or deletes are to come. Throws Failure(config) when the rows cannot
  // be found again: no rowid, and the primary key is not among the mapped columns.
  SqliteRowWriter(const TablePlan& t, bool finds_rows);
  ~SqliteRowWriter();

  // `row` is the SQLite row at `locator` (it gives the primary key where there is no rowid);
  // `key` names PostgreSQL's row in errors.
  void update(SQLite::Database& out, const std::vector<std::string>& columns,
              const std::vector<SourceValue>& values, std::uint64_t locator, const RowCursor& row,
              const std::string& key);
  // `columns` are the same for every insert into the table.
  void insert(SQLite::Database& out, const std::vector<std::string>& columns,
              const std::vector<SourceValue>& values, const std::string& key);
  // `row` may be null where the table has rowids.
  void remove(SQLite::Database& out, std::uint64_t locator, const RowCursor* row,
              const std::string& key);
  // Finalizes the statements, so the file's connection can close.
  void finish() { statements_.clear(); }

  std::uint64_t written() const { return written_; }  // rows updated, inserted and deleted

 private:
  SQLite::Statement& prepared(SQLite::Database& out, const std::string& sql);
  void execute(SQLite::Statement& s, const std::string& key);
  void bind_row(SQLite::Statement& s, int first, std::uint64_t locator, const RowCursor* row);

  const TablePlan& t_;
  std::vector<int> pk_columns_;          // SELECT positions of the primary key, without a rowid
  std::string where_row_;                // "rowid = ?" or "pk1 IS ? AND ..."
  std::string insert_sql_, delete_sql_;  // built once
  std::map<std::string, std::unique_ptr<SQLite::Statement>> statements_;
  std::uint64_t written_ = 0;
};

}  // namespace s2p

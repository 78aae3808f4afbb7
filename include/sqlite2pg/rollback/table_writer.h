#pragma once
// Writing one table's PostgreSQL changes into the SQLite copy: PostgreSQL's rows of the changed
// keys read by key (spooled to disk with them: see change_spool.h), each field run backwards
// through its transform, and only the columns whose value changed written; deleted rows removed by
// rowid (or primary key).
#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "sqlite2pg/pg/session.h"
#include "sqlite2pg/plan/plan.h"
#include "sqlite2pg/rollback/column_inverse.h"
#include "sqlite2pg/rollback/legacy_ids.h"
#include "sqlite2pg/rollback/target_changes.h"
#include "sqlite2pg/validate/row_streams.h"

namespace s2p {

class TableWriter {
 public:
  // `n` tells this table's temporary tables from the others'.
  TableWriter(PgSession& pg, const TablePlan& t, TargetChanges& changes, LegacyIds& ids, int n);
  ~TableWriter();

  // PostgreSQL's rows of the updated and inserted keys, and the legacy ids they refer to (asked
  // of `ids`, which fetches them for every table at once).
  void read_target_rows();
  // --assign-ids: each inserted row whose own INTEGER id has no legacy id gets the next one past
  // the table's highest, in key order (after read_target_rows and the ids' fetch).
  void assign_ids();
  // Updates, then inserts; a value with no SQLite form is recorded in refused(), not written.
  void write_upserts(SQLite::Database& out);
  void write_deletes(SQLite::Database& out);
  // Finalizes the statements, so the file's connection can close.
  void finish() { statements_.clear(); }

  const std::vector<NamedDifference>& refused() const { return refused_; }
  std::uint64_t updated() const { return updated_; }
  std::uint64_t inserted() const { return inserted_; }
  std::uint64_t deleted() const { return deleted_; }

 private:
  SQLite::Statement& prepared(SQLite::Database& out, const std::string& sql);
  void execute(SQLite::Statement& s, const std::string& key);
  std::string where_row() const;  // "rowid = ?" or "pk1 IS ? AND ..."
  void bind_row(SQLite::Statement& s, int first, std::uint64_t locator, const RowCursor* row);
  // `source_row` names the SQLite row being changed; empty for a new one.
  bool invert_row(const std::string& key, const std::string& source_row,
                  const std::vector<std::optional<std::string_view>>& f,
                  const std::vector<bool>& wanted, std::vector<SourceValue>& values);
  void update_row(SQLite::Database& out, const RowCursor& row, std::uint64_t locator,
                  const std::string& key, std::string_view tuple);
  void want_ids(std::string_view tuple);
  void refuse(const std::string& key, const std::string& source_row, const std::string& why);
  bool agrees(const std::string& key, const std::string& source_row,
              const std::vector<std::optional<std::string_view>>& f, std::size_t i,
              const SourceValue& first);

  PgSession& pg_;
  const TablePlan& t_;
  TargetChanges& changes_;  // PostgreSQL's rows of its keys are spooled with them
  LegacyIds& ids_;
  int n_;
  std::vector<ColumnInverse> inverses_;
  std::vector<bool> writes_;         // per column: whether it writes its source column
  std::vector<std::size_t> feeder_;  // per column: the first column fed by its source column
  std::vector<int> pk_columns_;      // SELECT positions of the primary key, without a rowid
  std::vector<std::string> scratch_;
  std::map<std::string, std::unique_ptr<SQLite::Statement>> statements_;
  std::vector<NamedDifference> refused_;
  std::uint64_t updated_ = 0, inserted_ = 0, deleted_ = 0;
};

}  // namespace s2p

#pragma once
// One table's write-back, in the order its parts need: PostgreSQL's rows of the changed keys
// read (target_rows.h), each run backwards through the transforms (RowInverter), and the SQLite
// copy changed by rowid or primary key (SqliteRowWriter); only the columns whose value changed
// are written. The changed rows stay spooled on disk (change_spool.h).
#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sqlite2pg/pg/session.h"
#include "sqlite2pg/plan/plan.h"
#include "sqlite2pg/rollback/legacy_ids.h"
#include "sqlite2pg/rollback/row_inverter.h"
#include "sqlite2pg/rollback/sqlite_row_writer.h"
#include "sqlite2pg/rollback/target_changes.h"

namespace s2p {

class TableWriter {
 public:
  // Reads PostgreSQL's rows of the updated and inserted keys at once; `n` tells this table's
  // temporary tables from the others'. The legacy ids they refer to are wanted of `ids`.
  // Throws Failure(config) for rows that cannot be found again in SQLite or a transform without
  // an inverse, PgError for what PostgreSQL refuses.
  TableWriter(PgSession& pg, const TablePlan& t, TargetChanges& changes, LegacyIds& ids, int n);

  // --assign-ids, after the ids' fetch.
  void assign_ids();
  // Updates, then inserts; a value with no SQLite form is recorded in refused(), not written.
  // Throws Failure(target) when PostgreSQL did not return a row for every changed key.
  void write_upserts(SQLite::Database& out);
  void write_deletes(SQLite::Database& out);
  // Finalizes the statements, so the file's connection can close.
  void finish() { writer_.finish(); }

  const std::vector<NamedDifference>& refused() const;
  std::uint64_t written() const { return writer_.written(); }  // rows updated, inserted, deleted

 private:
  void write_updates(SQLite::Database& out);

  PgSession& pg_;
  const TablePlan& t_;
  TargetChanges& changes_;
  LegacyIds& ids_;
  std::optional<RowInverter> inverter_;  // only where rows are updated or inserted
  SqliteRowWriter writer_;
};

}  // namespace s2p

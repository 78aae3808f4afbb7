#pragma once
// PostgreSQL's side of a table's write-back: its rows of the updated and inserted keys, read by
// key in the rollback's snapshot and spooled with the keys (see change_spool.h), and the legacy
// ids those rows refer to, asked of LegacyIds (which fetches them for every table at once).
#include <vector>

#include "sqlite2pg/pg/session.h"
#include "sqlite2pg/plan/plan.h"
#include "sqlite2pg/rollback/column_inverse.h"
#include "sqlite2pg/rollback/legacy_ids.h"
#include "sqlite2pg/rollback/target_changes.h"

namespace s2p {

// `n` tells this table's temporary tables from the others'.
void read_target_rows(PgSession& pg, const TablePlan& t, const std::vector<ColumnInverse>& columns,
                      TargetChanges& changes, LegacyIds& ids, int n);

// PostgreSQL returned a row for every updated and inserted key; else Failure(target). Checked
// when the rows are written, after every table's were read.
void check_rows_read(const TablePlan& t, const TargetChanges& changes);

// --assign-ids: each inserted row whose own INTEGER id has no legacy id gets the next one past
// the table's highest, in key order (after the ids' fetch).
void assign_new_ids(PgSession& pg, const TablePlan& t, const std::vector<ColumnInverse>& columns,
                    const TargetChanges& changes, LegacyIds& ids);

}  // namespace s2p

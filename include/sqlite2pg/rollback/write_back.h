#pragma once
// A rollback's writing, across tables: PostgreSQL's rows of every changed key read first (and
// the legacy ids they refer to, at once), then each file written in one SQLite transaction.
#include <memory>
#include <vector>

#include "sqlite2pg/pg/session.h"
#include "sqlite2pg/plan/plan.h"
#include "sqlite2pg/rollback/legacy_ids.h"
#include "sqlite2pg/rollback/output_file.h"
#include "sqlite2pg/rollback/table_writer.h"
#include "sqlite2pg/rollback/target_changes.h"

namespace s2p {

using Writers = std::vector<std::unique_ptr<TableWriter>>;  // per plan table; null: no change

// The pairs etl.id_map holds or --assign-ids made that remapped_id() does not give, for every
// transform of `plan` that reads or writes remapped ids.
void attach_recorded_ids(LoadPlan& plan, LegacyIds& ids);

// A writer per changed table, with PostgreSQL's rows of its changed keys read, then the legacy
// ids they refer to fetched at once.
Writers prepare_writers(PgSession& pg, const LoadPlan& plan, std::vector<TargetChanges>& all,
                        LegacyIds& ids);

// The tables of `source` into its copy in one transaction: deleted rows children first, then new
// and changed rows parents first, with the file's triggers dropped for the writes and created
// again before the commit.
void write_file(OutputFile& out, const LoadPlan& plan, SqliteSource& source, Writers& writers);

// --record-ids: the ids --assign-ids gave, into etl.id_map.
void record_assigned_ids(PgSession& pg, const LegacyIds& ids);

}  // namespace s2p

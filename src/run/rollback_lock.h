#pragma once
// rollback reads PostgreSQL in one snapshot and writes what it read into the files: a commit
// into a mapped table after that snapshot would be missing from them. So the mapped tables are
// locked against writes (SHARE: readers go on, writers wait) before the snapshot is taken, for
// the whole run.
#include <vector>

#include "sqlite2pg/config/mapping.h"
#include "sqlite2pg/pg/read_lock.h"
#include "sqlite2pg/plan/plan.h"

namespace s2p {

// The mapped tables that exist; before the snapshot transaction begins.
std::vector<TableName> mapped_tables(PgSession& pg, const std::vector<SourceMapping>& mappings);

// Locks them (lock_for_reading) as the snapshot transaction's first statement; a lock that
// --lock-timeout runs out waiting for is a Failure saying what rollback was waiting to do.
void hold_mapped_tables(PgSession& pg, const std::vector<TableName>& tables);

// Every table the plan reads must be one that was locked: one created between the look-up and
// the lock was not, and its writers would not wait.
void require_locked(const LoadPlan& plan, const std::vector<TableName>& locked);

}  // namespace s2p

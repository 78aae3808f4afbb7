#pragma once
// Citus (distributed PostgreSQL) as the target's own catalog describes it, and the one setting
// the tool changes there. Every statement the tool sends only to a Citus target is in citus.cpp.
//
// The lifecycle's statements that touch mapped tables, each in a shape Citus plans for a
// distributed or reference table (tried on Citus 13.2; the tests run them on plain PostgreSQL):
//   migrate   LOCK TABLE, TRUNCATE, ALTER TABLE DROP/ADD CONSTRAINT, DROP/CREATE INDEX
//             (constraints.cpp); COPY ... FROM STDIN (FORMAT binary) (table_copy.cpp);
//             setval() forward only, put back after a rollback (constraints.cpp)
//   validate  COPY (SELECT ...) TO STDOUT (FORMAT binary) (table_copy.cpp)
//   sync      temporary staging tables on the coordinator, read through subqueries:
//             INSERT INTO held SELECT ... FROM target JOIN staged; DELETE ... USING (SELECT ...);
//             INSERT ... SELECT ... FROM staged; UPDATE ... FROM (SELECT ...); COPY (SELECT ...
//             FROM target JOIN staged) TO STDOUT (table_sync.cpp)
//   rollback  the same COPY (SELECT ... JOIN staged keys) TO STDOUT (table_sync.cpp)
// Not in these shapes, and refused by Citus: a statement that writes a local table while
// reading a distributed or reference one, DML with USING/EXISTS on a local table against a
// reference table, ALTER SEQUENCE on a distributed table's sequence.
#include <optional>
#include <string>
#include <vector>

#include "sqlite2pg/pg/session.h"

namespace s2p {

struct CitusTable {
  std::string schema, name;
  std::string kind;    // "distributed", "reference", or "local" (Citus-managed, one shard)
  std::string column;  // the distribution column; empty unless distributed
  int colocation = 0;  // co-location group: tables joined and referenced on their column
  std::string qualified() const;
};

struct Distribution {
  std::string version;  // the citus extension's
  std::vector<CitusTable> tables;
  // A foreign key has a reference table on one side: Citus then wants one connection per
  // node for the whole transaction (citus.multi_shard_modify_mode = sequential).
  bool reference_foreign_keys = false;
  const CitusTable* find(const std::string& schema, const std::string& name) const;
};

// nullopt on a target without the citus extension (plain PostgreSQL).
std::optional<Distribution> read_distribution(PgSession& pg);

// What could change other rows when sync writes `table`: its own triggers, and when it updates
// or deletes rows, foreign keys with an ON DELETE / ON UPDATE action that reference it. On
// Citus the shards' writes happen on the workers, out of the session's row counts, so sync
// refuses these instead of counting what they did.
std::vector<std::string> side_effect_sources(PgSession& pg, const std::string& qualified_table,
                                             bool updates_or_deletes);

// SET LOCAL citus.multi_shard_modify_mode TO 'sequential', kept for the session's transactions.
void run_sequentially_across_nodes(PgSession& pg);

}  // namespace s2p

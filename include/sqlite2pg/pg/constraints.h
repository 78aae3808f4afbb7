#pragma once
#include <cstdint>
// What a load does to the target's tables around the data: locks, emptying, foreign keys and
// secondary indexes off and on again, reference checks and sequence restarts.
#include <cstddef>
#include <string>
#include <vector>

#include "sqlite2pg/pg/catalog.h"
#include "sqlite2pg/pg/session.h"

namespace s2p {

// ACCESS EXCLUSIVE on all of them at once: no service adds a row between a check and a TRUNCATE.
void lock_exclusive(PgSession& pg, const std::vector<const TargetTable*>& tables);
void truncate(PgSession& pg, const std::vector<const TargetTable*>& tables);

void drop_foreign_key(PgSession& pg, const ForeignKey& fk);
void add_foreign_key(PgSession& pg, const ForeignKey& fk);  // from its catalog definition
void drop_index(PgSession& pg, const SecondaryIndex& index);
void build_index(PgSession& pg, const SecondaryIndex& index);

// Rows of a foreign key's table whose non-NULL key matches no referenced row.
struct Orphans {
  std::vector<std::string> values;  // up to `limit` distinct keys as text, parts joined by ','
  std::string total;                // how many rows
};
Orphans orphans_of(PgSession& pg, const ForeignKey& fk, std::size_t limit);

// Sequences move with setval() (Citus refuses ALTER SEQUENCE on a distributed table's sequence),
// and only forward: an id once handed out is never handed out again, even by a sequence whose
// table was emptied. setval() is not transactional, so each move is put back when the
// transaction rolls back (a dry run, a failure); a run killed between the two leaves the
// sequence ahead, which costs a gap in the ids and never a duplicate.
// `name` is the sequence's quoted, qualified name.
void move_sequence_forward(PgSession& pg, const std::string& name, std::int64_t next);

// Moves a SERIAL or identity column's sequence past the highest value the table holds, after
// explicit ids were loaded. `floor` is an id the source already handed out (SQLite's
// AUTOINCREMENT counter): the sequence also moves past it, so an id of a deleted row is never
// handed out again.
void restart_sequence_past_max(PgSession& pg, const TargetTable& table, const TargetColumn& column,
                               std::int64_t floor = 0);

// A sequence no column owns ("schema.name"), moved so it hands out the integer `query` returns
// + 1 (its start when the query returns NULL or a value below its range). Returns that integer
// as text, or "NULL".
std::string set_sequence_from_query(PgSession& pg, const std::string& sequence,
                                    const std::string& query);

// A mapping's after_load statement; returns the rows it affected.
std::uint64_t run_after_load(PgSession& pg, const std::string& statement);

}  // namespace s2p

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

// Moves a SERIAL or identity column's sequence past the highest value the table holds, after
// explicit ids were loaded. ALTER SEQUENCE ... RESTART is transactional (setval() is not), so a
// run that rolls back leaves the services' sequences exactly where they were. `never_backwards`
// (sync: the table was not emptied) leaves a sequence that is already past the ids alone.
// `floor` is an id the source already handed out (SQLite's AUTOINCREMENT counter): the sequence
// also moves past it, so an id of a deleted row is never handed out again. ALTER SEQUENCE, not
// setval(): it is undone with the transaction, so a dry run or a failed run moves nothing.
void restart_sequence_past_max(PgSession& pg, const TargetTable& table, const TargetColumn& column,
                               bool never_backwards = false, std::int64_t floor = 0);

// A sequence no column owns, set so it hands out the integer `query` returns + 1 (its start when
// the query returns NULL), inside the transaction. Returns that integer as text, or "NULL".
// `never_backwards` (sync) leaves a sequence that is already past that value alone.
std::string set_sequence_from_query(PgSession& pg, const std::string& sequence,
                                    const std::string& query, bool never_backwards = false);

// A mapping's after_load statement; returns the rows it affected.
std::uint64_t run_after_load(PgSession& pg, const std::string& statement);

}  // namespace s2p

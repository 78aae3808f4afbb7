#pragma once
// Tables held still while one REPEATABLE READ transaction reads them: what it reads is then
// what PostgreSQL holds until it ends, with no commit of another session after its snapshot.
#include <string>
#include <vector>

#include "sqlite2pg/pg/session.h"

namespace s2p {

struct TableName {
  std::string schema, table;
  auto operator<=>(const TableName&) const = default;
};

// The tables of `names` that exist. Outside any transaction: a REPEATABLE READ transaction
// begun after it can still lock them before it takes its snapshot.
std::vector<TableName> existing_tables(PgSession& pg, const std::vector<TableName>& names);

// LOCK TABLE ... IN SHARE MODE, to be the transaction's first statement. Readers go on;
// INSERT, UPDATE and DELETE wait until the transaction ends (each as long as its own
// lock_timeout lets it), and this waits --lock-timeout for writers already running. LOCK takes
// no snapshot, so the snapshot the next statement takes holds every write committed before it.
void lock_for_reading(PgSession& pg, const std::vector<TableName>& tables);

}  // namespace s2p

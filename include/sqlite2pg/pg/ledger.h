#pragma once
// The migrations ledger, etl.schema_migrations: which numbered files were applied, when, and
// with which content.
#include <string>
#include <vector>

#include "sqlite2pg/pg/session.h"

namespace s2p {

struct AppliedMigration {
  int version = 0;
  std::string name;
  std::string sha256;
  std::string applied_at;  // UTC, ISO 8601
};

// Takes the lock that everything changing the target's schema or loading it holds (two runs
// never interleave), then creates the ledger if it is missing. In the caller's transaction.
void lock_and_create_ledger(PgSession& pg);

// Without writing: the ledger's entries by version; none when the target has no ledger.
std::vector<AppliedMigration> read_ledger(PgSession& pg);

// Runs a migration file's text, then records it in the ledger.
void apply_and_record(PgSession& pg, int version, const std::string& name,
                      const std::string& sha256, const std::string& sql);

}  // namespace s2p

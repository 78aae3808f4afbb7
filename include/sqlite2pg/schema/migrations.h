#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sqlite2pg/pg/ledger.h"
#include "sqlite2pg/pg/session.h"
#include "sqlite2pg/util/failure.h"

namespace s2p {

struct MigrationFile {
  int version = 0;
  std::string name;  // file name, e.g. "001_auth.sql"
  std::string
      sha256;  // of the text with CRLF read as LF, so a checkout's line endings don't matter
  std::string sql;
};

struct MigrationState {
  std::vector<MigrationFile> files;
  std::vector<AppliedMigration> applied;
  std::vector<const MigrationFile*> pending;
  std::vector<std::string> problems;  // changed or missing applied files, out-of-order files
};

// Files named NNN_description.sql, sorted by number. Throws Failure(config) on a bad name,
// a duplicate number or an unreadable file.
std::vector<MigrationFile> read_migration_files(const std::filesystem::path& dir);

// Reads the ledger (etl.schema_migrations) without writing; a target without one has nothing
// applied.
MigrationState migration_state(PgSession& pg, std::vector<MigrationFile> files);

// In the caller's transaction: creates the ledger if needed, takes the migration lock, refuses
// on any problem, applies the pending files in order and records them. Returns what it applied.
std::vector<MigrationFile> apply_pending_migrations(PgSession& pg,
                                                    std::vector<MigrationFile> files);

// For plan: the same, each migration in a savepoint, so that one the target refuses is returned
// (with the exit code migrate would give it) and left out while the others still apply. Problems
// of the migration files themselves (see migration_state) are the caller's to report: nothing
// is applied then.
std::vector<Failure> preview_pending_migrations(PgSession& pg, std::vector<MigrationFile> files);

}  // namespace s2p

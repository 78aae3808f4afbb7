#include "sqlite2pg/pg/ledger.h"

namespace s2p {
namespace {

constexpr const char* kLedgerSql = R"SQL(
CREATE SCHEMA IF NOT EXISTS etl;
CREATE TABLE IF NOT EXISTS etl.schema_migrations (
  version    INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  sha256     TEXT NOT NULL,
  applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
)SQL";

constexpr const char* kLockSql = "SELECT pg_advisory_xact_lock(7303752765616742)";

}  // namespace

void lock_and_create_ledger(PgSession& pg) {
  pg.exec(kLockSql);  // before the ledger exists: two first runs must not race to create it
  pg.exec(kLedgerSql);
}

std::vector<AppliedMigration> read_ledger(PgSession& pg) {
  std::vector<AppliedMigration> out;
  if (pg.query_value("SELECT to_regclass('etl.schema_migrations') IS NOT NULL") != "t") return out;
  for (const auto& row :
       pg.query("SELECT version, name, sha256, to_char(applied_at AT TIME ZONE 'UTC', "
                "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM etl.schema_migrations ORDER BY version")) {
    out.push_back({std::stoi(*row[0]), *row[1], *row[2], *row[3]});
  }
  return out;
}

void apply_and_record(PgSession& pg, int version, const std::string& name,
                      const std::string& sha256, const std::string& sql) {
  pg.exec(sql);
  pg.query("INSERT INTO etl.schema_migrations (version, name, sha256) VALUES ($1, $2, $3)",
           {std::to_string(version), name, sha256});
}

}  // namespace s2p

#include "sqlite2pg/config/app_ledgers.h"

#include <string>

namespace s2p {
namespace {

struct Ledger {
  std::string_view table;
  const char* framework;
};

constexpr Ledger kLedgers[] = {
    {"__diesel_schema_migrations", "Diesel"},
    {"django_migrations", "Django"},
    {"schema_migrations", "Rails (and golang-migrate)"},
    {"ar_internal_metadata", "Rails"},
    {"alembic_version", "Alembic"},
    {"knex_migrations", "Knex"},
    {"knex_migrations_lock", "Knex"},
    {"_prisma_migrations", "Prisma"},
    {"flyway_schema_history", "Flyway"},
    {"goose_db_version", "goose"},
    {"gorp_migrations", "sql-migrate"},
    {"schema_version", "Synapse"},
    {"schema_compat_version", "Synapse"},
    {"applied_schema_deltas", "Synapse"},
    {"applied_module_schemas", "Synapse"},
    {"seaql_migrations", "SeaORM"},
    {"__efmigrationshistory", "Entity Framework"},
    {"doctrine_migration_versions", "Doctrine"},
};

}  // namespace

const char* migration_ledger_of(std::string_view table) {
  std::string lower(table);
  for (auto& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  for (const auto& l : kLedgers) {
    if (l.table == lower) return l.framework;
  }
  return nullptr;
}

}  // namespace s2p

#pragma once
#include <optional>
#include <pqxx/pqxx>
#include <string>
#include <vector>

namespace s2p::test {

// Independent reads of the target for assertions: plain libpqxx, none of the tool's code.
inline std::optional<std::string> pg_value(const std::string& dsn, const std::string& sql) {
  pqxx::connection c(dsn);
  pqxx::nontransaction n(c);
  const auto r = n.exec(sql);
  if (r.empty() || r[0][0].is_null()) return std::nullopt;
  return r[0][0].c_str();
}

inline long long pg_count(const std::string& dsn, const std::string& sql) {
  return std::stoll(pg_value(dsn, sql).value_or("-1"));
}

// Schemas, tables and ledger rows: what "the target is exactly as before" is checked against.
inline std::string pg_fingerprint(const std::string& dsn) {
  return pg_value(dsn,
                  "SELECT coalesce(string_agg(n.nspname || '.' || c.relname || ':' || "
                  "c.reltuples::text, ',' "
                  "ORDER BY 1), '') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                  "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')")
      .value_or("");
}

}  // namespace s2p::test

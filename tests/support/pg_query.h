#pragma once
#include <gtest/gtest.h>

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

// Every index and constraint definition: the schema, without the data.
inline std::string pg_schema_definitions(const std::string& dsn) {
  return pg_value(dsn, R"SQL(
    SELECT string_agg(item, E'\n' ORDER BY item) FROM (
      SELECT format('%I.%I %s', n.nspname, con.conname, pg_get_constraintdef(con.oid))
      FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace
      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
      UNION ALL
      SELECT indexdef FROM pg_indexes WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
    ) items(item))SQL")
      .value_or("");
}

// What "the target is exactly as before" is checked against: every relation with its exact row
// count, every sequence's position, and every constraint.
inline std::string pg_fingerprint(const std::string& dsn) {
  return pg_value(dsn, R"SQL(
    SELECT coalesce(string_agg(item, E'\n' ORDER BY item), '') FROM (
      SELECT format('%I.%I rows=%s', n.nspname, c.relname,
                    (xpath('/row/c/text()', query_to_xml(format('SELECT count(*) AS c FROM %I.%I',
                                                                n.nspname, c.relname), false, true, '')))[1]::text)
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema')
      UNION ALL
      SELECT format('%I.%I seq=%s', schemaname, sequencename,
                    (xpath('/row/v/text()', query_to_xml(format(
                      'SELECT last_value || %L || is_called AS v FROM %I.%I', '/', schemaname,
                      sequencename), false, true, '')))[1]::text)
      FROM pg_sequences
      UNION ALL
      SELECT format('%I.%I %s', n.nspname, con.conname, pg_get_constraintdef(con.oid))
      FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace
      WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
      UNION ALL
      SELECT indexdef FROM pg_indexes WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
    ) items(item))SQL")
      .value_or("");
}

// Every row of every table in `schemas` (sqlite2pg's by default), as text: equal before and
// after means the data was not changed at all (pg_fingerprint counts rows; this compares them).
inline std::string pg_table_contents(
    const std::string& dsn,
    const std::string& schemas = "'auth', 'registry', 'deploy', 'verification', 'etl'") {
  return pg_value(dsn, R"SQL(
    SELECT string_agg(format('%I.%I %s', n.nspname, c.relname,
             (xpath('/row/c/text()', query_to_xml(format(
               'SELECT md5(coalesce(string_agg(t::text, %L ORDER BY t::text), %L)) AS c FROM %I.%I t',
               ',', '', n.nspname, c.relname), false, true, '')))[1]::text), E'\n' ORDER BY 1)
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND n.nspname IN ()SQL" +
                           schemas + ")")
      .value_or("");
}

// A value independent SQL must read after a run: `sql`'s first column of its first row as text.
struct Check {
  std::string sql, expected;
};

// Each check, a test failure naming the SQL where the value differs.
inline void expect_checks(const std::string& dsn, const std::vector<Check>& checks) {
  for (const auto& c : checks)
    EXPECT_EQ(pg_value(dsn, c.sql).value_or("NULL"), c.expected) << c.sql;
}

}  // namespace s2p::test

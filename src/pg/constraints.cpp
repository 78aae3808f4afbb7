#include "sqlite2pg/pg/constraints.h"

#include <algorithm>

#include "sqlite2pg/util/text.h"

namespace s2p {
namespace {

std::string table_list(const std::vector<const TargetTable*>& tables) {
  std::string list;
  for (const auto* t : tables) list += (list.empty() ? "" : ", ") + t->qualified();
  return list;
}

std::string constrained_table(const ForeignKey& fk) {
  return quote_ident(fk.schema) + "." + quote_ident(fk.table);
}

}  // namespace

void lock_exclusive(PgSession& pg, const std::vector<const TargetTable*>& tables) {
  pg.exec("LOCK TABLE " + table_list(tables) + " IN ACCESS EXCLUSIVE MODE");
}

void truncate(PgSession& pg, const std::vector<const TargetTable*>& tables) {
  pg.exec("TRUNCATE " + table_list(tables));
}

void drop_foreign_key(PgSession& pg, const ForeignKey& fk) {
  pg.exec("ALTER TABLE " + constrained_table(fk) + " DROP CONSTRAINT " + quote_ident(fk.name));
}

void add_foreign_key(PgSession& pg, const ForeignKey& fk) {
  pg.exec("ALTER TABLE " + constrained_table(fk) + " ADD CONSTRAINT " + quote_ident(fk.name) + " " +
          fk.definition);
}

void drop_index(PgSession& pg, const SecondaryIndex& index) { pg.exec("DROP INDEX " + index.name); }

void build_index(PgSession& pg, const SecondaryIndex& index) { pg.exec(index.definition); }

Orphans orphans_of(PgSession& pg, const ForeignKey& fk, std::size_t limit) {
  std::string cond, select, not_null;
  for (std::size_t i = 0; i < fk.columns.size(); ++i) {
    cond += (i ? " AND " : "") + std::string("p.") + quote_ident(fk.ref_columns[i]) + " = c." +
            quote_ident(fk.columns[i]);
    select += (i ? " || ',' || " : "") + std::string("c.") + quote_ident(fk.columns[i]) + "::text";
    not_null += " AND c." + quote_ident(fk.columns[i]) + " IS NOT NULL";
  }
  const std::string from = constrained_table(fk) + " c WHERE true" + not_null +
                           " AND NOT EXISTS (SELECT 1 FROM " + quote_ident(fk.ref_schema) + "." +
                           quote_ident(fk.ref_table) + " p WHERE " + cond + ")";
  Orphans o;
  for (const auto& r : pg.query("SELECT DISTINCT " + select + " FROM " + from + " LIMIT " +
                                std::to_string(limit))) {
    o.values.push_back(r[0].value_or(""));
  }
  if (!o.values.empty()) o.total = pg.query_value("SELECT count(*) FROM " + from).value_or("?");
  return o;
}

void restart_sequence_past_max(PgSession& pg, const TargetTable& table, const TargetColumn& column,
                               bool never_backwards, std::int64_t floor) {
  const auto max = pg.query_value("SELECT max(" + quote_ident(column.name) + ")::text FROM " +
                                  table.qualified());
  if (!max && floor <= 0) return;
  const std::int64_t next = std::max<std::int64_t>(max ? std::stoll(*max) : 0, floor) + 1;
  if (never_backwards) {
    const auto at = pg.query_value(
        "SELECT (CASE WHEN is_called THEN last_value + 1 ELSE "
        "last_value END)::text FROM " +
        column.sequence);
    if (at && std::stoll(*at) >= next) return;
  }
  pg.exec("ALTER SEQUENCE " + column.sequence + " RESTART WITH " + std::to_string(next));
}

std::string set_sequence_from_query(PgSession& pg, const std::string& sequence,
                                    const std::string& query, bool never_backwards) {
  const auto value = pg.query_value("SELECT (" + query + ")::bigint::text");
  const auto dot = sequence.find('.');
  const std::string name =
      quote_ident(sequence.substr(0, dot)) + "." + quote_ident(sequence.substr(dot + 1));
  if (never_backwards) {
    const auto at = pg.query_value(
        "SELECT (CASE WHEN is_called THEN last_value + 1 ELSE last_value END)::text FROM " + name);
    if (!value || (at && std::stoll(*at) > std::stoll(*value))) return value.value_or("NULL");
  }
  if (!value) {
    pg.exec("ALTER SEQUENCE " + name + " RESTART");
    return "NULL";
  }
  // Below the sequence's range (no backfilled events: -min is negative), all of it is free.
  const auto min = pg.query_value(
      "SELECT min_value::text FROM pg_sequences WHERE format('%I.%I', "
      "schemaname, sequencename)::regclass = " +
      quote_literal(name) + "::regclass");
  if (min && std::stoll(*value) < std::stoll(*min)) {
    pg.exec("ALTER SEQUENCE " + name + " RESTART");
    return *value + " (below its minimum " + *min + ": restarted at its start)";
  }
  pg.exec("ALTER SEQUENCE " + name + " RESTART WITH " + std::to_string(std::stoll(*value) + 1));
  return *value;
}
std::uint64_t run_after_load(PgSession& pg, const std::string& statement) {
  return pg.exec_count(statement);
}

}  // namespace s2p

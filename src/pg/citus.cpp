#include "sqlite2pg/pg/citus.h"

#include "sqlite2pg/util/text.h"

namespace s2p {

std::string CitusTable::qualified() const { return quote_ident(schema) + "." + quote_ident(name); }

const CitusTable* Distribution::find(const std::string& schema, const std::string& name) const {
  for (const auto& t : tables) {
    if (t.schema == schema && t.name == name) return &t;
  }
  return nullptr;
}

std::optional<Distribution> read_distribution(PgSession& pg) {
  const auto version =
      pg.query_value("SELECT extversion FROM pg_extension WHERE extname = 'citus'");
  if (!version) return std::nullopt;
  Distribution d;
  d.version = *version;
  // pg_dist_partition: partmethod 'h' hash-distributed, 'n' one shard; repmodel 't' replicated
  // to every node (a reference table).
  for (const auto& r : pg.query(
           "SELECT n.nspname, c.relname, CASE WHEN p.partmethod = 'h' THEN 'distributed' WHEN "
           "p.repmodel = 't' THEN 'reference' ELSE 'local' END, CASE WHEN p.partmethod = 'h' THEN "
           "column_to_column_name(p.logicalrelid, p.partkey) ELSE '' END, p.colocationid::text "
           "FROM pg_dist_partition p JOIN pg_class c ON c.oid = p.logicalrelid JOIN pg_namespace "
           "n ON n.oid = c.relnamespace ORDER BY 1, 2")) {
    d.tables.push_back({r[0].value_or(""), r[1].value_or(""), r[2].value_or(""), r[3].value_or(""),
                        std::stoi(r[4].value_or("0"))});
  }
  d.reference_foreign_keys =
      pg.query_value(
          "SELECT EXISTS (SELECT 1 FROM pg_constraint f JOIN pg_dist_partition p ON "
          "p.logicalrelid IN (f.conrelid, f.confrelid) WHERE f.contype = 'f' AND p.partmethod = "
          "'n' AND p.repmodel = 't')") == "t";
  return d;
}

std::vector<std::string> side_effect_sources(PgSession& pg, const std::string& qualified_table,
                                             bool updates_or_deletes) {
  return pg.query_column(
      "SELECT format('foreign key %I of %s: %s', conname, conrelid::regclass, "
      "pg_get_constraintdef(oid)) FROM pg_constraint WHERE contype = 'f' AND confrelid = "
      "$1::regclass AND $2::boolean AND (confdeltype NOT IN ('a', 'r') OR confupdtype NOT IN "
      "('a', 'r')) UNION ALL SELECT format('trigger %I', tgname) FROM pg_trigger WHERE tgrelid = "
      "$1::regclass AND NOT tgisinternal ORDER BY 1",
      {qualified_table, updates_or_deletes ? "true" : "false"});
}

void run_sequentially_across_nodes(PgSession& pg) {
  pg.keep_local_setting("SET LOCAL citus.multi_shard_modify_mode TO 'sequential'");
}

}  // namespace s2p

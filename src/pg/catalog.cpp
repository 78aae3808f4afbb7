#include "sqlite2pg/pg/catalog.h"

#include <nlohmann/json.hpp>

#include "sqlite2pg/util/text.h"

namespace s2p {
namespace {

// Domains are followed down to their base type, whose modifier (numeric(10,2)) the domain holds.
constexpr const char* kColumnsSql = R"SQL(
SELECT a.attname,
       CASE WHEN b.typtype = 'e' THEN 'enum' WHEN e.oid IS NOT NULL THEN 'array' ELSE b.typname END,
       format_type(a.atttypid, a.atttypmod),
       a.attnotnull,
       COALESCE(pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname), ''),
       a.atthasdef,
       base.typmod,
       a.attgenerated <> '',
       (SELECT json_agg(l.enumlabel ORDER BY l.enumsortorder) FROM pg_enum l
         WHERE l.enumtypid = COALESCE(e.oid, b.oid))::text,
       CASE WHEN e.typtype = 'e' THEN 'enum' ELSE COALESCE(e.typname, '') END,
       COALESCE(e.oid, 0)
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN LATERAL (
  WITH RECURSIVE chain(oid, typmod) AS (
    SELECT a.atttypid, a.atttypmod
    UNION ALL
    SELECT d.typbasetype, d.typtypmod FROM chain JOIN pg_type d ON d.oid = chain.oid
     WHERE d.typtype = 'd')
  SELECT chain.oid, chain.typmod FROM chain JOIN pg_type x ON x.oid = chain.oid
   WHERE x.typtype <> 'd') base ON true
JOIN pg_type b ON b.oid = base.oid
LEFT JOIN pg_type e ON b.typlen = -1 AND b.typelem <> 0 AND e.oid = b.typelem
WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p')
  AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum
)SQL";

constexpr const char* kForeignKeysSql = R"SQL(
SELECT con.conname,
       pg_get_constraintdef(con.oid),
       pn.nspname,
       pc.relname,
       (SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY k(num, ord)
          JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.num)::text,
       (SELECT json_agg(a.attname ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY k(num, ord)
          JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.num)::text
FROM pg_constraint con
JOIN pg_class cc ON cc.oid = con.conrelid
JOIN pg_namespace cn ON cn.oid = cc.relnamespace
JOIN pg_class pc ON pc.oid = con.confrelid
JOIN pg_namespace pn ON pn.oid = pc.relnamespace
WHERE con.contype = 'f' AND cn.nspname = $1 AND cc.relname = $2
ORDER BY con.conname
)SQL";

std::vector<std::string> json_names(const std::optional<std::string>& text) {
  std::vector<std::string> out;
  if (!text) return out;
  for (const auto& v : nlohmann::json::parse(*text)) out.push_back(v.get<std::string>());
  return out;
}

}  // namespace

const TargetColumn* TargetTable::column(const std::string& n) const {
  for (const auto& c : columns) {
    if (c.name == n) return &c;
  }
  return nullptr;
}

std::string TargetTable::qualified() const { return quote_ident(schema) + "." + quote_ident(name); }

bool schema_exists(PgSession& pg, const std::string& schema) {
  return pg.query_value("SELECT to_regnamespace($1) IS NOT NULL", {quote_ident(schema)}) == "t";
}

bool extension_available(PgSession& pg, const std::string& name) {
  return pg.query_value("SELECT count(*) FROM pg_available_extensions WHERE name = $1", {name}) ==
         "1";
}

TargetTable read_target_table(PgSession& pg, const std::string& schema, const std::string& table) {
  TargetTable t{schema, table, false, false, {}};
  for (const auto& row : pg.query(kColumnsSql, {schema, table})) {
    TargetColumn c{*row[0], *row[1], *row[2], *row[3] == "t", *row[4], *row[5] == "t"};
    c.typmod = std::stoi(*row[6]);
    c.generated = *row[7] == "t";
    c.labels = json_names(row[8]);
    c.element_type = *row[9];
    c.element_oid = static_cast<std::uint32_t>(std::stoul(*row[10]));
    t.columns.push_back(std::move(c));
  }
  t.exists = !t.columns.empty();
  if (t.exists) {
    t.partitioned = pg.query_value("SELECT relkind FROM pg_class WHERE oid = $1::regclass",
                                   {t.qualified()}) == "p";
    for (const auto& row : pg.query(
             "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND "
             "a.attnum = ANY (i.indkey) WHERE i.indrelid = $1::regclass AND i.indisprimary "
             "ORDER BY array_position(i.indkey::int2[], a.attnum)",
             {t.qualified()})) {
      t.primary_key.push_back(*row[0]);
    }
  }
  return t;
}

std::vector<ForeignKey> foreign_keys_of(PgSession& pg, const std::string& schema,
                                        const std::string& table) {
  std::vector<ForeignKey> out;
  for (const auto& row : pg.query(kForeignKeysSql, {schema, table})) {
    ForeignKey fk;
    fk.name = *row[0];
    fk.definition = *row[1];
    fk.schema = schema;
    fk.table = table;
    fk.ref_schema = *row[2];
    fk.ref_table = *row[3];
    fk.columns = json_names(row[4]);
    fk.ref_columns = json_names(row[5]);
    out.push_back(std::move(fk));
  }
  return out;
}

std::vector<SecondaryIndex> secondary_indexes_of(PgSession& pg, const TargetTable& table) {
  std::vector<SecondaryIndex> out;
  for (const auto& row : pg.query(
           "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
           "WHERE i.indrelid = $1::regclass AND NOT i.indisprimary AND NOT i.indisunique "
           "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid "
           "AND c.conrelid = i.indrelid) ORDER BY 1",
           {table.qualified()})) {
    out.push_back({*row[0], *row[1]});
  }
  return out;
}

std::vector<UniqueKey> unique_keys_of(PgSession& pg, const TargetTable& table) {
  std::vector<UniqueKey> out;
  for (const auto& row : pg.query("SELECT c.relname, (SELECT json_agg(a.attname ORDER BY k.ord) "
                                  "FROM unnest(i.indkey::int2[]) "
                                  "WITH ORDINALITY k(num, ord) JOIN pg_attribute a ON a.attrelid = "
                                  "i.indrelid AND a.attnum = k.num)::text "
                                  "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE "
                                  "i.indrelid = $1::regclass "
                                  "AND i.indisunique AND i.indpred IS NULL AND i.indexprs IS NULL "
                                  "ORDER BY NOT i.indisprimary, 1",
                                  {table.qualified()})) {
    out.push_back({*row[0], json_names(row[1])});
  }
  return out;
}

std::vector<std::string> tables_in_schema(PgSession& pg, const std::string& schema) {
  return pg.query_column(
      "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE "
      "n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition ORDER BY 1",
      {schema});
}

std::vector<std::string> standalone_sequences(PgSession& pg, const std::string& schema) {
  return pg.query_column(
      "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE n.nspname = $1 AND c.relkind = 'S' AND NOT EXISTS (SELECT 1 FROM pg_depend d "
      "WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', "
      "'i')) AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = "
      "'pg_attrdef'::regclass AND d.refclassid = 'pg_class'::regclass AND d.refobjid = "
      "c.oid) ORDER BY 1",
      {schema});
}

std::string max_of_column_sql(const TargetTable& table, const std::string& column) {
  return "SELECT max(" + quote_ident(column) + ") FROM " + table.qualified();
}

std::vector<TargetTable> referencing_tables_of(PgSession& pg, const TargetTable& table) {
  std::vector<TargetTable> out;
  for (const auto& row : pg.query(
           "SELECT DISTINCT n.nspname, c.relname FROM pg_constraint con "
           "JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
           "WHERE con.contype = 'f' AND con.confrelid = $1::regclass AND con.conparentid = 0 "
           "AND con.conrelid <> con.confrelid ORDER BY 1, 2",
           {table.qualified()})) {
    out.push_back({*row[0], *row[1], true, false, {}});
  }
  return out;
}

std::int64_t count_rows(PgSession& pg, const TargetTable& table) {
  return std::stoll(pg.query_value("SELECT count(*) FROM " + table.qualified()).value_or("0"));
}

bool has_rows(PgSession& pg, const TargetTable& table) {
  return pg.query_value("SELECT EXISTS (SELECT 1 FROM " + table.qualified() + ")") == "t";
}

std::string default_text_search_config(PgSession& pg) {
  return pg.query_value("SHOW default_text_search_config").value_or("pg_catalog.simple");
}

}  // namespace s2p

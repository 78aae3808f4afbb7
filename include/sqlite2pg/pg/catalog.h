#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "sqlite2pg/pg/session.h"

namespace s2p {

struct TargetColumn {
  std::string name;
  std::string type;  // base pg_type.typname, e.g. "int4"; "enum" for any enum, "array" for T[]
  std::string display_type;  // format_type(), e.g. "integer"
  bool not_null = false;
  std::string sequence;      // the SERIAL or identity sequence, if any
  bool has_default = false;  // a DEFAULT or a generation expression
  std::int32_t typmod = -1;  // numeric(p,s), varchar(n), char(n): the column's or its domain's
  bool generated = false;    // GENERATED ALWAYS AS (...): PostgreSQL computes it, nothing feeds it
  std::vector<std::string> labels;  // an enum's labels (or its array's elements'), in order
  std::string element_type;         // an array's element typname ("enum" for any enum)
  std::uint32_t element_oid = 0;
};

struct TargetTable {
  std::string schema;
  std::string name;
  bool exists = false;
  bool partitioned = false;  // rows are routed to partitions: COPY through it cannot FREEZE
  std::vector<TargetColumn> columns;
  std::vector<std::string> primary_key;  // column names in key order
  const TargetColumn* column(const std::string& name) const;
  std::string qualified() const;  // quoted schema.table
};

struct ForeignKey {
  std::string name;
  std::string definition;  // pg_get_constraintdef(), to re-create it exactly
  std::string schema, table;
  std::string ref_schema, ref_table;
  std::vector<std::string> columns, ref_columns;
};

struct SecondaryIndex {
  std::string name;        // schema-qualified, quoted
  std::string definition;  // pg_get_indexdef(): re-creates it exactly
};

// Non-unique indexes of a table that back no constraint: what the loader can drop and build
// again after the data, which is much cheaper than maintaining them row by row.
std::vector<SecondaryIndex> secondary_indexes_of(PgSession& pg, const TargetTable& table);

TargetTable read_target_table(PgSession& pg, const std::string& schema, const std::string& table);

// Foreign keys declared on (schema.table), i.e. where it is the referencing side.
std::vector<ForeignKey> foreign_keys_of(PgSession& pg, const std::string& schema,
                                        const std::string& table);

struct UniqueKey {
  std::string name;  // the index's name
  std::vector<std::string> columns;
};

// The primary key and unique indexes of a table (plain columns only, not partial).
std::vector<UniqueKey> unique_keys_of(PgSession& pg, const TargetTable& table);

// Tables with a foreign key into `table`, other than itself (partitions' copies of a key not
// counted); their columns are not read.
std::vector<TargetTable> referencing_tables_of(PgSession& pg, const TargetTable& table);

// The tables of a schema (partitioned ones by their parent), by name.
std::vector<std::string> tables_in_schema(PgSession& pg, const std::string& schema);

// Sequences of `schema` that no column owns (SERIAL, identity) and no column default uses: the
// ones an application advances itself (Synapse's stream positions).
std::vector<std::string> standalone_sequences(PgSession& pg, const std::string& schema);

// The server's default_text_search_config, e.g. "pg_catalog.english".
std::string default_text_search_config(PgSession& pg);
// The query of a column's highest value, as a mapping's `sequences:` entry holds it.
std::string max_of_column_sql(const TargetTable& table, const std::string& column);

bool schema_exists(PgSession& pg, const std::string& schema);
bool extension_available(PgSession& pg, const std::string& name);  // in pg_available_extensions

// Exact row count; the caller decides whether that is affordable.
std::int64_t count_rows(PgSession& pg, const TargetTable& table);
bool has_rows(PgSession& pg, const TargetTable& table);

}  // namespace s2p

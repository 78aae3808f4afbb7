#pragma once
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sqlite2pg/config/mapping.h"
#include "sqlite2pg/copy/copy_encoder.h"
#include "sqlite2pg/copy/text_copy.h"
#include "sqlite2pg/extract/sqlite_source.h"
#include "sqlite2pg/pg/catalog.h"
#include "sqlite2pg/pg/citus.h"
#include "sqlite2pg/transform/converter.h"

namespace s2p {

// One loaded column: where its value comes from, how it is transformed, how it is written.
struct ColumnPlan {
  const ColumnMapping* mapping = nullptr;
  int select_index = 0;  // position in the table's SELECT list
  const Transform* transform = nullptr;
  ColumnWriter writer;  // the target column's encoder and type parameters
  ConvertContext context;
  TargetColumn target;
};

class ComputedValues;  // load/computed_values.h

struct TablePlan {
  const SourceMapping* source_mapping = nullptr;
  const TableMapping* mapping = nullptr;
  SqliteSource* source = nullptr;
  bool source_table_missing = false;  // a 0-byte file, or PlanRules::absent_tables_empty
  TargetTable target;
  std::vector<ColumnPlan> columns;
  std::vector<std::string> select_columns;  // the source columns of select_sql, in order
  std::vector<std::string> key_names;       // how a row is named in messages
  std::vector<int> key_indexes;             // their positions in the SELECT list
  int own_id_column = -1;                   // column whose ids go to etl.id_map, -1 if none
  // Positions (in `columns`) of the fields that identify a row on both sides: the target's
  // primary key when it is loaded, else the columns fed by the source key, else every column.
  std::vector<int> key_fields;
  std::string select_sql;
  // Where the table has a rowid: its position in select_sql's list, and the same SELECT of one
  // row by rowid (`?`), so a row a comparison found is read again without a scan. -1 and empty
  // for views and WITHOUT ROWID tables, whose rows are found again by position.
  int rowid_index = -1;
  std::string fetch_sql;
  std::string rowid_name;  // the name that reaches the rowid: rowid, _rowid_ or oid
  // What PostgreSQL computed for the columns it computes (to_tsvector), fetched in the run's
  // snapshots by compute_server_values() before the table is streamed; null until then.
  mutable std::shared_ptr<const ComputedValues> computed;

  std::string label() const;  // "registry.agents"
  std::string where() const;  // "source registry, table agents", how messages name it
  // The loaded column that feeds target column `name`; nullptr if none does.
  const ColumnPlan* column_for_target(const std::string& name) const;
  // The target names of the key fields, in the order the key bytes hold them.
  std::vector<std::string> key_columns() const;
  // The loaded columns' target names, in COPY order.
  std::vector<std::string> target_columns() const;
  // COPY of the loaded columns into the target (FREEZE: the loader truncates every target
  // table first), and back out as binary COPY data.
  void copy_in(PgSession& pg, CopyFormat format,
               const std::function<bool(std::string&)>& produce) const;
  void copy_out(PgSession& pg, const std::function<void(std::string_view)>& consume) const;
  // "id='agt_3f9a2c'" from the current row of a cursor over select_sql.
  std::string describe_row(const RowCursor& cursor) const;
};

// Something that would make a cutover fail, found while building the plan.
struct PlanProblem {
  std::string category;  // table, column, type, not_null, source, config
  std::string text;      // with the mapping file's file:line:column
};

struct LoadPlan {
  std::vector<TablePlan> tables;         // in foreign-key order: parents before children
  std::vector<ForeignKey> foreign_keys;  // between loaded tables
  std::vector<std::string> warnings;
  std::vector<PlanProblem> problems;         // filled instead of thrown when built leniently
  std::optional<Distribution> distribution;  // a Citus target's tables

  // The table loaded into schema.name; nullptr if none is.
  const TablePlan* table_for(const std::string& schema, const std::string& name) const;
  // The loaded table whose ids a remap_id reference `c` of table `t` takes; nullptr if none.
  const TablePlan* id_source_of(const TablePlan& t, const ColumnPlan& c) const;
};

// Sources by name; two names whose paths are one file share one SqliteSource.
using SourceSet = std::map<std::string, std::shared_ptr<SqliteSource>>;

struct PlanRules {
  // Problems go to `problems` instead of being thrown, and what can be planned is (for `plan`).
  bool lenient = false;
  // A mapped table the source file lacks is an empty table, as in a 0-byte file (for a copy of
  // a source that holds some of its tables).
  bool absent_tables_empty = false;
};

// Checks every mapping against its source and the target and chooses each column's converter
// and encoder. Throws Failure(config) listing every problem found, before anything is written.
LoadPlan build_plan(const std::vector<SourceMapping>& mappings, SourceSet& sources, PgSession& pg,
                    const PlanRules& rules = {});

}  // namespace s2p

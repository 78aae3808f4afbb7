#include "sqlite2pg/preflight/schema_gaps.h"

#include <algorithm>
#include <set>

#include "sqlite2pg/schema/sql_statements.h"

namespace s2p {
namespace {

struct Gaps {
  GapRow schemas{"schemas"}, tables{"tables"}, columns{"columns"}, extensions{"extensions"};
  GapRow types{"column types"}, not_null{"NOT NULL columns fed"};
};

// Tables and columns the mappings name; the plan's reading of the catalog where it has one.
void count_tables_and_columns(PgSession& pg, const std::vector<SourceMapping>& mappings,
                              const LoadPlan& plan, Gaps& g, std::set<std::string>& schemas) {
  for (const auto& m : mappings) {
    for (const auto& t : m.tables) {
      schemas.insert(t.target_schema);
      const TablePlan* planned = plan.table_for(t.target_schema, t.target_table);
      const TargetTable target =
          planned ? planned->target : read_target_table(pg, t.target_schema, t.target_table);
      g.tables.count(target.exists, t.target_name());
      if (!target.exists) continue;
      for (const auto& c : t.columns) {
        if (c.skip) continue;
        const TargetColumn* tc = target.column(c.target_column);
        // A generated column exists but cannot take a value: as good as missing for the load.
        const std::string name = t.target_name() + "." + c.target_column;
        g.columns.count(tc && !tc->generated,
                        tc ? name +
                                 " is GENERATED ALWAYS; PostgreSQL computes it, so nothing may "
                                 "feed it"
                           : name);
      }
    }
  }
}

// Extensions the migrations create: the target must be able to provide them.
void count_extensions(PgSession& pg, const std::vector<MigrationFile>& files, GapRow& row) {
  std::set<std::string> names;
  for (const auto& f : files) {
    for (auto& name : extensions_created(f.sql)) names.insert(std::move(name));
  }
  for (const auto& e : names) row.count(extension_available(pg, e), e);
}

void warn_nullable_feeds(const TablePlan& t, const TargetColumn& tc,
                         const std::vector<SourceColumn>& source_columns,
                         std::vector<std::string>& warnings) {
  const ColumnPlan* c = t.column_for_target(tc.name);
  if (!c) return;
  for (const auto& sc : source_columns) {
    if (sc.name == c->mapping->source_column && !sc.not_null && sc.pk_position == 0) {
      warnings.push_back(t.mapping->target_name() + "." + tc.name +
                         " is NOT NULL, fed by nullable source column " + t.label() + "." +
                         sc.name + " (the data check below finds any NULL)");
    }
  }
}

// Types and NOT NULL columns: the plan found the problems; count what was checked.
void count_types_and_not_null(const LoadPlan& plan, Gaps& g, std::vector<std::string>& warnings) {
  for (const auto& p : plan.problems) {
    if (p.category == "type") g.types.missing.push_back(p.text);
    if (p.category == "not_null") g.not_null.missing.push_back(p.text);
  }
  for (const auto& t : plan.tables) {
    g.types.needed += t.columns.size();
    std::vector<SourceColumn> source_columns;
    if (!t.source_table_missing) source_columns = t.source->columns(t.mapping->source_table);
    for (const auto& tc : t.target.columns) {
      if (!tc.not_null) continue;
      ++g.not_null.needed;
      warn_nullable_feeds(t, tc, source_columns, warnings);
    }
  }
  g.types.needed += g.types.missing.size();
  g.types.present = g.types.needed - g.types.missing.size();
  g.not_null.present = g.not_null.needed - std::min(g.not_null.needed, g.not_null.missing.size());
}

}  // namespace

void GapRow::count(bool is_present, const std::string& name) {
  ++needed;
  if (is_present) {
    ++present;
  } else {
    missing.push_back(name);
  }
}

std::vector<GapRow> schema_gaps(PgSession& pg, const std::vector<SourceMapping>& mappings,
                                const LoadPlan& plan, const std::vector<MigrationFile>& files,
                                std::vector<std::string>& warnings) {
  Gaps g;
  std::set<std::string> schemas;
  count_tables_and_columns(pg, mappings, plan, g, schemas);
  for (const auto& s : schemas) g.schemas.count(schema_exists(pg, s), s);
  count_extensions(pg, files, g.extensions);
  count_types_and_not_null(plan, g, warnings);
  return {g.schemas, g.tables, g.columns, g.extensions, g.types, g.not_null};
}

}  // namespace s2p

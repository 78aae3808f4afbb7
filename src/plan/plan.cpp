#include "sqlite2pg/plan/plan.h"

#include "sqlite2pg/pg/catalog.h"
#include "sqlite2pg/pg/table_copy.h"
#include "sqlite2pg/plan/distribution.h"
#include "table_planner.h"

#include <algorithm>
#include <functional>
#include <set>

#include <spdlog/spdlog.h>

#include "sqlite2pg/util/failure.h"
#include "sqlite2pg/util/text.h"

namespace s2p {
namespace {

// Orders tables so every referenced table comes before the tables that reference it, as far
// as cycles allow.
std::vector<TablePlan> in_dependency_order(std::vector<TablePlan> tables,
                                           const std::vector<ForeignKey>& fks) {
  std::vector<TablePlan> ordered;
  std::vector<bool> placed(tables.size(), false);
  auto index_of = [&](const std::string& schema, const std::string& table) {
    for (std::size_t i = 0; i < tables.size(); ++i) {
      if (tables[i].target.schema == schema && tables[i].target.name == table)
        return static_cast<int>(i);
    }
    return -1;
  };
  while (ordered.size() < tables.size()) {
    bool progress = false;
    for (std::size_t i = 0; i < tables.size(); ++i) {
      if (placed[i]) continue;
      const bool ready = std::all_of(fks.begin(), fks.end(), [&](const ForeignKey& fk) {
        if (fk.schema != tables[i].target.schema || fk.table != tables[i].target.name) return true;
        const int parent = index_of(fk.ref_schema, fk.ref_table);
        return parent < 0 || parent == static_cast<int>(i) ||
               placed[static_cast<std::size_t>(parent)];
      });
      if (ready) {
        placed[i] = true;
        ordered.push_back(std::move(tables[i]));
        progress = true;
      }
    }
    // A cycle of foreign keys: the keys are dropped for the load and checked after it, so
    // any order loads; the first remaining table in mapping order goes next.
    if (!progress) {
      const auto next =
          static_cast<std::size_t>(std::find(placed.begin(), placed.end(), false) - placed.begin());
      placed[next] = true;
      ordered.push_back(std::move(tables[next]));
    }
  }
  return ordered;
}

// A remapped reference must use the same identity as the ids it points at.
void check_remapped_references(const LoadPlan& plan, const ProblemSink& problem) {
  for (const auto& t : plan.tables) {
    for (const auto& c : t.columns) {
      if (c.mapping->transform != "remap_id" || c.context.id_table == t.mapping->source_table)
        continue;
      const TablePlan* parent = plan.id_source_of(t, c);
      if (!parent || parent->own_id_column < 0) {
        problem("config", c.mapping->where + ": references " + c.context.id_table +
                              ", whose key is not mapped with remap_id");
      }
    }
  }
}

// A source table no mapping mentions would be left behind without a word. (Several names can
// be one file: a table any of them maps is mapped.)
void warn_unmapped_tables(const std::vector<SourceMapping>& mappings, SourceSet& sources,
                          std::vector<std::string>& warnings) {
  std::set<const SqliteSource*> seen;
  for (const auto& sm : mappings) {
    SqliteSource* source = sources.at(sm.name).get();
    if (!seen.insert(source).second) continue;
    for (const auto& table : source->tables()) {
      const bool mapped =
          std::any_of(mappings.begin(), mappings.end(), [&](const SourceMapping& m) {
            return sources.at(m.name).get() == source &&
                   (std::any_of(m.tables.begin(), m.tables.end(),
                                [&](const TableMapping& t) { return t.source_table == table; }) ||
                    std::count(m.skipped_tables.begin(), m.skipped_tables.end(), table));
          });
      if (!mapped) {
        warnings.push_back(sm.file.string() + ": source table " + sm.name + "." + table +
                           " is not mapped; its rows would be left behind (map it to load it)");
      }
    }
  }
}

// A sequence the application advances itself keeps its value unless a mapping lists it; said,
// since the application would hand out values the loaded rows already use.
void warn_unlisted_sequences(PgSession& pg, LoadPlan& plan,
                             const std::vector<SourceMapping>& mappings) {
  std::set<std::string> schemas, listed;
  for (const auto& t : plan.tables) schemas.insert(t.target.schema);
  for (const auto& m : mappings) {
    for (const auto& s : m.sequences) listed.insert(s.name);
  }
  for (const auto& schema : schemas) {
    for (const auto& seq : standalone_sequences(pg, schema)) {
      if (!listed.count(schema + "." + seq))
        plan.warnings.push_back("sequence " + schema + "." + seq +
                                " is owned by no column and not listed in any mapping's "
                                "sequences: section; it keeps its value after the load");
    }
  }
}

}  // namespace

std::vector<std::string> TablePlan::key_columns() const {
  std::vector<int> fields = key_fields;
  std::sort(fields.begin(), fields.end());  // the order key bytes hold them
  std::vector<std::string> out;
  for (int f : fields) out.push_back(columns[static_cast<std::size_t>(f)].target.name);
  return out;
}

std::vector<std::string> TablePlan::target_columns() const {
  std::vector<std::string> names;
  for (const auto& c : columns) names.push_back(c.target.name);
  return names;
}

void TablePlan::copy_in(PgSession& pg, CopyFormat format,
                        const std::function<bool(std::string&)>& produce) const {
  copy_table_in(pg, target, target_columns(), format == CopyFormat::binary, produce);
}

void TablePlan::copy_out(PgSession& pg,
                         const std::function<void(std::string_view)>& consume) const {
  copy_table_out(pg, target, target_columns(), consume);
}

std::string TablePlan::label() const { return source_mapping->name + "." + mapping->source_table; }

std::string TablePlan::where() const {
  return "source " + source_mapping->name + ", table " + mapping->source_table;
}

const ColumnPlan* TablePlan::column_for_target(const std::string& name) const {
  for (const auto& c : columns) {
    if (c.target.name == name) return &c;
  }
  return nullptr;
}

const TablePlan* LoadPlan::table_for(const std::string& schema, const std::string& name) const {
  for (const auto& t : tables) {
    if (t.target.schema == schema && t.target.name == name) return &t;
  }
  return nullptr;
}

const TablePlan* LoadPlan::id_source_of(const TablePlan& t, const ColumnPlan& c) const {
  for (const auto& p : tables) {
    if (p.source_mapping == t.source_mapping && p.mapping->source_table == c.context.id_table)
      return &p;
  }
  return nullptr;
}

std::string TablePlan::describe_row(const RowCursor& cursor) const {
  std::string out;
  for (std::size_t i = 0; i < key_names.size(); ++i) {
    out += (i ? ", " : "") + key_names[i] + "=" + value_excerpt(cursor.value(key_indexes[i]), 80);
  }
  return out;
}

LoadPlan build_plan(const std::vector<SourceMapping>& mappings, SourceSet& sources, PgSession& pg,
                    const PlanRules& rules) {
  LoadPlan plan;
  const auto problem = [&](const char* category, std::string text) {
    plan.problems.push_back({category, std::move(text)});
  };
  std::vector<TablePlan> tables;
  TablePlanner planner(pg, problem, plan.warnings, rules.absent_tables_empty);
  for (const auto& sm : mappings) {
    for (const auto& tm : sm.tables) {
      if (auto t = planner.plan(sm, tm, *sources.at(sm.name))) tables.push_back(std::move(*t));
    }
  }
  // Foreign keys between loaded tables decide the order, and are what the loader checks.
  std::set<std::pair<std::string, std::string>> loaded;
  for (const auto& t : tables) loaded.insert({t.target.schema, t.target.name});
  for (const auto& t : tables) {
    for (auto& fk : foreign_keys_of(pg, t.target.schema, t.target.name)) {
      if (loaded.count({fk.ref_schema, fk.ref_table})) plan.foreign_keys.push_back(std::move(fk));
    }
  }
  plan.tables = in_dependency_order(std::move(tables), plan.foreign_keys);
  check_remapped_references(plan, problem);
  plan.distribution = read_distribution(pg);
  check_distribution(plan, problem);
  if (plan.distribution && plan.distribution->reference_foreign_keys) {
    // Citus refuses a parallel statement on a table after a write to a reference table it has
    // a foreign key with; a migration's own SET LOCAL is gone by now (reset_session).
    spdlog::info(
        "target runs Citus {}: a foreign key touches a reference table, so this run "
        "sets citus.multi_shard_modify_mode = sequential",
        plan.distribution->version);
    run_sequentially_across_nodes(pg);
  }
  warn_unlisted_sequences(pg, plan, mappings);
  for (const auto& sm : mappings) {
    for (const auto& seq : sm.sequences) {
      if (seq.undecided)
        problem("config", seq.where + ": sequence " + seq.name +
                              " is TO DECIDE: give the query whose integer it hands out next "
                              "(+ 1), or skip");
    }
  }
  warn_unmapped_tables(mappings, sources, plan.warnings);
  if (!rules.lenient && !plan.problems.empty()) {
    std::string msg = "the mappings do not fit the sources and the target:";
    for (const auto& p : plan.problems) msg += "\n  - " + p.text;
    throw Failure(ExitCode::config, msg);
  }
  return plan;
}

}  // namespace s2p

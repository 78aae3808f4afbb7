#include "sqlite2pg/plan/plan.h"

#include "sqlite2pg/pg/table_copy.h"

#include <algorithm>
#include <functional>
#include <set>

#include "sqlite2pg/util/failure.h"
#include "sqlite2pg/util/text.h"

namespace s2p {
namespace {

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

// Orders tables so every referenced table comes before the tables that reference it.
std::vector<TablePlan> in_dependency_order(
    std::vector<TablePlan> tables, const std::vector<ForeignKey>& fks,
    const std::function<void(const char*, std::string)>& problem) {
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
    if (!progress) {
      std::vector<std::string> cycle;
      for (std::size_t i = 0; i < tables.size(); ++i) {
        if (!placed[i]) cycle.push_back(tables[i].target.schema + "." + tables[i].target.name);
      }
      problem("config",
              "foreign keys form a cycle between " + join(cycle, ", ") + "; no load order exists");
      break;
    }
  }
  return ordered;
}

}  // namespace

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

std::string TablePlan::describe_row(const RowCursor& cursor) const {
  std::string out;
  std::string scratch;
  for (std::size_t i = 0; i < key_names.size(); ++i) {
    const auto v = cursor.value(key_indexes[i]);
    std::string shown;
    switch (v.type) {
      case SqliteType::integer:
        shown = std::to_string(v.integer);
        break;
      case SqliteType::real:
        shown = format_real(v.real);
        break;
      case SqliteType::null:
        shown = "NULL";
        break;
      default:
        shown = excerpt(v.bytes, 80);
    }
    out += (i ? ", " : "") + key_names[i] + "=" + shown;
  }
  return out;
}

LoadPlan build_plan(const std::vector<SourceMapping>& mappings, SourceSet& sources, PgSession& pg,
                    bool lenient) {
  LoadPlan plan;
  const auto problem = [&](const char* category, std::string text) {
    plan.problems.push_back({category, std::move(text)});
  };
  std::vector<TablePlan> tables;
  for (const auto& sm : mappings) {
    auto& source = *sources.at(sm.name);
    for (const auto& tm : sm.tables) {
      TablePlan t;
      t.source_mapping = &sm;
      t.mapping = &tm;
      t.source = &source;
      const std::string at = tm.where + ": " + sm.name + "." + tm.source_table;
      t.target = read_target_table(pg, tm.target_schema, tm.target_table);
      if (!t.target.exists) {
        problem("table", at + ": target table " + tm.target_name() + " does not exist");
        continue;
      }
      std::vector<SourceColumn> source_columns;
      if (!source.has_table(tm.source_table)) {
        if (!source.facts().empty_file) {
          problem("source", at + ": source " + source.facts().path + " has no table '" +
                                tm.source_table + "'");
          continue;
        }
        t.source_table_missing = true;  // a 0-byte file is an empty database
      } else {
        source_columns = source.columns(tm.source_table);
      }
      auto has_source_column = [&](const std::string& n) {
        return t.source_table_missing ||
               std::any_of(source_columns.begin(), source_columns.end(),
                           [&](const SourceColumn& c) { return c.name == n; });
      };
      // Rows are named by the mapping's key, else the source primary key, else the rowid.
      t.key_names = tm.key;
      if (t.key_names.empty()) {
        std::vector<SourceColumn> pk;
        for (const auto& c : source_columns) {
          if (c.pk_position > 0) pk.push_back(c);
        }
        std::sort(pk.begin(), pk.end(),
                  [](auto& a, auto& b) { return a.pk_position < b.pk_position; });
        for (const auto& c : pk) t.key_names.push_back(c.name);
      }
      if (t.key_names.empty() && !t.source_table_missing && source.has_rowid(tm.source_table)) {
        t.key_names.push_back("rowid");
      }
      std::vector<std::string> select;
      auto select_index = [&](const std::string& n) {
        const auto it = std::find(select.begin(), select.end(), n);
        if (it != select.end()) return static_cast<int>(it - select.begin());
        select.push_back(n);
        return static_cast<int>(select.size() - 1);
      };
      for (const auto& cm : tm.columns) {
        if (!has_source_column(cm.source_column)) {
          problem("source", cm.where + ": source table " + sm.name + "." + tm.source_table +
                                " has no column '" + cm.source_column + "'");
          continue;
        }
        if (cm.skip) continue;
        const TargetColumn* tc = t.target.column(cm.target_column);
        if (!tc) {
          problem("column", cm.where + ": target table " + tm.target_name() + " has no column '" +
                                cm.target_column + "'");
          continue;
        }
        ColumnPlan c;
        c.mapping = &cm;
        c.transform = find_transform(cm.transform);
        c.encoder = find_encoder(tc->type);
        c.target = *tc;
        if (!c.encoder) {
          problem("type", cm.where + ": target column " + tm.target_name() + "." + tc->name +
                              " has type " + tc->display_type +
                              ", which sqlite2pg cannot load yet");
          continue;
        }
        if (c.encoder->accepts != c.transform->produces) {
          problem("type", cm.where + ": transform " + cm.transform + " produces " +
                              value_kind_name(c.transform->produces) + " values, but " +
                              tm.target_name() + "." + tc->name + " is " + tc->display_type);
          continue;
        }
        c.context.source = sm.name;
        c.context.id_table = cm.references;
        // A 0-byte file has no schema to name the key; its unreferenced remap_id column is the key.
        const bool is_key = t.source_table_missing
                                ? cm.references.empty()
                                : t.key_names.size() == 1 && t.key_names[0] == cm.source_column;
        if (cm.transform == "remap_id" && cm.references.empty()) {
          if (!is_key) {
            problem("config", cm.where + ": remap_id on " + cm.source_column +
                                  ", which is not the key of " + tm.source_table +
                                  ", needs references: TABLE");
            continue;
          }
          c.context.id_table = tm.source_table;
        }
        for (const auto& [word, uuid] : cm.constants) c.context.constants[word] = *parse_uuid(uuid);
        c.select_index = select_index(cm.source_column);
        // Only the key's own ids go to etl.id_map; a self-reference (parent_id) is not an id.
        if (cm.transform == "remap_id" && is_key && c.context.id_table == tm.source_table) {
          t.own_id_column = static_cast<int>(t.columns.size());
        }
        t.columns.push_back(std::move(c));
      }
      for (const auto& k : t.key_names) {
        if (k != "rowid" && !has_source_column(k)) {
          problem("config", tm.where + ": key column '" + k + "' is not a column of " + sm.name +
                                "." + tm.source_table);
        }
        t.key_indexes.push_back(select_index(k));
      }
      if (t.columns.empty()) {
        problem("config", at + ": no column is loaded");
        continue;
      }
      for (const auto& tc : t.target.columns) {
        const bool fed = std::any_of(t.columns.begin(), t.columns.end(),
                                     [&](const ColumnPlan& c) { return c.target.name == tc.name; });
        if (!fed && tc.not_null && tc.sequence.empty() && !tc.has_default) {
          problem("not_null", at + ": target column " + tm.target_name() + "." + tc.name +
                                  " is NOT NULL without a default, and no source column feeds it");
        }
      }
      for (const auto& src : source_columns) {
        const bool mentioned =
            std::any_of(tm.columns.begin(), tm.columns.end(),
                        [&](const ColumnMapping& c) { return c.source_column == src.name; });
        if (!mentioned) {
          plan.warnings.push_back(
              tm.where + ": source column " + sm.name + "." + tm.source_table + "." + src.name +
              " is not mapped; its data would be left behind (map it or mark it skip)");
        }
      }
      auto loaded_index = [&](auto matches) {
        for (std::size_t i = 0; i < t.columns.size(); ++i) {
          if (matches(t.columns[i])) return static_cast<int>(i);
        }
        return -1;
      };
      for (const auto& pk : t.target.primary_key) {
        t.key_fields.push_back(
            loaded_index([&](const ColumnPlan& c) { return c.target.name == pk; }));
      }
      if (t.key_fields.empty() || std::count(t.key_fields.begin(), t.key_fields.end(), -1)) {
        t.key_fields.clear();
        for (const auto& k : t.key_names) {
          t.key_fields.push_back(
              loaded_index([&](const ColumnPlan& c) { return c.mapping->source_column == k; }));
        }
      }
      if (t.key_fields.empty() || std::count(t.key_fields.begin(), t.key_fields.end(), -1)) {
        t.key_fields.clear();
        for (std::size_t i = 0; i < t.columns.size(); ++i)
          t.key_fields.push_back(static_cast<int>(i));
      }
      std::vector<std::string> select_quoted;
      for (const auto& n : select) select_quoted.push_back(n == "rowid" ? "rowid" : quote_ident(n));
      t.select_sql =
          "SELECT " + join(select_quoted, ", ") + " FROM " + quote_ident(tm.source_table);
      t.select_columns = select;
      tables.push_back(std::move(t));
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
  plan.tables = in_dependency_order(std::move(tables), plan.foreign_keys, problem);
  // A remapped reference must use the same identity as the ids it points at.
  for (const auto& t : plan.tables) {
    for (const auto& c : t.columns) {
      if (c.mapping->transform != "remap_id" || c.context.id_table == t.mapping->source_table)
        continue;
      const auto parent =
          std::find_if(plan.tables.begin(), plan.tables.end(), [&](const TablePlan& p) {
            return p.source_mapping == t.source_mapping &&
                   p.mapping->source_table == c.context.id_table;
          });
      if (parent == plan.tables.end() || parent->own_id_column < 0) {
        problem("config", c.mapping->where + ": references " + c.context.id_table +
                              ", whose key is not mapped with remap_id");
      }
    }
  }
  if (!lenient && !plan.problems.empty()) {
    std::string msg = "the mappings do not fit the sources and the target:";
    for (const auto& p : plan.problems) msg += "\n  - " + p.text;
    throw Failure(ExitCode::config, msg);
  }
  return plan;
}

}  // namespace s2p

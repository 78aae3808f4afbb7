#include "table_planner.h"

#include <algorithm>

#include "sqlite2pg/pg/server_values.h"
#include "sqlite2pg/transform/array.h"
#include "sqlite2pg/util/text.h"

namespace s2p {
namespace {

ColumnWriter scalar_writer(const std::string& type, const TargetColumn& tc) {
  ColumnWriter w{find_encoder(type), {tc.typmod, nullptr, nullptr, 0}};
  // An enum may have no labels at all; its writer still needs the (empty) list.
  if (type == "enum" || !tc.labels.empty())
    w.params.labels = std::make_shared<std::vector<std::string>>(tc.labels);
  return w;
}

// An array's writer holds its element's; the column's modifier (numeric(10,2)[]) is the
// element's. Without an element writer the type cannot be loaded.
ColumnWriter writer_for(const TargetColumn& tc) {
  if (tc.type != "array") return scalar_writer(tc.type, tc);
  auto element = std::make_shared<ColumnWriter>(scalar_writer(tc.element_type, tc));
  if (!element->encoder) return {};
  return {find_encoder("array"), {tc.typmod, nullptr, element, tc.element_oid}};
}

}  // namespace

std::optional<TablePlan> TablePlanner::plan(const SourceMapping& sm, const TableMapping& tm,
                                            SqliteSource& source) {
  TablePlan t;
  t.source_mapping = &sm;
  t.mapping = &tm;
  t.source = &source;
  source_columns_.clear();
  select_.clear();
  const std::string at = tm.where + ": " + sm.name + "." + tm.source_table;
  t.target = read_target_table(pg_, tm.target_schema, tm.target_table);
  if (!t.target.exists) {
    problem_("table", at + ": target table " + tm.target_name() + " does not exist");
    return std::nullopt;
  }
  if (!read_source_columns(t)) return std::nullopt;
  choose_key_names(t);
  for (const auto& cm : tm.columns) {
    if (auto c = plan_column(t, cm)) t.columns.push_back(std::move(*c));
  }
  for (const auto& k : t.key_names) {
    if (k != "rowid" && !has_source_column(t, k)) {
      problem_("config", tm.where + ": key column '" + k + "' is not a column of " + sm.name + "." +
                             tm.source_table);
    }
    t.key_indexes.push_back(select_index(k));
  }
  if (t.columns.empty()) {
    problem_("config", at + ": no column is loaded");
    return std::nullopt;
  }
  check_unfed_columns(t, at);
  warn_unmapped(t);
  choose_key_fields(t);
  std::string list;
  for (const auto& n : select_)
    list += (list.empty() ? "" : ", ") + (n == "rowid" ? n : quote_ident(n));
  t.select_columns = select_;
  add_rowid(t, list);
  t.select_sql = "SELECT " + list + " FROM " + quote_ident(tm.source_table);
  return t;
}

// The rowid under a name no declared column takes (a column named rowid hides the real one).
void TablePlanner::add_rowid(TablePlan& t, std::string& list) const {
  if (t.source_table_missing || !t.source->has_rowid(t.mapping->source_table)) return;
  for (const char* alias : {"rowid", "_rowid_", "oid"}) {
    // SQLite names are case-insensitive: a column ROWID hides the rowid as well.
    const bool declared =
        std::any_of(source_columns_.begin(), source_columns_.end(),
                    [&](const SourceColumn& c) { return ascii_lower(c.name) == alias; });
    if (declared) continue;
    const auto at = std::find(select_.begin(), select_.end(), std::string(alias));
    t.rowid_index = static_cast<int>(at - select_.begin());
    t.rowid_name = alias;
    if (at == select_.end()) list += std::string(", ") + alias;
    t.fetch_sql = "SELECT " + list + " FROM " + quote_ident(t.mapping->source_table) + " WHERE " +
                  alias + " = ?";
    return;
  }
}

bool TablePlanner::read_source_columns(TablePlan& t) {
  auto& source = *t.source;
  const auto& table = t.mapping->source_table;
  if (source.has_table(table)) {
    source_columns_ = source.columns(table);
    return true;
  }
  if (!source.facts().empty_file && !absent_tables_empty_) {
    problem_("source", t.mapping->where + ": " + t.label() + ": source " + source.facts().path +
                           " has no table '" + table + "'");
    return false;
  }
  t.source_table_missing = true;  // a 0-byte file is an empty database
  return true;
}

// Rows are named by the mapping's key, else the source primary key, else the rowid.
void TablePlanner::choose_key_names(TablePlan& t) const {
  t.key_names = t.mapping->key;
  if (t.key_names.empty()) {
    std::vector<SourceColumn> pk;
    for (const auto& c : source_columns_) {
      if (c.pk_position > 0) pk.push_back(c);
    }
    std::sort(pk.begin(), pk.end(), [](auto& a, auto& b) { return a.pk_position < b.pk_position; });
    for (const auto& c : pk) t.key_names.push_back(c.name);
  }
  if (t.key_names.empty() && !t.source_table_missing &&
      t.source->has_rowid(t.mapping->source_table)) {
    t.key_names.push_back("rowid");
  }
}

std::optional<ColumnPlan> TablePlanner::plan_column(TablePlan& t, const ColumnMapping& cm) {
  const auto& tm = *t.mapping;
  if (!has_source_column(t, cm.source_column)) {
    problem_("source", cm.where + ": source table " + t.label() + " has no column '" +
                           cm.source_column + "'");
    return std::nullopt;
  }
  if (cm.skip) return std::nullopt;
  const TargetColumn* tc = t.target.column(cm.target_column);
  if (!tc) {
    problem_("column", cm.where + ": target table " + tm.target_name() + " has no column '" +
                           cm.target_column + "'");
    return std::nullopt;
  }
  ColumnPlan c;
  c.mapping = &cm;
  c.transform = find_transform(cm.transform);
  c.writer = writer_for(*tc);
  c.target = *tc;
  if (!check_types(cm, c, tm)) return std::nullopt;
  if (c.transform->computed_by_server && !text_search_config_exists(pg_, cm.config)) {
    problem_("config", cm.where + ": config '" + cm.config +
                           "' is not a text search configuration of the target "
                           "(psql's \\dF lists them)");
    return std::nullopt;
  }
  c.context.source = t.source_mapping->name;
  c.context.id_table = cm.references;
  // A 0-byte file has no schema to name the key; its unreferenced remap_id column is the key.
  const bool is_key = t.source_table_missing
                          ? cm.references.empty()
                          : t.key_names.size() == 1 && t.key_names[0] == cm.source_column;
  if (cm.transform == "remap_id" && cm.references.empty()) {
    if (!is_key) {
      problem_("config", cm.where + ": remap_id on " + cm.source_column +
                             ", which is not the key of " + tm.source_table +
                             ", needs references: TABLE");
      return std::nullopt;
    }
    c.context.id_table = tm.source_table;
  }
  for (const auto& [word, uuid] : cm.constants) c.context.constants[word] = *parse_uuid(uuid);
  if (c.writer.params.element) {
    c.context.element = element_transform(c.writer.params.element->encoder->accepts);
    c.context.separator = cm.separator;
  }
  if (!cm.precision.empty())
    c.context.finer = cm.precision == "round" ? FinerFraction::round : FinerFraction::truncate;
  c.select_index = select_index(cm.source_column);
  // Only the key's own ids go to etl.id_map; a self-reference (parent_id) is not an id.
  if (cm.transform == "remap_id" && is_key && c.context.id_table == tm.source_table) {
    t.own_id_column = static_cast<int>(t.columns.size());
  }
  return c;
}

bool TablePlanner::check_types(const ColumnMapping& cm, const ColumnPlan& c,
                               const TableMapping& tm) {
  const auto& tc = c.target;
  if (tc.generated) {
    problem_("column", cm.where + ": target column " + tm.target_name() + "." + tc.name +
                           " is GENERATED ALWAYS; PostgreSQL computes it, so nothing may feed it");
    return false;
  }
  if (!c.writer.encoder) {
    problem_("type", cm.where + ": target column " + tm.target_name() + "." + tc.name +
                         " has type " + tc.display_type + ", which sqlite2pg cannot load yet");
    return false;
  }
  if (c.writer.encoder->accepts != c.transform->produces) {
    problem_("type", cm.where + ": transform " + cm.transform + " produces " +
                         value_kind_name(c.transform->produces) + " values, but " +
                         tm.target_name() + "." + tc.name + " is " + tc.display_type);
    return false;
  }
  return true;
}

void TablePlanner::check_unfed_columns(const TablePlan& t, const std::string& at) {
  const auto& mapped = t.mapping->columns;
  for (const auto& tc : t.target.columns) {
    // A column the mapping feeds has its own problem if it could not be planned.
    const bool fed = std::any_of(mapped.begin(), mapped.end(), [&](const ColumnMapping& cm) {
      return !cm.skip && cm.target_column == tc.name;
    });
    if (fed || !tc.not_null || !tc.sequence.empty() || tc.has_default) continue;
    problem_("not_null", at + ": target column " + t.mapping->target_name() + "." + tc.name +
                             " is NOT NULL without a default, and no source column feeds it");
  }
}

void TablePlanner::warn_unmapped(const TablePlan& t) {
  const auto& tm = *t.mapping;
  for (const auto& src : source_columns_) {
    const bool mentioned =
        std::any_of(tm.columns.begin(), tm.columns.end(),
                    [&](const ColumnMapping& c) { return c.source_column == src.name; });
    if (!mentioned) {
      warnings_.push_back(tm.where + ": source column " + t.label() + "." + src.name +
                          " is not mapped; its data would be left behind (map it or mark it skip)");
    }
  }
}

// The fields that identify a row on both sides: the target's primary key when it is loaded,
// else the columns fed by the source key, else every column.
void TablePlanner::choose_key_fields(TablePlan& t) {
  auto loaded_index = [&](auto matches) {
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
      if (matches(t.columns[i])) return static_cast<int>(i);
    }
    return -1;
  };
  const auto complete = [&] {
    return !t.key_fields.empty() && !std::count(t.key_fields.begin(), t.key_fields.end(), -1);
  };
  for (const auto& pk : t.target.primary_key) {
    t.key_fields.push_back(loaded_index([&](const ColumnPlan& c) { return c.target.name == pk; }));
  }
  if (complete()) return;
  t.key_fields.clear();
  for (const auto& k : t.key_names) {
    t.key_fields.push_back(
        loaded_index([&](const ColumnPlan& c) { return c.mapping->source_column == k; }));
  }
  if (complete()) return;
  t.key_fields.clear();
  for (std::size_t i = 0; i < t.columns.size(); ++i) t.key_fields.push_back(static_cast<int>(i));
}

bool TablePlanner::has_source_column(const TablePlan& t, const std::string& name) const {
  return t.source_table_missing ||
         std::any_of(source_columns_.begin(), source_columns_.end(),
                     [&](const SourceColumn& c) { return c.name == name; });
}

int TablePlanner::select_index(const std::string& name) {
  const auto it = std::find(select_.begin(), select_.end(), name);
  if (it != select_.end()) return static_cast<int>(it - select_.begin());
  select_.push_back(name);
  return static_cast<int>(select_.size() - 1);
}

}  // namespace s2p

#include "sqlite2pg/preflight/data_checks.h"

#include <memory>

#include "sqlite2pg/load/table_stream.h"
#include "sqlite2pg/preflight/source_key_function.h"
#include "sqlite2pg/util/text.h"

namespace s2p {
namespace {

std::vector<const ColumnPlan*> loaded_columns(const TablePlan& t,
                                              const std::vector<std::string>& names) {
  std::vector<const ColumnPlan*> out;
  for (const auto& n : names) {
    const ColumnPlan* c = t.column_for_target(n);
    if (!c) return {};
    out.push_back(c);
  }
  return out;
}

// An SQL expression naming a row the way messages do: id='agt_3f9a2c'.
std::string row_name_sql(const TablePlan& t, const std::string& alias) {
  std::string out;
  for (const auto& k : t.key_names) {
    const std::string col = k == "rowid" ? alias + ".rowid" : alias + "." + quote_ident(k);
    out += (out.empty() ? "" : " || ', ' || ") + quote_literal(k + "=") + " || quote(" + col + ")";
  }
  return out.empty() ? "'(row)'" : out;
}

std::string source_columns(const std::vector<const ColumnPlan*>& cols) {
  std::string out;
  for (const auto* c : cols) out += (out.empty() ? "" : ", ") + c->mapping->source_column;
  return out;
}

void refused_values(const TablePlan& t, std::size_t limit, DataCheckResult& out) {
  std::map<const ColumnPlan*, DataFinding> by_column;
  std::uint64_t refused_rows = 0;
  TableStream stream(t);
  stream.check_only();
  stream.collect_refusals([&](const ColumnPlan& c, const std::string& reason,
                              const std::string& row, const std::string& value, const RowCursor&) {
    ++refused_rows;
    auto& f = by_column[&c];
    if (f.kind.empty()) {
      // A table with on_error: reject loads without such rows: they are not a failure.
      f = {t.mapping->reject_bad_rows ? "rejected_value" : "refused_value", t.source_mapping->name,
           t.mapping->source_table, c.mapping->source_column,
           "transform " + c.mapping->transform + " into " + t.mapping->target_name() + "." +
               c.target.name};
    }
    ++f.count;
    if (f.samples.size() < limit)
      f.samples.push_back("row " + row + ": " + reason + "; value " + value);
  });
  std::string sink;
  while (stream.fill(sink)) sink.clear();
  out.rows_read[t.label()] = stream.checksum().rows() + refused_rows;
  for (auto& [column, finding] : by_column) out.findings.push_back(std::move(finding));
}

void duplicate_keys(PgSession& pg, const TablePlan& t, SourceKeyFunction& keys, std::size_t limit,
                    DataCheckResult& out) {
  for (const auto& unique : unique_keys_of(pg, t.target)) {
    const auto cols = loaded_columns(t, unique.columns);
    if (cols.empty()) continue;
    const std::string sql = "SELECT count(*), group_concat(d, ' and ') FROM (SELECT " +
                            keys.call(cols, "t") + " AS k, " + row_name_sql(t, "t") +
                            " AS d FROM " + quote_ident(t.mapping->source_table) +
                            " AS t) WHERE k IS NOT NULL GROUP BY k HAVING count(*) > 1";
    RowCursor rows(*t.source, sql);
    DataFinding f{"duplicate_key", t.source_mapping->name, t.mapping->source_table,
                  source_columns(cols),
                  "become one value of " + t.mapping->target_name() + " key " + unique.name +
                      " (after transforming: ids that differ only in letter case are one UUID)"};
    while (rows.next()) {
      f.count += static_cast<std::uint64_t>(rows.value(0).integer);
      if (f.samples.size() < limit) f.samples.push_back(std::string(rows.value(1).bytes));
    }
    if (f.count) out.findings.push_back(std::move(f));
  }
}

void orphan_references(const LoadPlan& plan, const ForeignKey& fk, SourceKeyFunction& keys,
                       std::size_t limit, DataCheckResult& out) {
  const TablePlan* child = plan.table_for(fk.schema, fk.table);
  const TablePlan* parent = plan.table_for(fk.ref_schema, fk.ref_table);
  // Both ends must be read through one SQLite connection.
  if (!child || !parent || child->source != parent->source || child->source_table_missing ||
      parent->source_table_missing) {
    return;
  }
  const auto child_cols = loaded_columns(*child, fk.columns);
  const auto parent_cols = loaded_columns(*parent, fk.ref_columns);
  if (child_cols.empty() || parent_cols.empty()) return;
  auto& db = child->source->db();
  db.exec("DROP TABLE IF EXISTS temp.s2p_parent_keys");
  db.exec("CREATE TEMP TABLE s2p_parent_keys AS SELECT " + keys.call(parent_cols, "p") +
          " AS k FROM " + quote_ident(parent->mapping->source_table) + " AS p");
  db.exec("CREATE INDEX temp.s2p_parent_keys_k ON s2p_parent_keys (k)");
  const std::string key = keys.call(child_cols, "c");
  std::string raw;
  for (const auto* c : child_cols) {
    raw += (raw.empty() ? "" : " || ', ' || ") + quote_literal(c->mapping->source_column + " = ") +
           " || quote(c." + quote_ident(c->mapping->source_column) + ")";
  }
  RowCursor rows(*child->source, "SELECT " + row_name_sql(*child, "c") + ", " + raw + " FROM " +
                                     quote_ident(child->mapping->source_table) + " AS c WHERE " +
                                     key + " IS NOT NULL AND " + key +
                                     " NOT IN (SELECT k FROM s2p_parent_keys WHERE k IS NOT NULL)");
  DataFinding f{"orphan_reference", child->source_mapping->name, child->mapping->source_table,
                source_columns(child_cols),
                "references " + parent->source_mapping->name + "." + parent->mapping->source_table +
                    " rows that do not exist (" + fk.ref_schema + "." + fk.ref_table +
                    ", constraint " + fk.name + ")"};
  while (rows.next()) {
    ++f.count;
    if (f.samples.size() < limit) {
      f.samples.push_back("row " + std::string(rows.value(0).bytes) + ": " +
                          std::string(rows.value(1).bytes));
    }
  }
  db.exec("DROP TABLE temp.s2p_parent_keys");
  if (f.count) out.findings.push_back(std::move(f));
}

}  // namespace

DataCheckResult check_source_data(const LoadPlan& plan, PgSession& pg, std::size_t sample_limit) {
  DataCheckResult out;
  std::map<SqliteSource*, std::unique_ptr<SourceKeyFunction>> key_functions;
  auto keys_for = [&](SqliteSource* s) -> SourceKeyFunction& {
    auto& k = key_functions[s];
    if (!k) k = std::make_unique<SourceKeyFunction>(*s);
    return *k;
  };
  for (const auto& t : plan.tables) {
    if (t.source_table_missing) continue;
    refused_values(t, sample_limit, out);
    duplicate_keys(pg, t, keys_for(t.source), sample_limit, out);
  }
  for (const auto& fk : plan.foreign_keys) {
    const TablePlan* child = plan.table_for(fk.schema, fk.table);
    if (child && !child->source_table_missing)
      orphan_references(plan, fk, keys_for(child->source), sample_limit, out);
  }
  return out;
}

}  // namespace s2p

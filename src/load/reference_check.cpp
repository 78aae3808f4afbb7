// Foreign keys are checked by sqlite2pg itself, after the load and before they go back, so that
// every orphan is named by its source row.
#include <set>

#include "sqlite2pg/load/target_tables.h"
#include "sqlite2pg/pg/constraints.h"
#include "sqlite2pg/util/failure.h"
#include "sqlite2pg/util/text.h"

namespace s2p {
namespace {

// A converted key value as PostgreSQL prints it; empty for kinds a key does not take.
std::string key_text(const Value& v) {
  switch (v.kind) {
    case ValueKind::uuid:
      return format_uuid(v.uuid);
    case ValueKind::integer:
      return std::to_string(v.integer);
    case ValueKind::text:
      return std::string(v.bytes);
    default:
      return "";
  }
}

// The source rows whose column converts to one of `values` (target text form), for messages.
std::vector<std::string> find_source_rows(const TablePlan& t, const ColumnPlan& c,
                                          const std::set<std::string>& values, std::size_t limit) {
  std::vector<std::string> out;
  if (t.source_table_missing) return out;
  RowCursor cursor(*t.source, t.select_sql);
  std::string scratch;
  while (out.size() < limit && cursor.next()) {
    const SourceValue v = cursor.value(c.select_index);
    if (v.type == SqliteType::null) continue;
    Value converted;
    if (!c.transform->convert(v, c.context, converted, scratch).empty()) continue;
    const std::string text = key_text(converted);
    if (text.empty() || !values.count(text)) continue;
    out.push_back("row " + t.describe_row(cursor) + ", column " + c.mapping->source_column + " = " +
                  value_excerpt(v));
  }
  return out;
}

std::string describe_orphans(const LoadPlan& plan, const ForeignKey& fk, const Orphans& o) {
  std::string msg = o.total + " row(s) of " + fk.schema + "." + fk.table + " reference " +
                    fk.ref_schema + "." + fk.ref_table + " rows that do not exist (constraint " +
                    fk.name + ")";
  const TablePlan* child = plan.table_for(fk.schema, fk.table);
  const ColumnPlan* column =
      child && fk.columns.size() == 1 ? child->column_for_target(fk.columns[0]) : nullptr;
  if (!column) return msg;
  msg = child->where() + ": " + msg;
  const std::set<std::string> values(o.values.begin(), o.values.end());
  for (const auto& row : find_source_rows(*child, *column, values, 5)) msg += "\n      " + row;
  return msg;
}

}  // namespace

void check_references(PgSession& pg, const LoadPlan& plan) {
  std::vector<std::string> problems;
  for (const auto& fk : plan.foreign_keys) {
    const Orphans o = orphans_of(pg, fk, 5);
    if (!o.values.empty()) problems.push_back(describe_orphans(plan, fk, o));
  }
  if (!problems.empty()) {
    std::string msg = "references to rows that do not exist:";
    for (const auto& p : problems) msg += "\n  - " + p;
    throw Failure(ExitCode::source_data, msg);
  }
}

}  // namespace s2p

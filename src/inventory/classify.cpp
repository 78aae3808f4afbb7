#include "sqlite2pg/inventory/classify.h"

#include <algorithm>
#include <set>

namespace s2p {
namespace {

const TableMapping* mapping_of(const SourceMapping& m, const std::string& table) {
  for (const auto& t : m.tables) {
    if (t.source_table == table) return &t;
  }
  return nullptr;
}

// Whether `file` is a copy of `m`'s source; its columns `m` does not name go to `unmapped`.
bool copies(SqliteSource& file, const std::vector<TableRows>& tables, const SourceMapping& m,
            std::vector<std::string>& unmapped) {
  for (const auto& t : tables) {
    const TableMapping* tm = mapping_of(m, t.name);
    if (!tm) return false;
    std::set<std::string> columns;
    for (const auto& c : file.columns(t.name)) columns.insert(c.name);
    for (const auto& cm : tm->columns) {
      if (!columns.erase(cm.source_column)) return false;
    }
    for (const auto& extra : columns) unmapped.push_back(t.name + "." + extra);
  }
  return true;
}

}  // namespace

Classification classify_database(SqliteSource& file, const std::vector<SourceMapping>& mappings) {
  Classification c;
  for (const auto& name : file.tables()) c.tables.push_back({name, file.count_rows(name)});
  if (c.tables.empty()) {
    c.kind = "empty";
    return c;
  }
  for (const auto& m : mappings) {
    std::vector<std::string> unmapped;
    if (copies(file, c.tables, m, unmapped)) {
      c.kind = "legacy";
      c.copy_of = &m;
      c.unmapped = std::move(unmapped);
      return c;
    }
  }
  c.kind = "unknown";
  return c;
}

std::string describe_tables(const std::vector<TableRows>& tables) {
  std::string out;
  for (const auto& t : tables) {
    out += (out.empty() ? "" : ", ") + t.name + " (" + std::to_string(t.rows) + " row" +
           (t.rows == 1 ? "" : "s") + ")";
  }
  return out;
}

}  // namespace s2p

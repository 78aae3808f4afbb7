#include "rollback_lock.h"

#include <algorithm>

#include "sqlite2pg/util/failure.h"

namespace s2p {

std::vector<TableName> mapped_tables(PgSession& pg, const std::vector<SourceMapping>& mappings) {
  std::vector<TableName> names;
  for (const auto& m : mappings) {
    for (const auto& t : m.tables) names.push_back({t.target_schema, t.target_table});
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return existing_tables(pg, names);
}

void hold_mapped_tables(PgSession& pg, const std::vector<TableName>& tables) {
  try {
    lock_for_reading(pg, tables);
  } catch (const Failure& f) {
    throw Failure(f.code(),
                  "rollback locks the " + std::to_string(tables.size()) +
                      " mapped table(s) against writes before it reads them: " + f.what());
  }
}

void require_locked(const LoadPlan& plan, const std::vector<TableName>& locked) {
  for (const auto& t : plan.tables) {
    if (!t.target.exists) continue;
    if (std::binary_search(locked.begin(), locked.end(), TableName{t.target.schema, t.target.name}))
      continue;
    throw Failure(ExitCode::target, "target table " + t.target.qualified() +
                                        " appeared while rollback began, after the tables to "
                                        "hold against writes were chosen: run rollback again");
  }
}

}  // namespace s2p

#pragma once
// plan's schema check: what the mappings and migrations need of the target against what it
// has, by category (schemas, tables, columns, extensions, column types, NOT NULL columns fed).
#include <cstddef>
#include <string>
#include <vector>

#include "sqlite2pg/config/mapping.h"
#include "sqlite2pg/pg/session.h"
#include "sqlite2pg/plan/plan.h"
#include "sqlite2pg/schema/migrations.h"

namespace s2p {

struct GapRow {
  std::string category;
  std::size_t needed = 0, present = 0;
  std::vector<std::string> missing;  // each named with the mapping's file:line:column if known

  void count(bool is_present, const std::string& name);
};

// Gaps in the schema the target has now (the pending migrations applied by the caller). Adds a
// warning for each NOT NULL column a nullable source column feeds.
std::vector<GapRow> schema_gaps(PgSession& pg, const std::vector<SourceMapping>& mappings,
                                const LoadPlan& plan, const std::vector<MigrationFile>& files,
                                std::vector<std::string>& warnings);

}  // namespace s2p

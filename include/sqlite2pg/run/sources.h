#pragma once
#include <vector>

#include "sqlite2pg/config/mapping.h"
#include "sqlite2pg/run/plan.h"
#include "sqlite2pg/run/run_result.h"

namespace s2p {

struct PreparedSources {
  std::vector<SourceMapping> mappings;
  SourceSet sources;
};

// Loads the mappings, applies --source NAME=PATH, opens every source read-only and starts its
// read snapshot. Records mapping files and source facts in `result`.
// With `check_integrity`, each file must also pass PRAGMA quick_check.
PreparedSources prepare_sources(const RunOptions& options, RunResult& result,
                                bool check_integrity = false);

}  // namespace s2p

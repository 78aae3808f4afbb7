#pragma once
// What etl.runs keeps of a committed run: its sources, its tables' checksums, its mappings.
#include <cstdint>
#include <string>
#include <vector>

#include "sqlite2pg/pg/etl_store.h"
#include "sqlite2pg/run/run_result.h"

namespace s2p {

// `tables`: those the run recorded fingerprints for (a sync: only the ones it changed).
RunRecord run_record(const RunResult& r, std::int64_t run_id,
                     const std::vector<TableResult>& tables, const std::string& kind = "migrate");

}  // namespace s2p

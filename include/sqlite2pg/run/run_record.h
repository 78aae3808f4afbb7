#pragma once
// What etl.runs keeps of a committed run: its sources, its tables' checksums, its mappings.
#include <cstdint>
#include <string>
#include <vector>

#include "sqlite2pg/load/target_tables.h"
#include "sqlite2pg/pg/etl_store.h"
#include "sqlite2pg/plan/plan.h"
#include "sqlite2pg/run/run_result.h"

namespace s2p {

// `tables`: those the run recorded fingerprints for (a sync: only the ones it changed).
RunRecord run_record(const RunResult& r, std::int64_t run_id,
                     const std::vector<TableResult>& tables, const std::string& kind = "migrate");

// Refuses a target with no committed run recorded, or without the run kinds of migration 006.
void require_recorded_runs(PgSession& pg);

// The after_load statements and sequence queries a run made, logged and in the report.
void report_after_load(std::vector<AfterLoadStep> steps, RunResult& result);
// The last committed run of every table (`doing`: "sync" or "rollback", for the messages).
// Throws Failure(config) naming the tables without one, or loaded into another table since.
std::vector<CutoverRecord> baselines_of(PgSession& pg, const LoadPlan& plan,
                                        const std::string& doing);

}  // namespace s2p

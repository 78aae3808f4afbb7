#pragma once
// What `plan` found, as one structure: printed for the operator, and the "plan" section of the
// JSON report (report.cpp).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sqlite2pg/preflight/data_checks.h"
#include "sqlite2pg/preflight/schema_gaps.h"
#include "sqlite2pg/util/failure.h"

namespace s2p {

struct RunResult;

struct PlannedTable {
  std::string source_table, target_table;
  std::uint64_t rows = 0;
  std::string transforms;  // the transforms its columns use, comma-separated
};

struct PlanReport {
  bool ran = false;  // false when the preflight itself could not run
  std::vector<std::string> pending_migrations, migration_problems, tables_holding_rows;
  // A pending migration that would fail: the exit code migrate would give it (5 when the
  // target refuses a file), which plan gives too.
  std::optional<ExitCode> migration_failure;
  std::vector<PlannedTable> load_order;
  std::vector<GapRow> schema_gaps;
  std::vector<DataFinding> data_problems;
  std::vector<DataFinding> would_reject;  // refused rows of on_error: reject tables: no problem
  // What migrate runs after the load, before validation: "app.event_search: UPDATE ...", and
  // the mappings' sequences, "public.events_stream_seq: SELECT max(...)" or ": skip".
  std::vector<std::string> after_load, sequences;
  // A Citus target: its version, and how each mapped table is placed ("app.events: distributed
  // by deployment_id, co-located with app.deployments").
  std::string citus_version;
  std::vector<std::string> distribution;

  // The exit code of the first kind of problem: schema, then data, then rows in the target.
  ExitCode verdict_code(const std::vector<std::string>& reasons) const;
};

void print_plan(const PlanReport& plan, const RunResult& result);

}  // namespace s2p

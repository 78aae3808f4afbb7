#pragma once
// verify's judgement of the mapped tables, shared by verify and inventory: each table compared
// with the target and with its last committed cutover, and the reasons deletion is not safe.
#include <string>
#include <vector>

#include "sqlite2pg/pg/session.h"
#include "sqlite2pg/plan/plan.h"
#include "sqlite2pg/run/run_result.h"

namespace s2p {

// Why one source's file may not go yet.
struct SourceReason {
  std::string source;
  std::string text;
};

// Compares every table of `plan` in the caller's snapshot, appends each TableResult to
// result.tables, and returns the reasons (with --exact, changes in PostgreSQL count too).
std::vector<SourceReason> verify_tables(PgSession& pg, const LoadPlan& plan,
                                        const VerifyOptions& options, RunResult& result);

// The per-table figures and the rows named for every difference, as verify prints them.
void print_verify_tables(const RunResult& result);

}  // namespace s2p

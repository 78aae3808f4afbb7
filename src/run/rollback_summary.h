#pragma once
// rollback's summary on stdout.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sqlite2pg/run/run_result.h"

namespace s2p {

// The per-table counts, the rows named by kind, the files written, then the verdict.
void print_rollback(const RunResult& r);

}  // namespace s2p

#pragma once
#include <atomic>
#include <cstdint>

#include "sqlite2pg/copy/copy_stream.h"
#include "sqlite2pg/copy/row_checksum.h"
#include "sqlite2pg/pg/session.h"
#include "sqlite2pg/plan/plan.h"

namespace s2p {

// Reads a loaded table back from PostgreSQL and sums its rows exactly as the loader summed what
// it sent; `done` counts the rows read.
RowChecksum read_back_table(PgSession& pg, const TablePlan& t, std::atomic<std::uint64_t>& done);

}  // namespace s2p

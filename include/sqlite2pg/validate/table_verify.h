#pragma once
// verify's comparison of one mapped table, by key: the source now against the target now
// (coverage) and against the fingerprints a committed cutover recorded (drift). The one engine
// the commands that compare rows share.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sqlite2pg/pg/etl_store.h"
#include "sqlite2pg/pg/session.h"
#include "sqlite2pg/plan/plan.h"
#include "sqlite2pg/validate/row_streams.h"
#include "sqlite2pg/validate/table_diff.h"

namespace s2p {

struct TableComparison {
  RowChecksum source, target;
  DiffCounts counts;
  std::uint64_t rejected = 0;  // on_error: reject rows the transforms refuse, as in migrate
  std::vector<NamedDifference> samples;  // at most `sample_limit` per kind
  double seconds = 0;
};

// Reads the source table through its transforms and the target table in the caller's
// transaction; without `baseline` there is no drift to find.
TableComparison compare_table(PgSession& pg, const TablePlan& t,
                              const std::optional<CutoverRecord>& baseline,
                              std::size_t sample_limit, std::atomic<std::uint64_t>& progress);

}  // namespace s2p

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
#include "sqlite2pg/validate/table_diff.h"

namespace s2p {

// One difference, named both ways.
struct NamedDifference {
  std::string kind;        // added_in_source, changed_in_source, deleted_in_source,
                           // missing_in_target, changed_in_target, extra_in_target,
                           // rejected_in_source
  std::string source_row;  // legacy key, e.g. id='agt_3f9a2c'
  std::string target_row;  // target key, e.g. id=5d0c...
  // changed rows: the columns that differ with both values; rejected rows: why the value was
  // refused, and the value
  std::string detail;
};

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

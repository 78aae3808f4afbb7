#pragma once
// The three sides a comparison reads, as row streams: the source now through its transforms,
// the target now, and the fingerprints a committed cutover or sync recorded.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "sqlite2pg/copy/tuple_key.h"
#include "sqlite2pg/load/reject_file.h"
#include "sqlite2pg/pg/etl_store.h"
#include "sqlite2pg/pg/session.h"
#include "sqlite2pg/plan/plan.h"
#include "sqlite2pg/validate/diff_kind.h"
#include "sqlite2pg/validate/table_diff.h"

namespace s2p {

// One difference, named both ways.
struct NamedDifference {
  DiffKind kind;
  std::string source_row;  // legacy key, e.g. id='agt_3f9a2c'
  std::string target_row;  // target key, e.g. id=5d0c...
  // changed rows: the columns that differ with both values; rejected rows: why the value was
  // refused, and the value
  std::string detail;
};

// Rows a table with on_error: reject leaves out, counted and named as migrate would, and
// written to `file` when there is one (sync, which reads the source once).
struct Rejections {
  std::uint64_t count = 0;
  std::vector<NamedDifference> samples;
  RejectFile* file = nullptr;
  // Each refused row's key, when its key columns can be loaded: a row loaded before and refused
  // now is no deletion.
  std::vector<std::optional<std::string>> keys;
};

// The source table through its transforms; locators are row positions (TableStream's). With
// `picked`, only the rows of those locators.
RowStream source_rows(const TablePlan& t, const TupleKey& key, std::size_t sample_limit,
                      std::atomic<std::uint64_t>& progress, Rejections& rejected,
                      const std::vector<std::uint64_t>* picked = nullptr);
// The target table, read in the caller's transaction.
RowStream target_rows(PgSession& pg, const TablePlan& t, const TupleKey& key);
// The fingerprints the run `baseline` recorded for the table.
RowStream recorded_rows(PgSession& pg, const TablePlan& t, const CutoverRecord& baseline);
// The same, only the rows whose key is one of `keys`.
RowStream recorded_rows_of(PgSession& pg, const TablePlan& t, const CutoverRecord& baseline,
                           const std::unordered_set<std::string>& keys);

}  // namespace s2p

#include "sqlite2pg/validate/table_verify.h"

#include <chrono>

#include "sqlite2pg/copy/tuple_key.h"
#include "sqlite2pg/load/row_hash_spool.h"
#include "sqlite2pg/load/table_stream.h"
#include "sqlite2pg/util/bytes.h"
#include "sqlite2pg/util/elapsed.h"
#include "sqlite2pg/validate/readback.h"
#include "sqlite2pg/validate/row_streams.h"
#include "sqlite2pg/validate/sample_names.h"

namespace s2p {

namespace {

// Each sample named both ways; a changed row also with the columns that differ.
std::vector<NamedDifference> named_samples(PgSession& pg, const TablePlan& t, const TableDiff& d) {
  std::vector<SampleRow> rows;
  for (const auto& s : d.samples) {
    rows.push_back({s.kind, s.key, s.locator, is_change(s.kind)});
  }
  return name_samples(pg, t, rows);
}

}  // namespace

TableComparison compare_table(PgSession& pg, const TablePlan& t,
                              const std::optional<CutoverRecord>& baseline,
                              std::size_t sample_limit, std::atomic<std::uint64_t>& progress) {
  const auto start = std::chrono::steady_clock::now();
  const TupleKey key(t.key_fields);
  Rejections rejected;
  DiffInput in;
  in.sample_limit = sample_limit;
  in.source = source_rows(t, key, sample_limit, progress, rejected);
  in.target = target_rows(pg, t, key);
  if (baseline) {
    in.recorded = std::make_pair(baseline->checksum, baseline->rows);
    in.baseline = recorded_rows(pg, t, *baseline);
  }
  const TableDiff d = diff_table(in);
  TableComparison r;
  r.source = d.source;
  r.target = d.target;
  r.counts = d.counts;
  r.samples = named_samples(pg, t, d);
  r.rejected = rejected.count;
  for (auto& s : rejected.samples) r.samples.push_back(std::move(s));
  r.seconds = seconds_since(start);
  return r;
}

}  // namespace s2p

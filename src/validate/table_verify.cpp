#include "sqlite2pg/validate/table_verify.h"

#include <chrono>
#include <set>

#include "sqlite2pg/copy/tuple_key.h"
#include "sqlite2pg/load/row_hash_spool.h"
#include "sqlite2pg/load/table_stream.h"
#include "sqlite2pg/util/bytes.h"
#include "sqlite2pg/validate/readback.h"
#include "sqlite2pg/validate/row_changes.h"
#include "sqlite2pg/validate/row_names.h"
#include "sqlite2pg/validate/row_streams.h"

namespace s2p {

namespace {

// Each sample named both ways; a changed row also with the columns that differ.
std::vector<NamedDifference> named_samples(PgSession& pg, const TablePlan& t, const TableDiff& d) {
  std::set<std::string> changed;
  for (const auto& s : d.samples) {
    if (s.kind == "changed_in_source" || s.kind == "changed_in_target") changed.insert(s.key);
  }
  const RowsByKey rows = changed.empty() ? RowsByKey{} : read_rows_by_key(pg, t, changed);
  std::vector<std::uint64_t> positions;
  for (const auto& s : d.samples) {
    if (s.locator) positions.push_back(s.locator);
  }
  const auto names = name_rows(t, positions);
  std::vector<NamedDifference> out;
  for (const auto& s : d.samples) {
    const auto name = names.find(s.locator);
    std::string source_row = name != names.end() ? name->second : legacy_name(pg, t, s.key);
    std::string detail;
    const auto in_source = rows.source.find(s.key);
    const auto in_target = rows.target.find(s.key);
    if (changed.count(s.key) && in_source != rows.source.end() && in_target != rows.target.end())
      detail = describe_changes(t, in_source->second, in_target->second);
    out.push_back({s.kind, source_row, describe_key(t, s.key), detail});
  }
  return out;
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
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return r;
}

}  // namespace s2p

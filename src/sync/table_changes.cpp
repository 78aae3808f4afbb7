#include "sqlite2pg/sync/table_changes.h"

#include <algorithm>

#include "change_rules.h"
#include "sqlite2pg/copy/tuple_key.h"
#include "sqlite2pg/load/row_hash_spool.h"
#include "sqlite2pg/util/failure.h"
#include "sqlite2pg/validate/sample_names.h"

namespace s2p {
TableChanges find_changes(PgSession& pg, const TablePlan& t, const CutoverRecord& baseline,
                          std::size_t sample_limit, std::atomic<std::uint64_t>& progress,
                          RejectFile* rejects) {
  TableChanges out;
  out.rejected.file = rejects;
  const auto recorded = RowChecksum::parse(baseline.checksum, baseline.rows);
  if (!recorded) {
    throw Failure(ExitCode::target, t.where() + ": etl.runs holds no valid checksum for run " +
                                        std::to_string(baseline.run_id));
  }
  out.recorded = *recorded;
  const TupleKey key(t.key_fields);
  DiffInput in;
  in.sample_limit = 0;
  in.source = source_rows(t, key, sample_limit, progress, out.rejected);
  in.recorded = std::make_pair(baseline.checksum, baseline.rows);
  in.baseline = recorded_rows(pg, t, baseline);
  std::vector<std::pair<std::string, KeyedRow>> differing;
  in.on_key = [&](std::string_view k, const KeyedRow& r) {
    if (!(r.source == r.baseline)) differing.emplace_back(k, r);
  };
  const TableDiff d = diff_table(in);
  out.source = d.source;
  out.drifted = d.baseline.has_value();
  if (out.drifted) out.source_rows = d.source_rows;  // an unchanged table's spool goes now
  for (const auto& [k, r] : differing) decide_change(t, k, r, out);
  refuse_refused_deletions(t, out);
  return out;
}

std::vector<NamedDifference> name_conflicts(PgSession& pg, const TablePlan& t,
                                            const std::vector<SyncConflict>& conflicts,
                                            std::size_t limit) {
  std::vector<SampleRow> rows;
  for (std::size_t i = 0; i < std::min(limit, conflicts.size()); ++i)
    rows.push_back({conflicts[i].kind, conflicts[i].key, conflicts[i].locator, true});
  return name_samples(pg, t, rows);
}

}  // namespace s2p

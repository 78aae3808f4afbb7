#include "sqlite2pg/sync/table_changes.h"

#include <set>

#include "sqlite2pg/copy/tuple_key.h"
#include "sqlite2pg/load/row_hash_spool.h"
#include "sqlite2pg/util/failure.h"
#include "sqlite2pg/validate/row_changes.h"
#include "sqlite2pg/validate/row_names.h"

namespace s2p {
namespace {

// One key whose source row differs from the recorded one: what sync would do with it.
void decide(const TablePlan& t, std::string_view key, const KeyedRow& r, TableChanges& out) {
  if (r.source.count > 1 || r.baseline.count > 1) {
    throw Failure(ExitCode::source_data,
                  t.where() +
                      ": rows that share one key (exact duplicates, or NULLs in the "
                      "key) changed, and " +
                      t.mapping->target_name() +
                      " cannot tell them apart; sync needs a primary key (or a source key) "
                      "without duplicates, or a full migrate --replace");
  }
  out.recorded_changes.emplace_back(key, r.source.count ? r.source.hash : kDeletedRow);
  RowChange c{std::string(key), r.locator, r.source.hash, r.baseline.hash};
  if (!r.source.count) {
    c.locator = 0;
    out.deletes.push_back(std::move(c));
  } else if (!r.baseline.count) {
    out.inserts.push_back(std::move(c));
  } else {
    out.updates.push_back(std::move(c));
  }
}

// A row the last run loaded and the transforms now refuse (on_error: reject) is missing from
// the source's rows like a deleted one; sync must not delete it from PostgreSQL.
void refuse_refused_deletions(const TablePlan& t, const TableChanges& c) {
  if (c.deletes.empty() || c.rejected.keys.empty()) return;
  std::set<std::string> refused;
  bool unknown = false;
  for (const auto& k : c.rejected.keys) {
    if (k) refused.insert(*k);
    unknown = unknown || !k;
  }
  for (const auto& d : c.deletes) {
    if (!unknown && !refused.count(d.key)) continue;
    throw Failure(ExitCode::source_data,
                  t.where() + ": row " + describe_key(t, d.key) +
                      (unknown ? " is gone from SQLite, or is one of the rows its transforms now "
                                 "refuse (on_error: reject) whose key cannot be read"
                               : " was loaded by the last run and its transforms now refuse it "
                                 "(on_error: reject)") +
                      "; sync would delete it from PostgreSQL, so it stops: fix the refused "
                      "rows in SQLite (see the reject file), or migrate again");
  }
}

}  // namespace

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
  for (const auto& [k, r] : differing) decide(t, k, r, out);
  refuse_refused_deletions(t, out);
  return out;
}

std::vector<NamedDifference> name_conflicts(PgSession& pg, const TablePlan& t,
                                            const std::vector<SyncConflict>& conflicts,
                                            std::size_t limit) {
  const std::size_t n = std::min(limit, conflicts.size());
  std::set<std::string> keys;
  std::vector<std::uint64_t> positions;
  for (std::size_t i = 0; i < n; ++i) {
    keys.insert(conflicts[i].key);
    if (conflicts[i].locator) positions.push_back(conflicts[i].locator);
  }
  const RowsByKey rows = keys.empty() ? RowsByKey{} : read_rows_by_key(pg, t, keys);
  const auto names = name_rows(t, positions);
  std::vector<NamedDifference> out;
  for (std::size_t i = 0; i < n; ++i) {
    const auto& c = conflicts[i];
    const auto name = names.find(c.locator);
    NamedDifference d{c.kind, name != names.end() ? name->second : legacy_name(pg, t, c.key),
                      describe_key(t, c.key), ""};
    const auto s = rows.source.find(c.key);
    const auto g = rows.target.find(c.key);
    if (s != rows.source.end() && g != rows.target.end())
      d.detail = describe_changes(t, s->second, g->second);
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace s2p

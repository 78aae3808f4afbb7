#pragma once
// How a sync turns a key whose source row differs from the recorded one into a change, however
// the changed keys were found (a pass over the source, or its change log).
#include <set>
#include <string>
#include <string_view>

#include "sqlite2pg/load/row_hash_spool.h"
#include "sqlite2pg/sync/table_changes.h"
#include "sqlite2pg/util/failure.h"
#include "sqlite2pg/validate/row_names.h"

namespace s2p {

// One key whose source row differs from the recorded one: what sync would do with it.
inline void decide_change(const TablePlan& t, std::string_view key, const KeyedRow& r,
                          TableChanges& out) {
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
inline void refuse_refused_deletions(const TablePlan& t, const TableChanges& c) {
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

}  // namespace s2p

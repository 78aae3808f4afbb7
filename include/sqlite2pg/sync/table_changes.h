#pragma once
// What a sync applies to one table: the rows added, changed and deleted in SQLite since the last
// committed migrate or sync, found by verify's comparison of the source with the recorded
// fingerprints, and the rows it must refuse to touch because PostgreSQL changed them meanwhile.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sqlite2pg/pg/etl_store.h"
#include "sqlite2pg/pg/session.h"
#include "sqlite2pg/plan/plan.h"
#include "sqlite2pg/validate/key_spool.h"
#include "sqlite2pg/validate/row_streams.h"

namespace s2p {

struct RowChange {
  std::string key;            // target key fields, binary COPY bytes
  std::uint64_t locator = 0;  // the source row's position, 0 for a deletion
  Hash128 now;                // the source row's hash (inserts, updates)
  Hash128 before;             // the target row's hash (updates, deletes)
};

// A row sync will not overwrite.
struct SyncConflict {
  DiffKind kind;  // target_key_taken, changed_in_target, deleted_in_target
  std::string key;
  std::uint64_t locator = 0;  // the source row's, 0 when SQLite does not hold the key
};

struct TableChanges {
  std::vector<RowChange> inserts, updates, deletes;  // in key order
  std::vector<SyncConflict> conflicts;
  RowChecksum source;                     // the source now
  RowChecksum recorded;                   // the table as the last run recorded it
  bool drifted = false;                   // the source no longer matches the recorded checksum
  std::shared_ptr<KeySpool> source_rows;  // every source row's key and hash
  // Every key whose source row differs from the recorded one, with its new hash (kDeletedRow
  // for a deleted row): what a run that records only changes records.
  std::vector<std::pair<std::string, Hash128>> recorded_changes;
  Rejections rejected;  // on_error: reject
  std::uint64_t changed() const { return inserts.size() + updates.size() + deletes.size(); }
};

// Compares the source with the run `baseline` recorded, by key; the changes assume PostgreSQL
// still holds what the run recorded, which TableSync::check_target then checks row by row.
// Throws Failure(source_data) for a table whose changed rows have no key to apply them by
// (duplicate rows).
// `rejects` receives the rows a table with on_error: reject refuses.
TableChanges find_changes(PgSession& pg, const TablePlan& t, const CutoverRecord& baseline,
                          std::size_t sample_limit, std::atomic<std::uint64_t>& progress,
                          RejectFile* rejects);

// Each conflict named both ways, with the columns that differ and both values; at most `limit`.
std::vector<NamedDifference> name_conflicts(PgSession& pg, const TablePlan& t,
                                            const std::vector<SyncConflict>& conflicts,
                                            std::size_t limit);

}  // namespace s2p

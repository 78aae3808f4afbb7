#pragma once
// Applying one table's changes inside the sync's transaction: the changed source rows read
// again from the same snapshot, staged by COPY, applied by key, then read back and checked.
#include <cstdint>
#include <memory>
#include <vector>

#include "sqlite2pg/pg/session.h"
#include "sqlite2pg/pg/sync_stage.h"
#include "sqlite2pg/plan/plan.h"
#include "sqlite2pg/sync/table_changes.h"

namespace s2p {

class TableSync {
 public:
  // `n` tells this table's temporary tables from the others'.
  TableSync(PgSession& pg, const TablePlan& t, TableChanges& changes, int n);

  // Reads the target's rows of every changed key: a row PostgreSQL changed or deleted since the
  // last run, or a new key it already holds, becomes a conflict; a change PostgreSQL already
  // holds is left out.
  void check_target();

  // Inserts and updates go first, parents before children (inserts before updates); then
  // deletions, children before parents.
  void upsert_rows();
  void delete_rows();
  // Reads every applied row back and compares it with the source's; returns the table's
  // checksum after the sync (as the last run recorded it, minus the rows replaced, plus the
  // rows read back). Throws Failure(mismatch) naming a row that differs.
  RowChecksum read_back();
  std::uint64_t inserted() const { return inserted_; }
  std::uint64_t updated() const { return updated_; }
  std::uint64_t deleted() const { return deleted_; }
  std::uint64_t new_ids() const { return new_ids_; }

 private:
  void stage_keys(const std::vector<const std::vector<RowChange>*>& lists);

  PgSession& pg_;
  const TablePlan& t_;
  TableChanges& changes_;
  std::unique_ptr<SyncStage> stage_;
  std::uint64_t inserted_ = 0, updated_ = 0, deleted_ = 0, new_ids_ = 0;
};

// The run's fingerprints of a table, so the next sync and verify compare with the state after
// this one: only the rows that changed, while the runs since the last full record hold at most
// kMaxChangedFingerprints (what a comparison keeps in memory to merge them) and less than half
// the table; else every source row, and the older runs' fingerprints of the table go. Returns how
// many it recorded and whether that was every row.
inline constexpr std::uint64_t kMaxChangedFingerprints = 100'000;
struct RecordedFingerprints {
  std::uint64_t rows = 0;
  bool all = false;
};
// Whether a run that found `changes` changed rows in a table of `rows` records every row's
// fingerprint (else only the changes).
bool records_every_row(const CutoverRecord& baseline, std::uint64_t changes, std::uint64_t rows);
RecordedFingerprints record_fingerprints(PgSession& pg, const TablePlan& t,
                                         const TableChanges& changes, const CutoverRecord& baseline,
                                         std::int64_t run_id);

}  // namespace s2p

#pragma once
// What a rollback writes back to one SQLite table: the rows PostgreSQL added, changed and
// deleted since the last committed migrate or sync, found by verify's comparison of the source
// with the target. A source that changed since that run too is refused: its rows would be lost
// or PostgreSQL's would.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sqlite2pg/extract/change_spool.h"
#include "sqlite2pg/pg/etl_store.h"
#include "sqlite2pg/pg/session.h"
#include "sqlite2pg/plan/plan.h"
#include "sqlite2pg/validate/row_streams.h"

namespace s2p {

struct TargetChanges {
  // The keys (target key fields, binary COPY bytes) to update, insert and delete in SQLite.
  ChangeSpool spool;
  RowChecksum source, target;
  std::uint64_t rejected = 0;  // source rows on_error: reject leaves out, kept as they are
  // SQLite's own changes since the recorded run: added, changed and deleted rows, named.
  std::uint64_t drifted = 0;
  std::vector<NamedDifference> drift;
  std::uint64_t updates() const { return spool.count(WriteBack::update); }
  std::uint64_t inserts() const { return spool.count(WriteBack::insert); }
  std::uint64_t deletes() const { return spool.count(WriteBack::remove); }
  std::uint64_t changed() const { return updates() + inserts() + deletes(); }
};

// Compares the source with the target and with what `baseline` recorded. Throws
// Failure(source_data) for changed rows that share a key on either side.
TargetChanges find_target_changes(PgSession& pg, const TablePlan& t, const CutoverRecord& baseline,
                                  std::size_t sample_limit, std::atomic<std::uint64_t>& progress);

}  // namespace s2p

#pragma once
// A sync that reads a source table's change log (capture start) instead of the table: only the
// rows the log names are read, through the same transforms, and compared by key with the
// fingerprints the last run recorded for their keys; what follows is what a pass over the whole
// table would find, at the cost of the change.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "sqlite2pg/extract/capture_sql.h"
#include "sqlite2pg/pg/etl_store.h"
#include "sqlite2pg/pg/session.h"
#include "sqlite2pg/plan/plan.h"
#include "sqlite2pg/sync/table_changes.h"

namespace s2p {

// One table's part of a source's change log.
struct LogSlice {
  int number = 0;              // the table's number in the log
  std::int64_t after_seq = 0;  // what the last run consumed
  CapturedTable shape;         // its rowid and the key columns the log keeps
};

// Why the table cannot be synced from its log (it is then read whole); empty when it can.
std::string why_not_from_log(const TablePlan& t, const LogSlice& log);

// The table's changes since the last run, from the log. nullopt, with `why_not`, when the log
// cannot give them (an old key that cannot be converted, more changes than a record of changes
// holds): the caller reads the table whole.
std::optional<TableChanges> find_logged_changes(PgSession& pg, const TablePlan& t,
                                                const CutoverRecord& baseline, const LogSlice& log,
                                                std::size_t sample_limit,
                                                std::atomic<std::uint64_t>& progress,
                                                RejectFile* rejects, std::string& why_not);

}  // namespace s2p

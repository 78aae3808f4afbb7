#pragma once
// sync's summary on stdout and its verdict line.
#include <string>
#include <utility>

#include "sqlite2pg/run/options.h"
#include "sqlite2pg/run/run_result.h"

namespace s2p {

// Per table the rows inserted, updated, deleted and left as they were, and the seconds: sync's
// and rollback's first lines.
void print_change_counts(const RunResult& r);

// The per-table table, each conflict named, the rejected rows, then the verdict.
void print_sync(const RunResult& r);

// SYNCED, IN SYNC or DRY RUN OK, with the counts.
std::string sync_verdict(const SyncOptions& options, const RunResult& r);

}  // namespace s2p

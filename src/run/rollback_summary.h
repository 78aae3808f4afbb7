#pragma once
// rollback's summary on stdout.
#include <utility>

#include "sqlite2pg/run/run_result.h"

namespace s2p {

// What each kind of named row means to an operator.
inline constexpr std::pair<const char*, const char*> kRollbackKinds[] = {
    {"added_in_source", "added to SQLite after the last migrate or sync"},
    {"changed_in_source", "changed in SQLite after the last migrate or sync"},
    {"deleted_in_source", "deleted from SQLite after the last migrate or sync"},
    {"not_written_back", "held by PostgreSQL with a value SQLite has no form for"},
    {"missing_in_target", "in the written file but not in PostgreSQL"},
    {"changed_in_target", "different in the written file and in PostgreSQL"},
    {"extra_in_target", "in PostgreSQL but not in the written file"},
};

// The per-table counts, the rows named by kind, the files written, then the verdict.
void print_rollback(const RunResult& r);

}  // namespace s2p

#pragma once
// The one printer of differences: verify's, sync's conflicts, rollback's.
#include "sqlite2pg/run/run_result.h"
#include "sqlite2pg/validate/diff_kind.h"

namespace s2p {

// For each kind `reader` reports that the table has rows of: the count with what it means, then
// the rows named both ways, and how many more there are.
void print_named_rows(const TableResult& t, DiffReader reader);

}  // namespace s2p

#pragma once
// What changed in a row both sides hold: the columns whose values differ, with both values.
#include <map>
#include <set>
#include <string>

#include "sqlite2pg/pg/session.h"
#include "sqlite2pg/plan/plan.h"

namespace s2p {

// The encoded rows (binary COPY tuples) of the given keys, read once from the source through
// the mapping and once from the target; keys a side does not hold are absent from its map.
struct RowsByKey {
  std::map<std::string, std::string> source, target;
};
RowsByKey read_rows_by_key(PgSession& pg, const TablePlan& t, const std::set<std::string>& keys);

// "Name: 'AC/DC' in SQLite, 'ACDC' in PostgreSQL; Price: ..." for the differing columns.
std::string describe_changes(const TablePlan& t, std::string_view source_tuple,
                             std::string_view target_tuple);

}  // namespace s2p

#pragma once
// The one way a difference becomes a line an operator reads: verify's samples, sync's
// conflicts.
#include <cstdint>
#include <string>
#include <vector>

#include "sqlite2pg/pg/session.h"
#include "sqlite2pg/plan/plan.h"
#include "sqlite2pg/validate/row_streams.h"

namespace s2p {

struct SampleRow {
  DiffKind kind;
  std::string key;            // the target key's bytes
  std::uint64_t locator = 0;  // the source row; 0: none
  bool compare = false;       // name the columns that differ, if both sides hold the row
};

// Each named both ways: the source row by its legacy key (through the id map when SQLite no
// longer holds it), the target row by its key, and the columns that differ where asked.
std::vector<NamedDifference> name_samples(PgSession& pg, const TablePlan& t,
                                          const std::vector<SampleRow>& samples);

}  // namespace s2p

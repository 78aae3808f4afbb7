#pragma once
// Whether PostgreSQL holds every row of a stale copy of a mapped source: the copy's rows are
// read through that source's mapping and compared by key with the target, as verify compares.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sqlite2pg/config/mapping.h"
#include "sqlite2pg/extract/sqlite_source.h"
#include "sqlite2pg/pg/session.h"
#include "sqlite2pg/validate/row_streams.h"

namespace s2p {

struct CopyCoverage {
  std::uint64_t rows = 0;
  std::uint64_t missing = 0;    // keys PostgreSQL does not hold
  std::uint64_t differing = 0;  // keys PostgreSQL holds with other values
  std::uint64_t rejected = 0;   // rows the mapping's transforms refuse
  std::vector<std::pair<std::string, NamedDifference>> samples;  // target table, row
  bool complete() const { return missing == 0 && differing == 0 && rejected == 0; }
};

// In the caller's transaction. Throws Failure(config) when the mapping does not fit the copy.
CopyCoverage copy_coverage(PgSession& pg, const SourceMapping& mapping,
                           const std::shared_ptr<SqliteSource>& copy, std::size_t sample_limit);

}  // namespace s2p

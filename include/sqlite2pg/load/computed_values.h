#pragma once
// Columns PostgreSQL computes (to_tsvector): before a table is streamed, its source texts go to
// PostgreSQL in batches and what it returns is spooled to a temporary file in stream order, keyed
// by row locator. Every stream of the table (the load, verify's source side, sync) then carries
// PostgreSQL's own result, so the comparison engine needs no exception for them: a target value
// that differs from the recomputation is a difference like any other. Memory is one batch.
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "sqlite2pg/pg/session.h"
#include "sqlite2pg/plan/plan.h"
#include "sqlite2pg/transform/value.h"

namespace s2p {

class ComputedValues {
 public:
  struct Spool {
    std::size_t column;  // position in TablePlan::columns
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> file{nullptr, std::fclose};
    std::uint64_t size = 0;
  };
  std::vector<Spool> spools;
};

bool has_computed_columns(const TablePlan& t);

// Asks PostgreSQL for every computed column of every table of `plan`, in the caller's snapshots
// of the sources and the target (the configuration's dictionaries are the target's).
void compute_server_values(PgSession& pg, const LoadPlan& plan);

// One stream's view of a table's computed values.
class ComputedReader {
 public:
  explicit ComputedReader(const TablePlan& t)
      : t_(t), offsets_(t.computed ? t.computed->spools.size() : 0) {}
  // Replaces `out`, column `column`'s checked text, by PostgreSQL's value for the row at
  // `locator`. Returns why it cannot (the values were not fetched).
  std::string substitute(std::size_t column, std::uint64_t locator, Value& out,
                         std::string& scratch);

 private:
  const TablePlan& t_;
  std::vector<std::uint64_t> offsets_;  // per spool: where the next row's entry should be
};

}  // namespace s2p

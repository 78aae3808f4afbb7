#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "sqlite2pg/plan/plan.h"

namespace s2p {

// One kind of problem in one place, with its total and the first rows that show it.
struct DataFinding {
  std::string kind;    // refused_value, duplicate_key, orphan_reference; rejected_value for
                       // a table with on_error: reject (its rows go to the reject file)
  std::string source;  // source name
  std::string table;   // source table
  std::string column;  // source column(s)
  std::string detail;  // what it would collide with or point at
  std::uint64_t count = 0;
  std::vector<std::string> samples;
};

struct DataCheckResult {
  std::vector<DataFinding> findings;
  std::map<std::string, std::uint64_t> rows_read;  // "source.table" -> rows
};

// Reads every source value through its transform without loading anything, and asks SQLite
// which rows would collide on a target unique key or reference a row that does not exist.
DataCheckResult check_source_data(const LoadPlan& plan, PgSession& pg, std::size_t sample_limit);

}  // namespace s2p

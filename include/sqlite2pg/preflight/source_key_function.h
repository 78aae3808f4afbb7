#pragma once
#include <string>
#include <vector>

#include "sqlite2pg/plan/plan.h"

namespace s2p {

// Teaches a source's SQLite connection the function s2p_key(column, value, column, value, ...):
// the values transformed and encoded exactly as the loader would (binary COPY fields, as in
// TupleKey), NULL when a value is NULL or cannot be loaded. With it, SQLite itself finds keys
// that collide and references that point nowhere, with its own disk-backed sorts and indexes:
// no table is held in memory.
class SourceKeyFunction {
 public:
  explicit SourceKeyFunction(SqliteSource& source);
  ~SourceKeyFunction();  // unregisters the function
  SourceKeyFunction(const SourceKeyFunction&) = delete;
  SourceKeyFunction& operator=(const SourceKeyFunction&) = delete;
  int add(const ColumnPlan& column);  // the id to pass as `column`
  // "s2p_key(3, "id", 4, "tenant")" for the given columns of one table (the quoted names are
  // the source columns, optionally prefixed by a table alias).
  std::string call(const std::vector<const ColumnPlan*>& columns, const std::string& alias = "");

 private:
  SqliteSource& source_;
  std::vector<const ColumnPlan*> columns_;
};

}  // namespace s2p

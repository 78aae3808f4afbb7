#pragma once
// Finding rows of a source table again, in the same snapshot, by the locators a comparison
// recorded: by rowid where the table has one (a lookup per row), else by position in the
// table's stream (one pass that reads no values but the picked rows').
#include <cstdint>
#include <memory>
#include <vector>

#include "sqlite2pg/extract/sqlite_source.h"
#include "sqlite2pg/plan/plan.h"

namespace s2p {

// The locator of a cursor's current row over select_sql: its rowid, biased so that locators
// sort as rowids do and are never 0 but for the lowest rowid, else its 1-based position.
std::uint64_t locator_of(const TablePlan& plan, const RowCursor& cursor, std::uint64_t position);
// The locator of the row at `rowid` of a table with rowids.
std::uint64_t locator_of_rowid(std::int64_t rowid);
// The rowid a locator of a table with rowids stands for.
std::int64_t rowid_of(std::uint64_t locator);

class RowPicker {
 public:
  RowPicker(const TablePlan& plan, std::vector<std::uint64_t> locators);
  // Moves to the next picked row; false when they are all read. A locator no row has is
  // skipped (the caller counts what it found).
  bool next();
  const RowCursor& cursor() const { return *cursor_; }
  std::uint64_t locator() const { return locators_[next_ - 1]; }

 private:
  const TablePlan& plan_;
  std::vector<std::uint64_t> locators_;
  std::unique_ptr<RowCursor> cursor_;
  std::size_t next_ = 0;
  std::uint64_t position_ = 0;  // rows stepped over, without a rowid
};

}  // namespace s2p

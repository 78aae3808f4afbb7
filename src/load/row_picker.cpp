#include "sqlite2pg/load/row_picker.h"

#include <algorithm>

namespace s2p {
namespace {

constexpr std::uint64_t kBias = std::uint64_t{1} << 63;

}  // namespace

std::uint64_t locator_of(const TablePlan& plan, const RowCursor& cursor, std::uint64_t position) {
  if (plan.rowid_index < 0) return position;
  return static_cast<std::uint64_t>(cursor.value(plan.rowid_index).integer) + kBias;
}

std::uint64_t locator_of_rowid(std::int64_t rowid) {
  return static_cast<std::uint64_t>(rowid) + kBias;
}

std::int64_t rowid_of(std::uint64_t locator) { return static_cast<std::int64_t>(locator - kBias); }

RowPicker::RowPicker(const TablePlan& plan, std::vector<std::uint64_t> locators)
    : plan_(plan), locators_(std::move(locators)) {
  std::sort(locators_.begin(), locators_.end());
  locators_.erase(std::unique(locators_.begin(), locators_.end()), locators_.end());
  if (!plan.source_table_missing) {
    cursor_ = std::make_unique<RowCursor>(*plan.source,
                                          plan.rowid_index >= 0 ? plan.fetch_sql : plan.select_sql);
  }
}

bool RowPicker::next() {
  if (!cursor_) return false;
  while (next_ < locators_.size()) {
    const std::uint64_t want = locators_[next_++];
    if (plan_.rowid_index >= 0) {
      if (cursor_->fetch(rowid_of(want))) return true;
      continue;
    }
    while (position_ < want) {
      if (!cursor_->next()) {
        next_ = locators_.size();
        return false;
      }
      ++position_;
    }
    if (position_ == want) return true;
  }
  return false;
}

}  // namespace s2p

#include "sqlite2pg/rollback/table_writer.h"

#include <algorithm>

#include "sqlite2pg/copy/copy_decoder.h"
#include "sqlite2pg/load/row_picker.h"
#include "sqlite2pg/rollback/target_rows.h"

namespace s2p {
namespace {

// The values `wanted` picks, in order.
std::vector<SourceValue> picked(const std::vector<SourceValue>& values,
                                const std::vector<bool>& wanted) {
  std::vector<SourceValue> out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (wanted[i]) out.push_back(values[i]);
  }
  return out;
}

}  // namespace

TableWriter::TableWriter(PgSession& pg, const TablePlan& t, TargetChanges& changes, LegacyIds& ids,
                         int n)
    : pg_(pg),
      t_(t),
      changes_(changes),
      ids_(ids),
      writer_(t, changes.updates() || changes.deletes()) {
  if (!changes.updates() && !changes.inserts()) return;
  inverter_.emplace(t, ids);
  read_target_rows(pg, t, inverter_->columns(), changes, ids, n);
}

void TableWriter::assign_ids() {
  if (inverter_) assign_new_ids(pg_, t_, inverter_->columns(), changes_, ids_);
}

const std::vector<NamedDifference>& TableWriter::refused() const {
  static const std::vector<NamedDifference> none;
  return inverter_ ? inverter_->refused() : none;
}

void TableWriter::write_upserts(SQLite::Database& out) {
  check_rows_read(t_, changes_);
  if (!inverter_) return;
  if (changes_.updates()) write_updates(out);
  const auto& all = inverter_->writers();
  const auto columns = inverter_->names(all);
  std::vector<SourceValue> values;
  auto inserts = changes_.spool.read(WriteBack::insert);
  while (inserts.next()) {
    const std::string key(inserts.key());
    if (!inverter_->invert(key, "", tuple_fields(*inserts.tuple()), all, values)) continue;
    writer_.insert(out, columns, picked(values, all), key);
  }
}

void TableWriter::write_updates(SQLite::Database& out) {
  std::vector<SourceValue> values;
  RowPicker picker(t_, changes_.spool.locators(WriteBack::update));
  while (picker.next()) {
    const auto c = changes_.spool.at(WriteBack::update, picker.locator());
    const auto fields = tuple_fields(c.tuple ? std::string_view(*c.tuple) : std::string_view());
    const auto changed = inverter_->changed(picker.cursor(), fields);
    if (std::find(changed.begin(), changed.end(), true) == changed.end()) continue;
    if (!inverter_->invert(c.key, t_.describe_row(picker.cursor()), fields, changed, values))
      continue;
    writer_.update(out, inverter_->names(changed), picked(values, changed), picker.locator(),
                   picker.cursor(), c.key);
  }
}

void TableWriter::write_deletes(SQLite::Database& out) {
  if (!changes_.deletes()) return;
  const auto remove = [&](std::uint64_t locator, const RowCursor* row) {
    writer_.remove(out, locator, row, changes_.spool.at(WriteBack::remove, locator).key);
  };
  if (t_.rowid_index >= 0) {
    for (const auto locator : changes_.spool.locators(WriteBack::remove)) remove(locator, nullptr);
    return;
  }
  RowPicker picker(t_, changes_.spool.locators(WriteBack::remove));
  while (picker.next()) remove(picker.locator(), &picker.cursor());
}

}  // namespace s2p

#include "sqlite2pg/rollback/row_inverter.h"

#include <cmath>

#include "sqlite2pg/util/text.h"
#include "sqlite2pg/validate/row_names.h"

namespace s2p {
namespace {

std::optional<std::string_view> field_at(const TupleFields& f, std::size_t i) {
  return i < f.size() ? f[i] : std::nullopt;
}

bool same_value(const SourceValue& a, const SourceValue& b) {
  return a.type == b.type && a.integer == b.integer && a.bytes == b.bytes &&
         (a.real == b.real || (std::isnan(a.real) && std::isnan(b.real)));
}

}  // namespace

RowInverter::RowInverter(const TablePlan& t, const LegacyIds& ids)
    : t_(t), inverses_(column_inverses(t, ids)), scratch_(t.columns.size()) {
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    std::size_t first = 0;
    while (!same_name_folded(t.columns[first].mapping->source_column,
                             t.columns[i].mapping->source_column))
      ++first;
    feeder_.push_back(first);
    writes_.push_back(first == i);
  }
}

// Only the columns whose value PostgreSQL changed are written: the others keep SQLite's bytes.
std::vector<bool> RowInverter::changed(const RowCursor& row, const TupleFields& f) const {
  std::vector<bool> out(inverses_.size(), false);
  std::optional<std::string> encoded;
  std::string scratch;
  for (std::size_t i = 0; i < inverses_.size(); ++i) {
    const auto& c = *inverses_[i].column;
    const bool loads = encode_source(c, row.value(c.select_index), encoded, scratch);
    const auto now = field_at(f, i);
    if (loads && encoded.has_value() == now.has_value() && (!now || *encoded == *now)) continue;
    out[feeder_[i]] = true;  // invert() checks that the columns one SQLite column feeds agree
  }
  return out;
}

bool RowInverter::invert(const std::string& key, const std::string& source_row,
                         const TupleFields& f, const std::vector<bool>& wanted,
                         std::vector<SourceValue>& values) {
  values.assign(inverses_.size(), SourceValue{});
  bool ok = true;
  for (std::size_t i = 0; i < inverses_.size(); ++i) {
    if (!wanted[feeder_[i]]) continue;
    if (!writes_[i]) {
      // Once a value failed, the row is refused: the values after it are not compared.
      ok = ok && agrees(key, source_row, f, i, values[feeder_[i]]);
      continue;
    }
    const auto why = invert_field(inverses_[i], field_at(f, i), values[i], scratch_[i]);
    if (why.empty()) continue;
    refuse(key, source_row, inverses_[i].column->target.name + ": " + why);
    ok = false;
  }
  return ok;
}

std::vector<std::string> RowInverter::names(const std::vector<bool>& wanted) const {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < inverses_.size(); ++i) {
    if (wanted[i] && writes_[i]) out.push_back(inverses_[i].column->mapping->source_column);
  }
  return out;
}

// Target column i and the first one its SQLite column feeds must go back to one value.
bool RowInverter::agrees(const std::string& key, const std::string& source_row,
                         const TupleFields& f, std::size_t i, const SourceValue& first) {
  SourceValue v;
  std::string scratch;
  if (invert_field(inverses_[i], field_at(f, i), v, scratch).empty() && same_value(v, first))
    return true;
  const auto& c = *inverses_[i].column;
  refuse(key, source_row,
         c.target.name + " and " + inverses_[feeder_[i]].column->target.name +
             " come from one SQLite column, " + c.mapping->source_column +
             ", and PostgreSQL holds values in them that are not one SQLite value");
  return false;
}

void RowInverter::refuse(const std::string& key, const std::string& source_row,
                         const std::string& why) {
  refused_.push_back({DiffKind::not_written_back, source_row, describe_key(t_, key), why});
}

}  // namespace s2p

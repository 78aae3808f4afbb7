#include "sqlite2pg/validate/row_names.h"

#include <algorithm>

#include "sqlite2pg/load/row_picker.h"
#include "sqlite2pg/pg/etl_store.h"
#include "sqlite2pg/util/bytes.h"
#include "sqlite2pg/util/text.h"

namespace s2p {

std::map<std::uint64_t, std::string> name_rows(const TablePlan& t,
                                               std::vector<std::uint64_t> locators) {
  std::map<std::uint64_t, std::string> names;
  if (locators.empty()) return names;
  RowPicker rows(t, std::move(locators));
  while (rows.next()) names[rows.locator()] = t.describe_row(rows.cursor());
  return names;
}

std::string describe_key(const TablePlan& t, std::string_view key) {
  std::vector<int> fields = t.key_fields;
  std::sort(fields.begin(), fields.end());
  std::string out;
  std::size_t at = 0;
  for (int f : fields) {
    if (at + 4 > key.size()) break;
    const auto& column = t.columns[static_cast<std::size_t>(f)].target;
    const std::uint32_t len = get_u32(key, at);
    at += 4;
    std::string shown = "NULL";
    if (len != 0xffffffffu) {
      shown = t.columns[static_cast<std::size_t>(f)].writer.show(key.substr(at, len));
      at += len;
    }
    out += (out.empty() ? "" : ", ") + column.name + "=" + shown;
  }
  return out;
}

std::string legacy_name(PgSession& pg, const TablePlan& t, std::string_view key) {
  if (t.own_id_column < 0 || t.key_fields.size() != 1 || t.key_fields[0] != t.own_id_column)
    return "";
  if (key.size() != 20 || get_u32(key, 0) != 16) return "";
  Uuid u;
  std::copy(key.begin() + 4, key.end(), u.begin());
  const auto legacy =
      legacy_id_of(pg, t.source_mapping->name, t.mapping->source_table, format_uuid(u));
  return legacy ? t.columns[static_cast<std::size_t>(t.own_id_column)].mapping->source_column +
                      "=" + excerpt(*legacy, 80)
                : "";
}

}  // namespace s2p

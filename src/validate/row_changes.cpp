#include "sqlite2pg/validate/row_changes.h"

#include <optional>
#include <vector>

#include "sqlite2pg/copy/copy_decoder.h"
#include "sqlite2pg/copy/tuple_key.h"
#include "sqlite2pg/load/table_stream.h"
#include "sqlite2pg/util/bytes.h"
#include "sqlite2pg/validate/readback.h"

namespace s2p {
namespace {

std::string shown(const ColumnPlan& c, const std::optional<std::string_view>& field) {
  return field ? c.writer.show(*field) : "NULL";
}

}  // namespace

RowsByKey read_rows_by_key(PgSession& pg, const TablePlan& t, const std::set<std::string>& keys) {
  RowsByKey rows;
  const TupleKey key(t.key_fields);
  std::string k;
  TableStream stream(t);
  stream.collect_refusals([](auto&&...) {});  // a refused row has no value to show
  stream.observe_rows([&](std::string_view tuple, const Hash128&) {
    key.extract(tuple, k);
    if (keys.count(k)) rows.source.emplace(k, tuple);
  });
  for (std::string sink; stream.fill(sink);) sink.clear();
  read_back_rows([&](const auto& consume) { t.copy_out(pg, consume); },
                 [&](std::string_view tuple) {
                   key.extract(tuple, k);
                   if (keys.count(k)) rows.target.emplace(k, tuple);
                 });
  return rows;
}

std::string describe_changes(const TablePlan& t, std::string_view source_tuple,
                             std::string_view target_tuple) {
  const auto s = tuple_fields(source_tuple);
  const auto g = tuple_fields(target_tuple);
  std::string out;
  for (std::size_t i = 0; i < t.columns.size() && i < s.size() && i < g.size(); ++i) {
    if (s[i] == g[i]) continue;
    const ColumnPlan& c = t.columns[i];
    out += (out.empty() ? "" : "; ") + c.target.name + ": " + shown(c, s[i]) + " in SQLite, " +
           shown(c, g[i]) + " in PostgreSQL";
  }
  return out;
}

}  // namespace s2p

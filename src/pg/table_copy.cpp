#include "sqlite2pg/pg/table_copy.h"

#include "sqlite2pg/util/text.h"

namespace s2p {
namespace {

std::string column_list(const std::vector<std::string>& columns) {
  std::string out;
  for (const auto& c : columns) out += (out.empty() ? "" : ", ") + quote_ident(c);
  return out;
}

}  // namespace

void copy_table_in(PgSession& pg, const TargetTable& table, const std::vector<std::string>& columns,
                   bool binary, const std::function<bool(std::string&)>& produce) {
  // FREEZE (rows written already frozen) needs a plain table; partitions take rows without it.
  pg.copy_in("COPY " + table.qualified() + " (" + column_list(columns) + ") FROM STDIN (FORMAT " +
                 (binary ? "binary" : "text") + (table.partitioned ? ")" : ", FREEZE)"),
             produce);
}

void copy_table_out(PgSession& pg, const TargetTable& table,
                    const std::vector<std::string>& columns,
                    const std::function<void(std::string_view)>& consume) {
  pg.copy_out("COPY (SELECT " + column_list(columns) + " FROM " + table.qualified() +
                  ") TO STDOUT (FORMAT binary)",
              consume);
}

}  // namespace s2p

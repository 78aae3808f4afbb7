#include "sqlite2pg/pg/read_lock.h"

#include "sqlite2pg/util/text.h"

namespace s2p {
namespace {

std::string qualified(const TableName& t) {
  return quote_ident(t.schema) + "." + quote_ident(t.table);
}

}  // namespace

std::vector<TableName> existing_tables(PgSession& pg, const std::vector<TableName>& names) {
  std::vector<TableName> out;
  for (const auto& t : names) {
    if (pg.query_value("SELECT to_regclass($1) IS NOT NULL", {qualified(t)}) == "t")
      out.push_back(t);
  }
  return out;
}

void lock_for_reading(PgSession& pg, const std::vector<TableName>& tables) {
  if (tables.empty()) return;
  std::string list;
  for (const auto& t : tables) list += (list.empty() ? "" : ", ") + qualified(t);
  pg.exec("LOCK TABLE " + list + " IN SHARE MODE");
}

}  // namespace s2p

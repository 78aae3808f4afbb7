#include "sqlite2pg/extract/sqlite_writes.h"

#include "sqlite2pg/util/text.h"

namespace s2p {

std::string sqlite_insert_sql(const std::string& table, const std::vector<std::string>& columns) {
  std::string names, marks;
  for (const auto& c : columns) {
    names += (names.empty() ? "" : ", ") + quote_ident(c);
    marks += marks.empty() ? "?" : ", ?";
  }
  return "INSERT INTO " + quote_ident(table) + " (" + names + ") VALUES (" + marks + ")";
}

std::string sqlite_update_sql(const std::string& table, const std::vector<std::string>& columns,
                              const std::string& where) {
  std::string set;
  for (const auto& c : columns) set += (set.empty() ? "" : ", ") + quote_ident(c) + " = ?";
  return "UPDATE " + quote_ident(table) + " SET " + set + " WHERE " + where;
}

std::string sqlite_delete_sql(const std::string& table, const std::string& where) {
  return "DELETE FROM " + quote_ident(table) + " WHERE " + where;
}

std::vector<std::string> drop_triggers(SQLite::Database& db) {
  std::vector<std::pair<std::string, std::string>> triggers;
  SQLite::Statement q(db,
                      "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY rowid");
  while (q.executeStep())
    triggers.emplace_back(q.getColumn(0).getString(), q.getColumn(1).getString());
  std::vector<std::string> definitions;
  for (auto& [name, sql] : triggers) {
    db.exec("DROP TRIGGER " + quote_ident(name));
    definitions.push_back(std::move(sql));
  }
  return definitions;
}

void create_triggers(SQLite::Database& db, const std::vector<std::string>& definitions) {
  for (const auto& sql : definitions) db.exec(sql);
}

}  // namespace s2p

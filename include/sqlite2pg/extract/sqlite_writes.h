#pragma once
// The statements that write rows of one SQLite table (rollback's copies; never a source).
#include <SQLiteCpp/SQLiteCpp.h>

#include <string>
#include <vector>

namespace s2p {

// `where` is a condition on the row with `?` parameters, after the columns' own.
std::string sqlite_insert_sql(const std::string& table, const std::vector<std::string>& columns);
std::string sqlite_update_sql(const std::string& table, const std::vector<std::string>& columns,
                              const std::string& where);
std::string sqlite_delete_sql(const std::string& table, const std::string& where);

// The file's triggers, dropped inside the caller's transaction so that they do not fire on its
// writes; returns their CREATE TRIGGER statements, which create_triggers() runs again in the
// same transaction, leaving the schema as it was.
std::vector<std::string> drop_triggers(SQLite::Database& db);
void create_triggers(SQLite::Database& db, const std::vector<std::string>& definitions);

}  // namespace s2p

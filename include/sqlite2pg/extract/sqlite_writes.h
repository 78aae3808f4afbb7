#pragma once
// The statements that write rows of one SQLite table (rollback's copies; never a source).
#include <string>
#include <vector>

namespace s2p {

// `where` is a condition on the row with `?` parameters, after the columns' own.
std::string sqlite_insert_sql(const std::string& table, const std::vector<std::string>& columns);
std::string sqlite_update_sql(const std::string& table, const std::vector<std::string>& columns,
                              const std::string& where);
std::string sqlite_delete_sql(const std::string& table, const std::string& where);

}  // namespace s2p

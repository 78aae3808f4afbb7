// scaffold's writers: the input, split at NUL bytes, names a table, its columns and an index in
// a real SQLite file, and the rest is quoted in a view's SQL. Either a name PostgreSQL cannot
// hold is refused (a configuration error), or the migration is exactly CREATE SCHEMA, CREATE
// TABLE, CREATE INDEX and the mapping parses to exactly the names given, no line of it holding
// a CR or a control character.
#include <SQLiteCpp/SQLiteCpp.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "sqlite2pg/scaffold/scaffold.h"
#include "sqlite2pg/schema/sql_statements.h"
#include "sqlite2pg/util/failure.h"
#include "sqlite2pg/util/printable.h"
#include "sqlite2pg/util/text.h"

namespace {

std::vector<std::string> split(const std::string& input) {
  std::vector<std::string> parts(1);
  for (char c : input) {
    if (c == '\0') {
      parts.emplace_back();
    } else {
      parts.back().push_back(c);
    }
  }
  return parts;
}

void check(bool holds) {
  if (!holds) __builtin_trap();
}

// The mapping's keys at the top, the table's, and its columns', in order.
void check_mapping(const std::string& yaml, const std::string& table,
                   const std::vector<std::string>& columns) {
  for (std::size_t at = 0, end; at < yaml.size(); at = end + 1) {
    end = std::min(yaml.find('\n', at), yaml.size());
    check(s2p::is_printable(yaml.substr(at, end - at)));
  }
  const YAML::Node root = YAML::Load(yaml);
  std::vector<std::string> keys, names;
  for (const auto& kv : root) keys.push_back(kv.first.as<std::string>());
  check(keys == std::vector<std::string>{"source", "path", "tables"});
  check(root["tables"].size() == 1 && root["tables"].begin()->first.as<std::string>() == table);
  for (const auto& kv : root["tables"][table]["columns"])
    names.push_back(kv.first.as<std::string>());
  check(names == columns);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto parts = split(std::string(reinterpret_cast<const char*>(data), size));
  if (parts.size() < 4) return 0;
  const std::string view = parts.back(), index = parts[parts.size() - 2], table = parts[0];
  const std::vector<std::string> columns(parts.begin() + 1, parts.end() - 2);
  if (std::set<std::string>(columns.begin(), columns.end()).size() != columns.size()) return 0;
  if (columns.size() > 1600) return 0;  // left out of the proposal, on purpose
  const std::string path = "/tmp/fuzz_scaffold_" + std::to_string(getpid()) + ".db";
  std::filesystem::remove(path);
  try {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    std::string sql = "CREATE TABLE " + s2p::quote_ident(table) + " (";
    for (const auto& c : columns) sql += (&c == &columns[0] ? "" : ", ") + s2p::quote_ident(c);
    db.exec(sql + ");");
    db.exec("CREATE INDEX " + s2p::quote_ident(index) + " ON " + s2p::quote_ident(table) + " (" +
            s2p::quote_ident(columns[0]) + ");");
    db.exec("CREATE VIEW v AS SELECT " + s2p::quote_literal(view) + " AS x;");
  } catch (const SQLite::Exception&) {
    return 0;  // SQLite refused the names (two that differ only in ASCII case)
  }
  try {
    const s2p::Scaffold s = s2p::scaffold({path, "fuzz", "fuzz"});
    check(s2p::statement_heads(s.ddl) ==
          std::vector<std::string>{"CREATE SCHEMA", "CREATE TABLE", "CREATE INDEX"});
    check(s2p::statement_texts(s.ddl).size() == 3);
    check_mapping(s.mapping_yaml, table, columns);
  } catch (const s2p::Failure& f) {
    check(f.code() == s2p::ExitCode::config && s2p::is_printable(f.what()));
  }
  return 0;
}

// scaffold's writers against names and SQL built to break out of what holds them: random
// tables, columns, indexes, views, triggers, defaults and CHECKs made of line breaks, control
// characters, comment markers, quotes and Unicode, in SQLite files scaffolded for real. The
// migration must split (as PostgreSQL's lexer does) into exactly the statements intended, and
// the mapping must parse to exactly the keys intended, every name byte for byte.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <random>

#include "sqlite2pg/config/mapping.h"
#include "sqlite2pg/scaffold/scaffold.h"
#include "sqlite2pg/schema/sql_statements.h"
#include "sqlite2pg/util/failure.h"
#include "sqlite2pg/util/printable.h"
#include "sqlite2pg/util/text.h"
#include "tool.h"

namespace s2p {
namespace {

constexpr int kRounds = 2000;

// What ends a line or a comment somewhere, starts one, quotes, or reads as YAML or SQL syntax.
const std::vector<std::string> kPieces = {"\r",
                                          "\n",
                                          "\r\n",
                                          "\t",
                                          "\x0b",
                                          "\x0c",
                                          "\x1b[31m",
                                          "\x7f",
                                          "*/",
                                          "/*",
                                          "--",
                                          "'",
                                          "\"",
                                          "\\",
                                          "`",
                                          "[",
                                          "]",
                                          ";",
                                          " ",
                                          "#",
                                          ": ",
                                          "- ",
                                          "? ",
                                          "{",
                                          "}",
                                          ",",
                                          "&a",
                                          "*a",
                                          "!x",
                                          "%",
                                          "@",
                                          "|",
                                          ">",
                                          "null",
                                          "~",
                                          "true",
                                          "$$",
                                          "$1",
                                          "E'",
                                          "é",
                                          "日本",
                                          "😀",
                                          "\xc2\x85",
                                          "\xe2\x80\xa8",
                                          "\xe2\x80\xa9",
                                          "\xef\xbb\xbf",
                                          "CREATE TABLE public.pwned(x int);",
                                          "\nsource: hijacked\n#",
                                          "x",
                                          "Ab"};

struct Generator {
  std::mt19937 rng{20261203};
  int serial = 0;

  std::size_t below(std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
  }

  // Hostile, never empty, unique in the round (SQLite folds ASCII case, so the number is what
  // keeps two apart), sometimes past PostgreSQL's 63 bytes.
  std::string name(bool allow_dot = true) {
    std::string out;
    const std::size_t pieces = below(8) == 0 ? 30 : 1 + below(5);
    for (std::size_t i = 0; i < pieces; ++i) {
      if (below(6) == 0) {
        out.push_back(static_cast<char>(1 + below(31)));  // any C0 control but NUL
      } else {
        out += kPieces[below(kPieces.size())];
      }
    }
    const std::string number = std::to_string(++serial);
    out = below(2) ? number + out : out + number;
    if (!allow_dot) std::replace(out.begin(), out.end(), '.', '_');
    return out;
  }
};

std::string ident(const std::string& name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string literal(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

// SQLite's `--` comment runs to LF: the rest is what a CR in it must not set free.
std::string line_comment(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  return "-- " + text + "\n";
}

struct TableSpec {
  std::string name;
  std::vector<std::string> columns;
  bool keyed = false;  // the first column is an INTEGER PRIMARY KEY
  std::string index;   // on the last column
};

struct Round {
  std::string file_name, schema;
  std::vector<TableSpec> tables;
  std::string sql;
};

Round make_round(Generator& g) {
  Round r;
  r.file_name = g.name().substr(0, 200);  // a file name holds 255 bytes
  std::replace(r.file_name.begin(), r.file_name.end(), '/', '_');
  while (!is_valid_utf8(r.file_name)) r.file_name.pop_back();  // cut through a character
  r.schema = g.name(false).substr(0, 40);
  while (!is_valid_utf8(r.schema)) r.schema.pop_back();  // cut through a character
  if (r.schema.empty()) r.schema = "s";
  for (std::size_t t = 0, n = 1 + g.below(3); t < n; ++t) {
    TableSpec spec{g.name()};
    spec.keyed = g.below(2);
    for (std::size_t c = 0, m = 1 + g.below(4); c < m; ++c) spec.columns.push_back(g.name());
    spec.index = g.name();
    std::string sql = "CREATE TABLE " + ident(spec.name) + " (";
    for (std::size_t c = 0; c < spec.columns.size(); ++c) {
      sql += (c ? ", " : "") + ident(spec.columns[c]) +
             (c == 0 && spec.keyed ? " INTEGER PRIMARY KEY" : " TEXT");
      if (c == 1) sql += " DEFAULT (lower(" + literal(g.name()) + "))";  // not translated
    }
    sql += ", CHECK (" + literal(g.name()) + " LIKE " + ident(spec.columns[0]) + ")) " +
           line_comment(g.name()) + ";\n";
    sql += "CREATE INDEX " + ident(spec.index) + " ON " + ident(spec.name) + " (" +
           ident(spec.columns.back()) + ");\n";
    sql += "CREATE VIEW " + ident(g.name()) + " AS SELECT " + literal(g.name()) + " AS " +
           ident(g.name()) + " " + line_comment(g.name()) + ";\n";
    sql += "CREATE TRIGGER " + ident(g.name()) + " AFTER INSERT ON " + ident(spec.name) +
           " BEGIN SELECT " + literal(g.name()) + "; END;\n";
    r.sql += sql;
    r.tables.push_back(std::move(spec));
  }
  std::sort(r.tables.begin(), r.tables.end(),
            [](const TableSpec& a, const TableSpec& b) { return a.name < b.name; });
  return r;
}

// The quoted identifiers of a statement, unquoted, in order; `rest` gets everything else.
std::vector<std::string> identifiers(const std::string& statement, std::string& rest) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < statement.size(); ++i) {
    if (statement[i] != '"') {
      rest.push_back(statement[i]);
      continue;
    }
    std::string name;
    for (++i; i < statement.size(); ++i) {
      if (statement[i] != '"') {
        name.push_back(statement[i]);
      } else if (i + 1 < statement.size() && statement[i + 1] == '"') {
        name.push_back(statement[++i]);
      } else {
        break;  // the closing quote
      }
    }
    out.push_back(name);
  }
  return out;
}

struct Expected {
  std::string head;
  std::vector<std::string> names;
};

// PostgreSQL's name for a SQLite one: itself, or within 63 bytes when longer (the mapping's
// `to:` or the DDL says which).
void expect_pg_name(const std::string& pg, const std::string& source) {
  if (source.size() <= 63) {
    EXPECT_EQ(pg, source);
  } else {
    EXPECT_LE(pg.size(), 63u) << printable(pg);
    EXPECT_TRUE(is_valid_utf8(pg)) << printable(pg);
  }
}

// One table of the mapping: exactly target and columns, the columns the file's names in
// order. Returns the table's PostgreSQL name, then its columns'.
std::vector<std::string> check_table(const YAML::Node& table, const TableSpec& spec,
                                     const std::string& schema) {
  std::vector<std::string> keys, columns;
  for (const auto& kv : table) keys.push_back(kv.first.as<std::string>());
  EXPECT_EQ(keys, (std::vector<std::string>{"target", "columns"}));
  const std::string target = table["target"].as<std::string>();
  EXPECT_EQ(target.substr(0, schema.size() + 1), schema + ".");
  std::vector<std::string> pg = {target.substr(schema.size() + 1)};
  expect_pg_name(pg[0], spec.name);
  for (const auto& column : table["columns"]) {
    columns.push_back(column.first.as<std::string>());
    const bool renamed = column.second.IsMap() && column.second["to"];
    pg.push_back(renamed ? column.second["to"].as<std::string>() : columns.back());
    expect_pg_name(pg.back(), columns.back());
  }
  EXPECT_EQ(columns, spec.columns);
  return pg;
}

// The mapping: exactly source, path, tables, every key the name as the file has it, and no
// CR, control character or Unicode line separator on any line (which a reader other than
// yaml-cpp could take for a line end). Returns each table's PostgreSQL names.
std::vector<std::vector<std::string>> check_mapping(const std::string& yaml, const Round& r,
                                                    const std::string& path) {
  for (std::size_t at = 0, end; at < yaml.size(); at = end + 1) {
    end = std::min(yaml.find('\n', at), yaml.size());
    EXPECT_TRUE(is_printable(yaml.substr(at, end - at))) << printable(yaml.substr(at, end - at));
  }
  const YAML::Node root = YAML::Load(yaml);
  std::vector<std::string> keys, tables;
  for (const auto& kv : root) keys.push_back(kv.first.as<std::string>());
  EXPECT_EQ(keys, (std::vector<std::string>{"source", "path", "tables"}));
  EXPECT_EQ(root["path"].as<std::string>(), path);
  std::vector<std::vector<std::string>> pg;
  for (const auto& table : root["tables"]) {
    tables.push_back(table.first.as<std::string>());
    if (pg.size() < r.tables.size())
      pg.push_back(check_table(table.second, r.tables[pg.size()], r.schema));
  }
  std::vector<std::string> names;
  for (const auto& t : r.tables) names.push_back(t.name);
  EXPECT_EQ(tables, names);
  return pg;
}

// The migration: CREATE SCHEMA, a CREATE TABLE per table, a CREATE INDEX per index, nothing
// else; each naming exactly what it should, and nothing but keywords, types and punctuation
// between the names.
void check_ddl(const std::string& ddl, const Round& r,
               const std::vector<std::vector<std::string>>& pg) {
  std::vector<Expected> expected = {{"CREATE SCHEMA", {r.schema}}};
  for (std::size_t t = 0; t < r.tables.size() && t < pg.size(); ++t) {
    Expected table{"CREATE TABLE", {r.schema}};
    table.names.insert(table.names.end(), pg[t].begin(), pg[t].end());
    if (r.tables[t].keyed) table.names.push_back(pg[t][1]);  // PRIMARY KEY (...)
    expected.push_back(table);
  }
  for (std::size_t t = 0; t < r.tables.size() && t < pg.size(); ++t)
    expected.push_back({"CREATE INDEX", {r.tables[t].index, r.schema, pg[t][0], pg[t].back()}});
  const auto texts = statement_texts(ddl);
  const auto heads = statement_heads(ddl);
  ASSERT_EQ(texts.size(), expected.size()) << ddl;
  ASSERT_EQ(heads.size(), expected.size()) << ddl;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    EXPECT_EQ(heads[i], expected[i].head) << printable(texts[i]);
    std::string rest;
    auto names = identifiers(texts[i], rest);
    if (expected[i].head == "CREATE INDEX") {
      expect_pg_name(names.at(0), expected[i].names[0]);
      names[0] = expected[i].names[0];
    }
    EXPECT_EQ(names, expected[i].names) << printable(texts[i]);
    EXPECT_EQ(rest.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ (),.\n"), std::string::npos)
        << printable(rest);
  }
}

TEST(ScaffoldHostileNames, MigrationAndMappingHoldExactlyTheNamesGiven) {
  Generator g;
  test::TempDir dir;
  int refused = 0, scaffolded = 0;
  for (int round = 0; round < kRounds; ++round) {
    Round r = make_round(g);
    // Now and then a byte that is not UTF-8, which no PostgreSQL name can hold.
    const bool broken = g.below(20) == 0;
    if (broken) r.tables[0].columns.back() += static_cast<char>(0x80 + g.below(0x80));
    if (broken)
      r.sql += "ALTER TABLE " + ident(r.tables[0].name) + " ADD COLUMN " +
               ident(r.tables[0].columns.back()) + " TEXT;\n";
    const std::string path = (dir / (r.file_name + ".db")).string();
    {
      SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      db.exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; BEGIN;\n" + r.sql + "COMMIT;");
    }
    ScaffoldOptions o{path, "", r.schema};
    SCOPED_TRACE("round " + std::to_string(round) + ": " + printable(r.sql));
    try {
      const Scaffold s = scaffold(o);
      EXPECT_FALSE(broken) << "a name that is not UTF-8 was not refused";
      const auto pg = check_mapping(s.mapping_yaml, r, path);
      check_ddl(s.ddl, r, pg);
      const SourceMapping m = parse_mapping(s.mapping_yaml, "hostile.yaml");
      EXPECT_EQ(m.path, path);
      ASSERT_EQ(m.tables.size(), r.tables.size());
      for (std::size_t t = 0; t < m.tables.size(); ++t) {
        EXPECT_EQ(m.tables[t].source_table, r.tables[t].name);
        EXPECT_EQ(m.tables[t].target_schema, r.schema);
        EXPECT_EQ(m.tables[t].target_table, pg[t][0]);
      }
      ++scaffolded;
    } catch (const Failure& f) {
      EXPECT_TRUE(broken) << f.what();
      EXPECT_EQ(f.code(), ExitCode::config);
      EXPECT_NE(std::string(f.what()).find(printable(r.tables[0].columns.back())),
                std::string::npos)
          << f.what();
      EXPECT_TRUE(is_printable(f.what())) << printable(f.what());
      ++refused;
    }
    std::filesystem::remove(path);
    if (::testing::Test::HasFailure()) break;  // the first round that fails says enough
  }
  // Both kinds of round happened: a generator that made only one would prove half of this.
  EXPECT_GT(scaffolded, kRounds * 9 / 10);
  EXPECT_GT(refused, 0);
}

}  // namespace
}  // namespace s2p

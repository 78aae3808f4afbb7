// Hostile and mistaken input: names that look like SQL, configuration mistakes caught before
// the target is touched, and a value of 100 MB.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "pg_cluster.h"
#include "pg_query.h"
#include "tool.h"

namespace s2p::test {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

// A scratch project: its own migrations (the tool's etl ones plus `schema_sql`) and mapping.
struct Project {
  TempDir dir;
  Project(const std::string& source_sql, const std::string& schema_sql,
          const std::string& mapping) {
    fs::create_directories(dir / "migrations");
    fs::create_directories(dir / "mappings");
    for (const char* etl : {"000_etl.sql", "005_etl_row_hashes.sql"}) {
      fs::copy(source_dir() / "migrations" / etl, dir / "migrations" / etl);
    }
    std::ofstream(dir / "migrations" / "010_app.sql") << schema_sql;
    std::ofstream(dir / "mappings" / "app.yaml") << mapping;
    std::ofstream(dir / "app.sql") << source_sql;
    build_sqlite(dir / "app.db", dir / "app.sql");
  }
  ToolResult run(const std::string& command, const std::string& dsn) {
    std::vector<std::string> args = {command,
                                     "--target",
                                     dsn,
                                     "--mappings",
                                     (dir / "mappings").string(),
                                     "--source",
                                     "app=" + (dir / "app.db").string()};
    if (command != "verify")
      args.insert(args.end(), {"--migrations", (dir / "migrations").string()});
    return run_tool(args);
  }
};

TEST(HostileInput, ATableNamedLikeAnInjectionIsATableOfThatName) {
  Project p(
      R"(CREATE TABLE "x""; DROP TABLE y; --" ("id" INTEGER PRIMARY KEY, "v" TEXT);
               INSERT INTO "x""; DROP TABLE y; --" VALUES (1, 'one'), (2, 'two');)",
      R"(CREATE SCHEMA app; CREATE TABLE app.y (keep int); INSERT INTO app.y VALUES (1);
               CREATE TABLE app."x""; DROP TABLE y; --" (id bigint PRIMARY KEY, v text);)",
      "source: app\npath: /nonexistent\ntables:\n  'x\"; DROP TABLE y; --':\n"
      "    target: 'app.x\"; DROP TABLE y; --'\n    columns:\n      id: integer\n      v: text\n");
  TestDatabase db("hostile_names");
  const auto m = p.run("migrate", db.dsn());
  ASSERT_EQ(m.exit_code, 0) << m.all();
  EXPECT_EQ(pg_count(db.dsn(), "SELECT count(*) FROM app.\"x\"\"; DROP TABLE y; --\""), 2);
  EXPECT_EQ(pg_count(db.dsn(), "SELECT count(*) FROM app.y"), 1);  // still there
  EXPECT_EQ(p.run("verify", db.dsn()).exit_code, 0);
}

TEST(HostileInput, ConfigurationMistakesStopBeforeTheTargetIsTouched) {
  struct Case {
    const char* name;
    const char* schema;
    const char* mapping;
    const char* expected;
  };
  const char* source =
      "CREATE TABLE a (id INTEGER PRIMARY KEY, b_id INTEGER); CREATE TABLE b (id INTEGER PRIMARY "
      "KEY, a_id INTEGER); INSERT INTO a VALUES (1, 1); INSERT INTO b VALUES (1, 1);";
  const char* tables =
      "CREATE SCHEMA app; CREATE TABLE app.a (id bigint PRIMARY KEY, b_id bigint);"
      "CREATE TABLE app.b (id bigint PRIMARY KEY, a_id bigint);";
  for (const auto& c : std::vector<Case>{
           {"missing_source_column", "",
            "source: app\npath: x\ntables:\n  a: {target: app.a, columns: {id: integer, nope: "
            "integer}}\n",
            "source table app.a has no column 'nope'"},
           {"missing_target_column", "",
            "source: app\npath: x\ntables:\n  a: {target: app.a, columns: {id: integer, b_id: "
            "{transform: integer, "
            "to: nope}}}\n",
            "target table app.a has no column 'nope'"},
           {"reference_to_unmapped_table", "",
            "source: app\npath: x\ntables:\n  a: {target: app.a, columns: {id: integer, b_id: "
            "{transform: remap_id, "
            "references: b}}}\n",
            "references table 'b', which this mapping does not map"},
           {"unknown_transform", "",
            "source: app\npath: x\ntables:\n  a: {target: app.a, columns: {id: integr}}\n",
            "unknown transform 'integr'"},
           {"yaml_syntax", "", "source: app\npath: x\ntables:\n  a: {target: app.a, columns: [\n",
            "YAML syntax error"}}) {
    Project p(source, std::string(tables) + c.schema, c.mapping);
    TestDatabase db(std::string("config_") + c.name);
    const auto r = p.run("migrate", db.dsn());
    EXPECT_EQ(r.exit_code, 3) << c.name << "\n" << r.all();
    EXPECT_THAT(r.err, HasSubstr(c.expected)) << c.name << "\n" << r.err;
    EXPECT_EQ(pg_fingerprint(db.dsn()), "") << c.name;
  }
}

TEST(HostileInput, AHundredMegabyteValueLoadsWhole) {
  TempDir dir;
  auto sources = sample_sources(dir.path());
  sqlite_exec(dir / "registry.db",
              "INSERT INTO execution_artifacts (id, ticket_id, content) VALUES ('art-huge', 't', "
              "replace(hex(zeroblob(50000000)), '0', 'a') || 'END')");
  TestDatabase db("hostile_huge");
  std::vector<std::string> args = {"migrate", "-q", "--target", db.dsn()};
  args.insert(args.end(), sources.begin(), sources.end());
  const auto r = run_tool(args);
  ASSERT_EQ(r.exit_code, 0) << r.all();
  EXPECT_EQ(
      pg_value(
          db.dsn(),
          "SELECT length(content)::text || right(content, 3) FROM registry.execution_artifacts "
          "WHERE length(content) > 1000000 AND right(content, 3) = 'END'"),
      "100000003END");
}

}  // namespace
}  // namespace s2p::test

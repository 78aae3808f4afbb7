// The tool on a database that has nothing to do with Swarm, with its own mapping and
// migrations; and migrations that try to leave sqlite2pg's transaction or settings.
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

constexpr const char* kSource = R"SQL(
CREATE TABLE nodes (id TEXT PRIMARY KEY, parent_id TEXT REFERENCES nodes(id), "Label" TEXT, "order" INTEGER);
INSERT INTO nodes VALUES ('root', NULL, 'Root', 1), ('a', 'root', 'A', 2), ('b', 'root', 'B', 3),
                         ('C0FFEE00-0000-4000-8000-000000000001', 'a', 'uuid child', 4);
CREATE TABLE "Weird ""Table""" ("select" TEXT, "from" INTEGER);
INSERT INTO "Weird ""Table""" VALUES ('x"; DROP TABLE app.nodes; --', 1), ('y', 2);
)SQL";

constexpr const char* kMigration = R"SQL(
CREATE SCHEMA app;
CREATE TABLE app.nodes (id UUID PRIMARY KEY, parent_id UUID REFERENCES app.nodes(id), "Label" TEXT, "order" INTEGER);
CREATE TABLE app."Weird ""Table""" ("select" TEXT, "from" INTEGER);
)SQL";

constexpr const char* kMapping = R"YAML(
source: tree
path: /nonexistent/tree.db
tables:
  nodes:
    target: app.nodes
    columns:
      id: remap_id
      parent_id: {transform: remap_id, references: nodes}
      Label: text
      order: integer
  'Weird "Table"':
    target: 'app.Weird "Table"'
    columns:
      select: text
      from: integer
)YAML";

class General : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(
        std::string("general_") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_ / "migrations");
    fs::create_directories(dir_ / "mappings");
    for (const char* etl : {"000_etl.sql", "005_etl_row_hashes.sql"}) {
      fs::copy(source_dir() / "migrations" / etl, dir_ / "migrations" / etl);
    }
    std::ofstream(dir_ / "migrations" / "001_app.sql") << kMigration;
    std::ofstream(dir_ / "mappings" / "tree.yaml") << kMapping;
    std::ofstream(dir_ / "tree.sql") << kSource;
    build_sqlite(dir_ / "tree.db", dir_ / "tree.sql");
  }
  ToolResult migrate(std::vector<std::string> extra = {}) {
    std::vector<std::string> a = {"migrate",
                                  "--target",
                                  db_->dsn(),
                                  "--mappings",
                                  (dir_ / "mappings").string(),
                                  "--migrations",
                                  (dir_ / "migrations").string(),
                                  "--source",
                                  "tree=" + (dir_ / "tree.db").string()};
    a.insert(a.end(), extra.begin(), extra.end());
    return run_tool(a);
  }
  TempDir dir_;
  std::unique_ptr<TestDatabase> db_;
};

TEST_F(General, SelfReferencesQuotedNamesAndTablesWithoutKeys) {
  const auto r = migrate();
  ASSERT_EQ(r.exit_code, 0) << r.all();
  // Children point at their parent's new id; the UUID-shaped id kept its value.
  EXPECT_EQ(pg_count(db_->dsn(),
                     "SELECT count(*) FROM app.nodes c JOIN app.nodes p ON p.id = c.parent_id "
                     "WHERE p.\"Label\" = 'Root'"),
            2);
  EXPECT_EQ(pg_value(db_->dsn(),
                     "SELECT p.\"Label\" FROM app.nodes c JOIN app.nodes p ON p.id = c.parent_id "
                     "WHERE c.id = 'c0ffee00-0000-4000-8000-000000000001'"),
            "A");
  // Only the key's ids are recorded: root, a, b (the UUID keeps its own).
  EXPECT_EQ(
      pg_value(db_->dsn(), "SELECT string_agg(legacy_id, ',' ORDER BY legacy_id) FROM etl.id_map"),
      "a,b,root");
  // A name that looks like SQL is data, nothing more.
  EXPECT_EQ(
      pg_value(db_->dsn(), "SELECT \"select\" FROM app.\"Weird \"\"Table\"\"\" WHERE \"from\" = 1"),
      "x\"; DROP TABLE app.nodes; --");
  EXPECT_EQ(pg_count(db_->dsn(), "SELECT count(*) FROM app.nodes"), 4);
  const auto v =
      run_tool({"verify", "--target", db_->dsn(), "--mappings", (dir_ / "mappings").string(),
                "--source", "tree=" + (dir_ / "tree.db").string()});
  EXPECT_EQ(v.exit_code, 0) << v.all();
}

TEST_F(General, AMigrationThatCommitsIsRefusedBeforeAnythingRuns) {
  for (const char* sql :
       {"BEGIN; CREATE TABLE app.note (t text); COMMIT;", "CREATE TABLE app.note (t text);\ncommit",
        "END;", "ROLLBACK;", "start transaction;"}) {
    std::ofstream(dir_ / "migrations" / "007_note.sql", std::ios::trunc) << sql;
    const auto r = migrate();
    EXPECT_EQ(r.exit_code, 3) << sql << "\n" << r.all();
    EXPECT_THAT(r.err, HasSubstr("must not begin, commit or roll back")) << r.err;
    EXPECT_EQ(pg_fingerprint(db_->dsn()), "");
  }
  // A function body's BEGIN ... END and quoted words are not transaction control.
  std::ofstream(dir_ / "migrations" / "007_note.sql", std::ios::trunc)
      << "CREATE FUNCTION app.f() RETURNS int LANGUAGE plpgsql AS $body$ BEGIN RETURN 1; END "
         "$body$;\n"
         "COMMENT ON SCHEMA app IS 'COMMIT; not a statement'; -- COMMIT\n/* ROLLBACK; */\n";
  EXPECT_EQ(migrate().exit_code, 0);
}

TEST_F(General, SessionSettingsFromAMigrationDoNotReachTheLoad) {
  std::ofstream(dir_ / "migrations" / "007_settings.sql")
      << "SET client_encoding = 'LATIN1';\nSET search_path = nowhere;\n";
  std::ofstream(dir_ / "tree-more.sql")
      << "UPDATE nodes SET \"Label\" = 'Zoë Ångström' WHERE id = 'b';";
  sqlite_exec(dir_ / "tree.db", "UPDATE nodes SET \"Label\" = 'Zoë Ångström' WHERE id = 'b'");
  const auto r = migrate();
  ASSERT_EQ(r.exit_code, 0) << r.all();
  EXPECT_EQ(pg_value(db_->dsn(),
                     "SELECT \"Label\" FROM app.nodes n JOIN etl.id_map m ON m.new_id = n.id "
                     "WHERE m.legacy_id = 'b'"),
            "Zoë Ångström");
}

}  // namespace
}  // namespace s2p::test

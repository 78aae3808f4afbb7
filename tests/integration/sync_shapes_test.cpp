// sync on shapes the Swarm files do not have: a WITHOUT ROWID table, a column named rowid, a
// table without a key, a self-reference; bad values and on_error: reject.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "pg_cluster.h"
#include "pg_query.h"
#include "tool.h"

namespace s2p::test {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

constexpr const char* kSource = R"SQL(
CREATE TABLE things (id TEXT PRIMARY KEY, name TEXT, payload TEXT) WITHOUT ROWID;
INSERT INTO things VALUES ('thing-1', 'one', '{"a": 1}'), ('thing-2', 'two', '{"b": [1, 2]}'),
                          ('thing-3', 'three', NULL);
CREATE TABLE odd ("RowId" TEXT PRIMARY KEY, v INTEGER);
INSERT INTO odd VALUES ('r1', 1), ('r2', 2);
CREATE TABLE log (at TEXT, msg TEXT, meta TEXT);
INSERT INTO log VALUES ('2026-01-01 00:00:00', 'first', '{"k": 1}'),
                       ('2026-01-02 00:00:00', 'second', NULL);
CREATE TABLE counters (id INTEGER PRIMARY KEY, n INTEGER);
INSERT INTO counters VALUES (1, 10), (2, 20);
CREATE TABLE nodes (id TEXT PRIMARY KEY, parent_id TEXT REFERENCES nodes(id), label TEXT);
INSERT INTO nodes VALUES ('root', NULL, 'Root'), ('leaf', 'root', 'Leaf');
)SQL";

constexpr const char* kMigration = R"SQL(
CREATE SCHEMA app;
CREATE TABLE app.things (id UUID PRIMARY KEY, name TEXT, payload JSONB);
CREATE TABLE app.odd ("RowId" TEXT PRIMARY KEY, v INTEGER);
CREATE TABLE app.log (at TIMESTAMPTZ, msg TEXT, meta JSON);
CREATE TABLE app.counters (id INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY, n INTEGER);
CREATE TABLE app.nodes (id UUID PRIMARY KEY, parent_id UUID REFERENCES app.nodes(id), label TEXT);
)SQL";

std::string mapping(const char* odd_on_error) {
  return std::string(R"YAML(source: shapes
path: shapes.db
tables:
  things:
    target: app.things
    columns: {id: remap_id, name: text, payload: jsonb}
  odd:
    target: app.odd
)YAML") + odd_on_error +
         R"YAML(
    columns: {RowId: text, v: integer}
  log:
    target: app.log
    columns: {at: timestamptz, msg: text, meta: json}
  counters:
    target: app.counters
    columns: {id: integer, n: integer}
  nodes:
    target: app.nodes
    columns:
      id: remap_id
      parent_id: {transform: remap_id, references: nodes}
      label: text
)YAML";
}

class SyncShapes : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(
        std::string("sync_") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_ / "migrations");
    fs::create_directories(dir_ / "mappings");
    for (const char* etl : {"000_etl.sql", "005_etl_row_hashes.sql", "006_etl_run_kind.sql"})
      fs::copy(source_dir() / "migrations" / etl, dir_ / "migrations" / etl);
    std::ofstream(dir_ / "migrations" / "001_app.sql") << kMigration;
    std::ofstream(dir_ / "shapes.sql") << kSource;
    build_sqlite(dir_ / "shapes.db", dir_ / "shapes.sql");
  }
  ToolResult run(const char* command, const char* odd_on_error = "",
                 std::vector<std::string> extra = {}) {
    std::ofstream(dir_ / "mappings" / "shapes.yaml", std::ios::trunc) << mapping(odd_on_error);
    std::vector<std::string> a = {command,      "-q",
                                  "--target",   db_->dsn(),
                                  "--mappings", (dir_ / "mappings").string(),
                                  "--source",   "shapes=" + (dir_ / "shapes.db").string()};
    if (std::string(command) == "migrate")
      a.insert(a.end(), {"--migrations", (dir_ / "migrations").string()});
    a.insert(a.end(), extra.begin(), extra.end());
    return run_tool(a);
  }
  std::string content() {
    return pg_value(db_->dsn(),
                    "SELECT (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM app.things t) "
                    "|| (SELECT string_agg(o::text, ',' ORDER BY o::text) FROM app.odd o) || "
                    "(SELECT string_agg(l::text, ',' ORDER BY l::text) FROM app.log l) || "
                    "(SELECT string_agg(c::text, ',' ORDER BY c::text) FROM app.counters c) || "
                    "(SELECT string_agg(n::text, ',' ORDER BY n::text) FROM app.nodes n) || "
                    "(SELECT count(*) FROM etl.runs) || (SELECT count(*) FROM etl.id_map)")
        .value_or("");
  }
  TempDir dir_;
  std::unique_ptr<TestDatabase> db_;
};

TEST_F(SyncShapes, WithoutRowidARowidColumnNoKeyAndASelfReference) {
  ASSERT_EQ(run("migrate").exit_code, 0);
  sqlite_exec(dir_ / "shapes.db", R"SQL(
    INSERT INTO things VALUES ('thing-new', 'new', '{"z": true}');
    UPDATE things SET payload = '{"a": 2, "c": "x"}' WHERE id = 'thing-1';
    DELETE FROM things WHERE id = 'thing-2';
    UPDATE odd SET v = 20 WHERE "RowId" = 'r2';
    INSERT INTO log VALUES ('2026-01-03 00:00:00', 'third', '{"k": [2]}');
    INSERT INTO counters VALUES (3, 30);
    DELETE FROM log WHERE msg = 'first';
    INSERT INTO nodes VALUES ('child-new', 'parent-new', 'New child'), ('parent-new', 'root', 'New parent');
    DELETE FROM nodes WHERE id = 'leaf';)SQL");
  const auto r = run("sync");
  ASSERT_EQ(r.exit_code, 0) << r.all();
  EXPECT_THAT(r.out, HasSubstr("SYNCED: 5 inserted, 2 updated, 3 deleted in 5 tables")) << r.out;
  expect_checks(
      db_->dsn(),
      {
          {"SELECT string_agg(name || '=' || coalesce(payload::text, 'null'), ' ' ORDER BY name) "
           "FROM "
           "app.things",
           "new={\"z\": true} one={\"a\": 2, \"c\": \"x\"} three=null"},
          {"SELECT string_agg(\"RowId\" || ':' || v, ' ' ORDER BY \"RowId\") FROM app.odd",
           "r1:1 r2:20"},
          {"SELECT string_agg(id || ':' || n, ' ' ORDER BY id) FROM app.counters",
           "1:10 2:20 3:30"},
          {"SELECT string_agg(msg, ' ' ORDER BY at) FROM app.log", "second third"},
          {"SELECT c.label || ' <- ' || p.label || ' <- ' || g.label FROM app.nodes c JOIN "
           "app.nodes p "
           "ON p.id = c.parent_id JOIN app.nodes g ON g.id = p.parent_id",
           "New child <- New parent <- Root"},
          {"SELECT count(*) FROM app.nodes", "3"},
      });
  const auto v = run("verify", "", {"--exact"});
  EXPECT_EQ(v.exit_code, 0) << v.all();
  const auto again = run("sync");
  EXPECT_THAT(again.out, HasSubstr("IN SYNC")) << again.all();
}

// A child moved off a parent that is then deleted, and a row pointing at one inserted in the
// same sync: inserts and updates go before deletions.
TEST_F(SyncShapes, AChildMovedOffADeletedParent) {
  ASSERT_EQ(run("migrate").exit_code, 0);
  sqlite_exec(dir_ / "shapes.db", R"SQL(
    INSERT INTO nodes VALUES ('new-root', NULL, 'New root');
    UPDATE nodes SET parent_id = 'new-root' WHERE id = 'leaf';
    DELETE FROM nodes WHERE id = 'root';)SQL");
  const auto r = run("sync");
  ASSERT_EQ(r.exit_code, 0) << r.all();
  EXPECT_EQ(pg_value(db_->dsn(),
                     "SELECT c.label || ' <- ' || p.label FROM app.nodes c JOIN "
                     "app.nodes p ON p.id = c.parent_id"),
            "Leaf <- New root");
  EXPECT_EQ(run("verify", "", {"--exact"}).exit_code, 0);
}

TEST_F(SyncShapes, AMappingThatNowLoadsAnotherTableIsRefused) {
  ASSERT_EQ(run("migrate").exit_code, 0);
  pg_value(db_->dsn(), "CREATE TABLE app.log2 (LIKE app.log); SELECT 1");
  std::string moved = mapping("");
  moved.replace(moved.find("target: app.log"), 15, "target: app.log2");
  std::ofstream(dir_ / "mappings" / "shapes.yaml", std::ios::trunc) << moved;
  const auto r =
      run_tool({"sync", "-q", "--target", db_->dsn(), "--mappings", (dir_ / "mappings").string(),
                "--source", "shapes=" + (dir_ / "shapes.db").string()});
  EXPECT_EQ(r.exit_code, 3) << r.all();
  EXPECT_THAT(r.all(), HasSubstr("shapes.log now goes to app.log2, but run 1 loaded it into "
                                 "app.log"))
      << r.all();
}

TEST_F(SyncShapes, DuplicateRowsWithoutAKeyAreRefusedByName) {
  ASSERT_EQ(run("migrate").exit_code, 0);
  sqlite_exec(dir_ / "shapes.db",
              "INSERT INTO log VALUES ('2026-01-01 00:00:00', 'first', '{\"k\": 1}')");
  const auto before = content();
  const auto r = run("sync");
  EXPECT_EQ(r.exit_code, 4) << r.all();
  EXPECT_THAT(
      r.all(),
      HasSubstr(
          "table log: rows that share one key (exact duplicates, or NULLs in the key) changed"))
      << r.all();
  EXPECT_EQ(content(), before);
}

TEST_F(SyncShapes, ABadValueStopsTheSyncNamingTheRowAndRejectGoesToTheFile) {
  ASSERT_EQ(run("migrate").exit_code, 0);
  sqlite_exec(dir_ / "shapes.db", R"SQL(
    INSERT INTO odd VALUES ('r3', 'lots');
    INSERT INTO things VALUES ('thing-4', 'four', '{}');)SQL");
  const auto before = content();
  const auto stop = run("sync");
  EXPECT_EQ(stop.exit_code, 4) << stop.all();
  EXPECT_THAT(stop.all(), HasSubstr("table odd, row RowId='r3', column v (integer)")) << stop.all();
  EXPECT_THAT(stop.all(), HasSubstr("value 'lots'")) << stop.all();
  EXPECT_EQ(content(), before);
  // With on_error: reject the row goes to the reject file, the rest is applied, exit 9.
  const auto rejects = dir_ / "rejects.jsonl";
  const auto reject = run("sync", "    on_error: reject", {"--rejects", rejects.string()});
  EXPECT_EQ(reject.exit_code, 9) << reject.all();
  EXPECT_THAT(reject.out, HasSubstr("1 row(s) REJECTED")) << reject.out;
  EXPECT_THAT(read_file(rejects), HasSubstr("\"r3\"")) << read_file(rejects);
  EXPECT_EQ(pg_count(db_->dsn(), "SELECT count(*) FROM app.things WHERE name = 'four'"), 1);
  EXPECT_EQ(pg_count(db_->dsn(), "SELECT count(*) FROM app.odd"), 2);
  // Without --rejects a table that rejects rows is a usage error before anything happens.
  EXPECT_EQ(run("sync", "    on_error: reject").exit_code, 2);
  // A row loaded before and refused now is not deleted from PostgreSQL: the sync stops.
  sqlite_exec(dir_ / "shapes.db", "UPDATE odd SET v = 'many' WHERE \"RowId\" = 'r1'");
  const auto kept = content();
  const auto refused = run("sync", "    on_error: reject", {"--rejects", rejects.string()});
  EXPECT_EQ(refused.exit_code, 4) << refused.all();
  EXPECT_THAT(refused.all(), HasSubstr("row RowId='r1' was loaded by the last run and its "
                                       "transforms now refuse it"))
      << refused.all();
  EXPECT_EQ(content(), kept);
}

}  // namespace
}  // namespace s2p::test

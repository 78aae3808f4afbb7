// sync with change capture: the changes read from the log are exactly those a pass over every
// row finds (both run on copies of one target, compared with independent SQL); every reason the
// log may be incomplete is detected and named, and the table is then read whole.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "pg_cluster.h"
#include "pg_query.h"
#include "tool.h"

namespace s2p::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
namespace fs = std::filesystem;

constexpr const char* kSource = R"SQL(
PRAGMA journal_mode = WAL;
CREATE TABLE items (id INTEGER PRIMARY KEY, sku TEXT UNIQUE, name TEXT);
CREATE TABLE notes (code TEXT PRIMARY KEY, item_id INTEGER, body TEXT);
CREATE TABLE tags (item_id INTEGER, tag TEXT, PRIMARY KEY (item_id, tag)) WITHOUT ROWID;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
INSERT INTO items SELECT i, 'sku-' || i, 'item ' || i FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100)
INSERT INTO notes SELECT 'note-' || i, i, 'body ' || i FROM n;
INSERT INTO tags VALUES (1, 'red'), (2, 'blue'), (3, 'green');
)SQL";

constexpr const char* kMigration = R"SQL(
CREATE SCHEMA app;
-- sku is unique in SQLite only: sync inserts before it deletes, so a sku moving from a deleted
-- row to a new one would collide in PostgreSQL, whichever way the changes were found.
CREATE TABLE app.items (id BIGINT PRIMARY KEY, sku TEXT, name TEXT);
CREATE TABLE app.notes (code UUID PRIMARY KEY, item_id BIGINT, body TEXT);
CREATE TABLE app.tags (item_id BIGINT, tag TEXT, PRIMARY KEY (item_id, tag));
)SQL";

constexpr const char* kMapping = R"YAML(source: shop
path: shop.db
tables:
  items:
    target: app.items
    columns: {id: integer, sku: text, name: text}
  notes:
    target: app.notes
    columns: {code: remap_id, item_id: integer, body: text}
  tags:
    target: app.tags
    columns: {item_id: integer, tag: text}
)YAML";

// Every kind of write, the ones triggers famously miss included.
constexpr const char* kChanges = R"SQL(
INSERT INTO items VALUES (1001, 'sku-1001', 'new');
UPDATE items SET name = 'renamed' WHERE id = 7;
DELETE FROM items WHERE id = 9;
UPDATE items SET id = 5000 WHERE id = 10;
INSERT OR REPLACE INTO items VALUES (1002, 'sku-11', 'took sku-11');
REPLACE INTO items VALUES (12, 'sku-12', 'replaced in place');
INSERT INTO items VALUES (1003, 'sku-13', 'upsert') ON CONFLICT (sku) DO UPDATE SET name = 'upserted';
UPDATE OR REPLACE items SET sku = 'sku-15' WHERE id = 14;
UPDATE notes SET code = 'note-300' WHERE code = 'note-3';
DELETE FROM notes WHERE code = 'note-4';
INSERT INTO notes VALUES ('note-new', 1001, 'new note');
INSERT OR REPLACE INTO notes VALUES ('note-5', 5, 'replaced note');
UPDATE notes SET body = 'edited' WHERE code = 'note-6';
INSERT INTO items VALUES (1004, 'sku-1004', 'short-lived');
DELETE FROM items WHERE id = 1004;
DELETE FROM tags WHERE tag = 'blue';
INSERT INTO tags VALUES (4, 'yellow');
)SQL";

class CaptureSync : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(
        std::string("capsync_") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_ / "migrations");
    fs::create_directories(dir_ / "mappings");
    for (const char* etl : {"000_etl.sql", "005_etl_row_hashes.sql", "006_etl_run_kind.sql"})
      fs::copy(source_dir() / "migrations" / etl, dir_ / "migrations" / etl);
    std::ofstream(dir_ / "migrations" / "001_app.sql") << kMigration;
    std::ofstream(dir_ / "mappings" / "shop.yaml") << kMapping;
    std::ofstream(dir_ / "shop.sql") << kSource;
    build_sqlite(file(), dir_ / "shop.sql");
  }
  fs::path file() const { return dir_ / "shop.db"; }
  ToolResult run(const std::string& command, std::vector<std::string> extra = {},
                 const std::string& dsn = "") {
    std::vector<std::string> a = {command,
                                  "--target",
                                  dsn.empty() ? db_->dsn() : dsn,
                                  "--mappings",
                                  (dir_ / "mappings").string(),
                                  "--source",
                                  "shop=" + file().string()};
    if (command == "migrate") a.insert(a.end(), {"--migrations", (dir_ / "migrations").string()});
    a.insert(a.end(), extra.begin(), extra.end());
    return run_tool(a);
  }
  ToolResult capture(const std::string& action) {
    return run_tool({"capture", action, "--mappings", (dir_ / "mappings").string(), "--source",
                     "shop=" + file().string()});
  }
  // A copy of the target as it is now, for a second run from the same state.
  std::unique_ptr<TestDatabase> copy_target(const std::string& name) {
    auto copy = std::make_unique<TestDatabase>(name);
    pqxx::connection c(PgCluster::instance().dsn("postgres"));
    pqxx::nontransaction n(c);
    n.exec("DROP DATABASE " + c.quote_name(name));
    n.exec("CREATE DATABASE " + c.quote_name(name) + " TEMPLATE " + c.quote_name(db_->name()));
    return copy;
  }
  // The application's tables and each table's recorded checksum, as text.
  static std::string content(const std::string& dsn) {
    return pg_value(dsn,
                    "SELECT (SELECT string_agg(i::text, ',' ORDER BY i.id) FROM app.items i) || "
                    "'|' || (SELECT string_agg(n::text, ',' ORDER BY n.code) FROM app.notes n) "
                    "|| '|' || (SELECT string_agg(t::text, ',' ORDER BY t::text) FROM app.tags "
                    "t) || '|' || (SELECT string_agg(DISTINCT x, ',') FROM (SELECT "
                    "t->>'source_table' || '=' || "
                    "first_value(t->>'checksum') OVER (PARTITION BY t->>'source_table' ORDER BY "
                    "r.run_id DESC) AS x FROM etl.runs r, jsonb_array_elements(r.tables) t) s)")
        .value_or("");
  }
  // What SQLite holds, counted as PostgreSQL should hold it.
  std::string sqlite_counts() {
    return sqlite_value(file(),
                        "SELECT (SELECT count(*) FROM items) || ',' || (SELECT count(*) FROM "
                        "notes) || ',' || (SELECT count(*) FROM tags)")
        .value_or("");
  }
  std::string pg_counts() {
    return pg_value(db_->dsn(),
                    "SELECT (SELECT count(*) FROM app.items) || ',' || (SELECT count(*) FROM "
                    "app.notes) || ',' || (SELECT count(*) FROM app.tags)")
        .value_or("");
  }
  TempDir dir_;
  std::unique_ptr<TestDatabase> db_;
};

TEST_F(CaptureSync, TheLogGivesExactlyWhatAPassOverEveryRowFinds) {
  ASSERT_EQ(capture("start").exit_code, 0);
  const auto migrate = run("migrate");
  ASSERT_EQ(migrate.exit_code, 0) << migrate.all();
  sqlite_exec(file(), kChanges);
  auto whole = copy_target(db_->name() + "_whole");

  const auto by_pass = run("sync", {"--read-whole"}, whole->dsn());
  ASSERT_EQ(by_pass.exit_code, 0) << by_pass.all();
  EXPECT_THAT(by_pass.out, HasSubstr("every table read whole: sync --read-whole"));
  const auto by_log = run("sync");
  ASSERT_EQ(by_log.exit_code, 0) << by_log.all();
  EXPECT_THAT(by_log.out, HasSubstr("capture: source shop: changes read from its log, seq 1 to"));
  EXPECT_THAT(by_log.out, HasSubstr("capture: shop.tags read whole: it has no rowid"));
  EXPECT_THAT(by_log.out, HasSubstr("SYNCED: 6 inserted, 6 updated, 7 deleted in 3 tables"));
  EXPECT_THAT(by_pass.out, HasSubstr("SYNCED: 6 inserted, 6 updated, 7 deleted in 3 tables"));
  EXPECT_EQ(content(db_->dsn()), content(whole->dsn()));
  EXPECT_EQ(pg_counts(), sqlite_counts());
  const auto safe = run("verify", {"--exact"});
  EXPECT_EQ(safe.exit_code, 0) << safe.all();
  EXPECT_THAT(safe.out, HasSubstr("SAFE TO DELETE"));

  // The next sync deletes what this one consumed, and reads on from there.
  const std::string consumed =
      sqlite_value(file(), "SELECT max(seq) FROM _sqlite2pg_capture_log").value_or("");
  sqlite_exec(
      file(),
      "UPDATE items SET name = 'again' WHERE id = 20; DELETE FROM notes WHERE code = 'note-7';");
  const auto next = run("sync");
  ASSERT_EQ(next.exit_code, 0) << next.all();
  EXPECT_THAT(next.out, HasSubstr("changes read from its log, seq " +
                                  std::to_string(std::stoll(consumed) + 1)));
  EXPECT_THAT(next.out, HasSubstr("SYNCED: 0 inserted, 1 updated, 1 deleted in 3 tables"));
  EXPECT_EQ(sqlite_value(file(), "SELECT min(seq) FROM _sqlite2pg_capture_log"), consumed);
  EXPECT_EQ(pg_value(db_->dsn(), "SELECT name FROM app.items WHERE id = 20"), "again");
  EXPECT_EQ(pg_counts(), sqlite_counts());
  const auto nothing = run("sync");
  EXPECT_THAT(nothing.out, HasSubstr("IN SYNC: nothing changed"));
  EXPECT_THAT(nothing.out, HasSubstr("capture: source shop: its log holds no write since run 3"));
  EXPECT_EQ(run("verify", {"--exact"}).exit_code, 0);

  // status tells what the last run consumed, and what waits for the next sync.
  sqlite_exec(file(), "UPDATE items SET name = 'pending' WHERE id = 21;");
  const auto status =
      run_tool({"capture", "status", "--target", db_->dsn(), "--mappings",
                (dir_ / "mappings").string(), "--source", "shop=" + file().string()});
  EXPECT_EQ(status.exit_code, 0) << status.all();
  const auto last = sqlite_value(file(), "SELECT max(seq) - 1 FROM _sqlite2pg_capture_log");
  EXPECT_THAT(status.out, HasSubstr("run 4 consumed the log through #" + last.value_or("?") +
                                    "; 1 write(s) logged since, for the next sync"));
  // rollback's file goes back to the services without the log and its triggers.
  ASSERT_EQ(run("sync").exit_code, 0);
  const auto back = run("rollback", {"--out", (dir_ / "back").string()});
  ASSERT_EQ(back.exit_code, 0) << back.all();
  const auto written = dir_ / "back" / "shop.db";
  EXPECT_EQ(sqlite_value(written,
                         "SELECT count(*) FROM sqlite_master WHERE name LIKE "
                         "'%sqlite2pg%'"),
            "0");
  EXPECT_EQ(sqlite_value(written, "SELECT name FROM items WHERE id = 21"), "pending");
}

TEST_F(CaptureSync, ReportsSayWhereTheChangesCameFromAndWhatTheLastRunConsumed) {
  ASSERT_EQ(capture("start").exit_code, 0);
  ASSERT_EQ(run("migrate").exit_code, 0);
  sqlite_exec(file(), kChanges);
  const auto last_seq = [&] {
    return std::stoll(
        sqlite_value(file(), "SELECT max(seq) FROM _sqlite2pg_capture_log").value_or("0"));
  };
  const auto through = last_seq();
  const auto sync = run("sync", {"--report", (dir_ / "sync.json").string()});
  ASSERT_EQ(sync.exit_code, 0) << sync.all();
  const auto s = nlohmann::json::parse(read_file(dir_ / "sync.json"));
  ASSERT_EQ(s["capture"].size(), 1u) << s.dump();
  EXPECT_EQ(s["capture"][0]["source"], "shop");
  EXPECT_EQ(s["capture"][0]["log"], true);
  EXPECT_EQ(s["capture"][0]["after_seq"], 0);
  EXPECT_EQ(s["capture"][0]["through_seq"], through);
  EXPECT_EQ(s["capture"][0]["run_id"], 1);
  EXPECT_EQ(s["changed_tables"], 3);
  EXPECT_EQ(s["capture_forgotten"], nlohmann::json({{"shop", 0}}));  // migrate consumed none

  // The next sync deletes the log rows the first one consumed.
  sqlite_exec(file(), "UPDATE items SET name = 'again' WHERE id = 20;");
  ASSERT_EQ(run("sync", {"--report", (dir_ / "next.json").string()}).exit_code, 0);
  const auto n = nlohmann::json::parse(read_file(dir_ / "next.json"));
  // All but the newest consumed row, which stays to mark where the log stands.
  EXPECT_EQ(n["capture_forgotten"]["shop"], through - 1);
  EXPECT_EQ(sqlite_value(file(), "SELECT min(seq) FROM _sqlite2pg_capture_log"),
            std::to_string(through));
  EXPECT_EQ(n["capture"][0]["after_seq"], through);
  EXPECT_EQ(n["capture"][0]["run_id"], 2);

  sqlite_exec(file(), "UPDATE items SET name = 'pending' WHERE id = 21;");
  const auto status = run_tool({"capture", "status", "--target", db_->dsn(), "--mappings",
                                (dir_ / "mappings").string(), "--source", "shop=" + file().string(),
                                "--report", (dir_ / "status.json").string()});
  ASSERT_EQ(status.exit_code, 0) << status.all();
  const auto c = nlohmann::json::parse(read_file(dir_ / "status.json"))["capture"];
  ASSERT_EQ(c.size(), 1u) << c.dump();
  EXPECT_EQ(c[0]["source"], "shop");
  EXPECT_EQ(c[0]["on"], true);
  EXPECT_EQ(c[0]["consumed_by_run"], 3);
  EXPECT_EQ(c[0]["consumed_through"], last_seq() - 1);
  EXPECT_EQ(c[0]["pending"], 1);
  EXPECT_EQ(c[0]["last_seq"], last_seq());
  EXPECT_THAT(c[0]["consumed"].get<std::string>(), HasSubstr("run 3 consumed the log"));
}

TEST_F(CaptureSync, EveryReasonTheLogMayBeIncompleteIsNamedAndTheTablesReadWhole) {
  ASSERT_EQ(run("migrate").exit_code, 0);
  ASSERT_EQ(capture("start").exit_code, 0);
  const auto expect_sync = [&](const std::string& printed, const std::string& step) {
    SCOPED_TRACE(step);
    sqlite_exec(file(), "INSERT INTO items (sku, name) VALUES ('" + step +
                            "', 'x'); "
                            "DELETE FROM items WHERE id = (SELECT min(id) FROM items);");
    const auto r = run("sync");
    EXPECT_EQ(r.exit_code, 0) << r.all();
    EXPECT_THAT(r.out, HasSubstr(printed)) << r.out;
    EXPECT_THAT(r.out, HasSubstr("SYNCED: 1 inserted, 0 updated, 1 deleted")) << r.out;
    EXPECT_EQ(pg_counts(), sqlite_counts());
  };
  expect_sync("every table read whole: capture was off or damaged when run 1 read the file",
              "started-after");
  expect_sync("changes read from its log", "from-log");
  ASSERT_EQ(capture("stop").exit_code, 0);
  ASSERT_EQ(capture("start").exit_code, 0);
  expect_sync(
      "every table read whole: capture was stopped and started again, or the file "
      "replaced, since run 3",
      "restarted");
  expect_sync("changes read from its log", "from-log-after-restart");
  sqlite_exec(file(), "VACUUM;");
  expect_sync("every table read whole: the file's schema changed, or it was VACUUMed", "vacuum");
  const fs::path older = dir_ / "older.db";
  sqlite_exec(file(), "PRAGMA wal_checkpoint(TRUNCATE);");
  fs::copy_file(file(), older);
  expect_sync("changes read from its log", "from-log-after-vacuum");
  // The file replaced by a copy taken before the last sync: its log ends before that sync's.
  sqlite_exec(file(), "PRAGMA wal_checkpoint(TRUNCATE);");
  fs::copy_file(older, file(), fs::copy_options::overwrite_existing);
  const auto replaced = run("sync");
  EXPECT_EQ(replaced.exit_code, 0) << replaced.all();
  EXPECT_THAT(replaced.out, HasSubstr("every table read whole: the log ends before what run 7 "
                                      "read"));
  EXPECT_EQ(pg_counts(), sqlite_counts());
  sqlite_exec(file(), "DROP TRIGGER _sqlite2pg_capture_1_delete;");
  expect_sync(
      "every table read whole: capture is damaged: table items: trigger "
      "_sqlite2pg_capture_1_delete is missing",
      "trigger-dropped");
}

}  // namespace
}  // namespace s2p::test

// capture start|status|stop on real files with real writers: every way SQLite changes a row is
// logged by key, the application's writes never fail, status names any damage, and stop leaves
// the file's dump exactly as before.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <signal.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>

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
CREATE TABLE tags (item_id INTEGER, tag TEXT, PRIMARY KEY (item_id, tag)) WITHOUT ROWID;
CREATE TABLE codes (code TEXT NOT NULL ON CONFLICT REPLACE, label TEXT, UNIQUE (code) ON CONFLICT REPLACE);
CREATE VIEW item_names AS SELECT id, name FROM items;
CREATE TRIGGER items_touch AFTER UPDATE ON items BEGIN SELECT 1; END;
INSERT INTO items VALUES (1, 'a-1', 'one'), (2, 'b-2', 'two'), (3, 'c-3', 'three');
INSERT INTO tags VALUES (1, 'red'), (2, 'blue');
INSERT INTO codes VALUES ('x', 'ex'), ('y', 'why');
)SQL";

constexpr const char* kMapping = R"YAML(
source: shop
path: /nonexistent/shop.db
tables:
  items:
    target: app.items
    columns: {id: integer, sku: text, name: text}
  tags:
    target: app.tags
    columns: {item_id: integer, tag: text}
  codes:
    target: app.codes
    columns: {code: text, label: text}
  item_names:
    target: app.item_names
    columns: {id: integer, name: text}
)YAML";

// A process writing to the file while the test runs: one row at a time, each its own
// transaction, waiting for locks as an application does; it stops at the first error.
class Writer {
 public:
  Writer(const fs::path& db, int rows, int first_id) {
    const std::string command =
        "for i in $(seq " + std::to_string(first_id) + " " + std::to_string(first_id + rows - 1) +
        "); do echo \"INSERT INTO items (id, sku, name) VALUES ($i, 'w-$i', 'written');\"; "
        "sleep 0.002; done | sqlite3 -bail -cmd '.timeout 20000' '" +
        db.string() + "' 2>&1";
    pipe_ = popen(command.c_str(), "r");
  }
  // The writer's exit status and what it printed (nothing, when every write succeeded).
  std::pair<int, std::string> finish() {
    std::string out;
    char buf[256];
    while (std::fgets(buf, sizeof buf, pipe_)) out += buf;
    const int status = pclose(pipe_);
    pipe_ = nullptr;
    return {status, out};
  }
  ~Writer() {
    if (pipe_) finish();
  }

 private:
  FILE* pipe_ = nullptr;
};

class Capture : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_ / "mappings");
    std::ofstream(dir_ / "mappings" / "shop.yaml") << kMapping;
    std::ofstream(dir_ / "shop.sql") << kSource;
    build_sqlite(db(), dir_ / "shop.sql");
  }
  fs::path db() const { return dir_ / "shop.db"; }
  ToolResult capture(const std::string& action, std::vector<std::string> extra = {}) {
    std::vector<std::string> a = {"capture",    action,
                                  "--mappings", (dir_ / "mappings").string(),
                                  "--source",   "shop=" + db().string()};
    a.insert(a.end(), extra.begin(), extra.end());
    return run_tool(a);
  }
  std::string sql(const std::string& query) { return sqlite_value(db(), query).value_or("NULL"); }
  // The log in write order: "table+rowid" for a row written, "table-rowid(key)" for a row as
  // it was before it was deleted or its key moved (a WITHOUT ROWID table's rows by key only).
  std::string log() {
    return sql(
        "SELECT group_concat(s.tbl || iif(l.old, '-', '+') || coalesce(l.rid, '') || "
        "iif(l.k1 IS NULL, '', '(' || quote(l.k1) || iif(l.k2 IS NULL, '', ',' || quote(l.k2)) || "
        "')'), ' ') "
        "FROM (SELECT * FROM _sqlite2pg_capture_log ORDER BY seq) l JOIN "
        "_sqlite2pg_capture_state s ON s.n = l.t");
  }
  std::string dump() {
    const std::string out = (dir_ / "dump.sql").string();
    std::system(("sqlite3 '" + db().string() + "' .dump > '" + out + "'").c_str());
    return read_file(out);
  }
  // A shell line that holds the file's write lock for 3 s, as a long application transaction.
  std::string hold_the_lock() const {
    return "(echo 'BEGIN IMMEDIATE;'; echo \"UPDATE items SET name = 'held';\"; sleep 3; "
           "echo 'ROLLBACK;') | sqlite3 '" +
           db().string() + "'";
  }
  // `capture ACTION` waits for the application's lock, and is killed while it waits.
  void kill_while_the_application_writes(const std::string& action) {
    FILE* holder = popen(hold_the_lock().c_str(), "r");
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    RunningTool tool({"capture", action, "--mappings", (dir_ / "mappings").string(), "--source",
                      "shop=" + db().string(), "--busy-timeout", "30"});
    std::this_thread::sleep_for(std::chrono::milliseconds(700));
    tool.signal(SIGKILL);
    EXPECT_EQ(tool.wait_exit(10), 128 + SIGKILL);
    pclose(holder);
  }
  TempDir dir_;
};

TEST_F(Capture, StartAndStopWhileAWriterWritesLogEveryWriteInBetweenAndFailNone) {
  const std::string before = dump();
  const auto status = capture("status");
  EXPECT_EQ(status.exit_code, 0) << status.all();
  EXPECT_THAT(status.out, HasSubstr("capture off"));

  Writer writer(db(), 400, 1000);
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  const auto start = capture("start");
  ASSERT_EQ(start.exit_code, 0) << start.all();
  EXPECT_THAT(start.out, HasSubstr("capture on since"));
  EXPECT_THAT(start.out, HasSubstr("3 table(s)"));
  EXPECT_THAT(start.out, HasSubstr("not captured (sync reads it whole): item_names: a view"));
  const auto [code, printed] = writer.finish();
  EXPECT_EQ(code, 0) << printed;  // no write failed, none waited past its timeout
  EXPECT_EQ(sql("SELECT count(*) FROM items WHERE id >= 1000"), "400");
  // Exactly the rows written after start's commit are logged: every id from the first logged one.
  const std::string first = sql("SELECT min(rid) FROM _sqlite2pg_capture_log");
  ASSERT_NE(first, "NULL") << "the writer ended before capture started";
  EXPECT_EQ(sql("SELECT count(*) FROM _sqlite2pg_capture_log"),
            sql("SELECT count(*) FROM items WHERE id >= " + first));
  const auto on = capture("status");
  EXPECT_EQ(on.exit_code, 0) << on.all();
  EXPECT_THAT(on.out,
              HasSubstr(sql("SELECT count(*) FROM _sqlite2pg_capture_log") + " write(s) logged"));

  Writer more(db(), 200, 5000);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const auto stop = capture("stop");
  ASSERT_EQ(stop.exit_code, 0) << stop.all();
  const auto [more_code, more_printed] = more.finish();
  EXPECT_EQ(more_code, 0) << more_printed;
  EXPECT_EQ(sql("SELECT count(*) FROM sqlite_master WHERE name LIKE '%sqlite2pg%'"), "0");
  // Every other object and row as the application left it: the dump without the writers' rows.
  sqlite_exec(db(), "DELETE FROM items WHERE id >= 1000");
  EXPECT_EQ(dump(), before);
  EXPECT_THAT(capture("stop").out, HasSubstr("capture was not on"));
}

TEST_F(Capture, EveryWaySQLiteChangesARowIsLoggedByItsKey) {
  ASSERT_EQ(capture("start").exit_code, 0);
  sqlite_exec(db(),
              "INSERT INTO items VALUES (4, 'd-4', 'four');"
              "UPDATE items SET name = 'ONE' WHERE id = 1;"
              "UPDATE items SET id = 20 WHERE id = 2;"  // the key moves: old and new
              // REPLACE through the UNIQUE sku deletes row 3, which fires no DELETE trigger
              "INSERT OR REPLACE INTO items VALUES (30, 'c-3', 'replaced');"
              "REPLACE INTO items VALUES (4, 'd-4', 'same key');"
              "INSERT INTO items VALUES (5, 'a-1', 'upsert') ON CONFLICT (sku) DO UPDATE SET "
              "name = 'upserted';"
              "UPDATE OR REPLACE items SET sku = 'd-4' WHERE id = 20;"
              "INSERT INTO codes VALUES ('x', 'ex again');"  // ON CONFLICT REPLACE in the table
              "UPDATE tags SET tag = 'green' WHERE item_id = 1;"
              "DELETE FROM tags;");  // no WHERE: no truncate shortcut while triggers exist
  // A REPLACE logs the rows it deletes through the unique sku (items-3, items-4) and an UPSERT
  // the row it collides with (items-1), before the row written.
  EXPECT_EQ(log(),
            "items+4 items+1 items+20 items-2 items-3 items+30 items-4 items+4 items-1 items+1 "
            "items-4 items+20 codes-1('x') codes+3 tags+(1,'green') tags-(1,'red') "
            "tags-(1,'green') tags-(2,'blue')");
  // The application sees its own data as before.
  EXPECT_EQ(sql("SELECT group_concat(id || '=' || sku || '=' || name, ' ') FROM (SELECT * FROM "
                "items ORDER BY id)"),
            "1=a-1=upserted 20=d-4=two 30=c-3=replaced");
}

TEST_F(Capture, StatusNamesDamageAndStartRefusesUntilStopped) {
  ASSERT_EQ(capture("start").exit_code, 0);
  const auto again = capture("start");  // on and intact: nothing changes
  EXPECT_EQ(again.exit_code, 0) << again.all();
  sqlite_exec(db(),
              "DROP TRIGGER _sqlite2pg_capture_1_delete;"
              "CREATE UNIQUE INDEX tags_by_tag ON tags (tag, item_id);"
              "ALTER TABLE _sqlite2pg_capture_log ADD COLUMN extra;");
  const auto damaged = capture("status");
  EXPECT_EQ(damaged.exit_code, 3) << damaged.all();
  EXPECT_THAT(damaged.out,
              HasSubstr("table items: trigger _sqlite2pg_capture_1_delete is missing"));
  EXPECT_THAT(damaged.out, HasSubstr("table tags: trigger _sqlite2pg_capture_2_replace_insert is "
                                     "missing"));
  EXPECT_THAT(damaged.out, HasSubstr("its log or state table is not the one capture made"));
  const auto refused = capture("start");
  EXPECT_EQ(refused.exit_code, 3) << refused.all();
  EXPECT_THAT(refused.err, HasSubstr("run capture stop first"));
  ASSERT_EQ(capture("stop").exit_code, 0);
  EXPECT_EQ(capture("start").exit_code, 0);
}

TEST_F(Capture, AKilledStartLeavesTheFileAsItWas) {
  const std::string before = dump();
  kill_while_the_application_writes("start");
  EXPECT_EQ(dump(), before);
  // Given the lock, it starts; a lock held past --busy-timeout is a clear refusal.
  FILE* again = popen(hold_the_lock().c_str(), "r");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const auto busy = capture("start", {"--busy-timeout", "0.5"});
  pclose(again);
  EXPECT_EQ(busy.exit_code, 3) << busy.all();
  EXPECT_THAT(busy.err, HasSubstr("source shop: another connection kept the file locked"));
  EXPECT_EQ(dump(), before);
}

TEST_F(Capture, AKilledStopLeavesCaptureWhole) {
  ASSERT_EQ(capture("start").exit_code, 0);
  sqlite_exec(db(), "UPDATE items SET name = 'logged' WHERE id = 1;");
  const std::string with = dump();
  kill_while_the_application_writes("stop");
  EXPECT_EQ(dump(), with);
  const auto status = capture("status");
  EXPECT_EQ(status.exit_code, 0) << status.all();
  EXPECT_THAT(status.out, HasSubstr("capture on since"));
}

TEST_F(Capture, TheLogIsNeverTheApplicationsTable) {
  ASSERT_EQ(capture("start").exit_code, 0);
  const auto scaffold = run_tool({"scaffold", "--source", "shop=" + db().string()});
  EXPECT_THAT(scaffold.out, Not(HasSubstr("sqlite2pg_capture")));
  EXPECT_THAT(scaffold.err, Not(HasSubstr("sqlite2pg_capture")));
}

}  // namespace
}  // namespace s2p::test

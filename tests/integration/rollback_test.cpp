// rollback: what the services wrote to PostgreSQL after the cutover, carried back into copies of
// the SQLite files, checked with independent SQL on both sides; refusals and signals leave no
// file behind and the originals as they were.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "integration_test.h"
#include "pg_cluster.h"
#include "pg_query.h"
#include "sqlite2pg/util/sha256.h"
#include "tool.h"

namespace s2p::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
namespace fs = std::filesystem;

const char* const kSources[] = {"registry", "deployments", "swarm"};
const std::string kDataSchemas = "'auth', 'registry', 'deploy', 'verification'";

// Rows of `table` in `original` that `written` does not hold with the same rowid and every
// column the same value of the same storage class.
long long rows_not_kept(const fs::path& original, const fs::path& written,
                        const std::string& table) {
  const auto same = sqlite_value(original,
                                 "SELECT group_concat('b.\"' || name || '\" IS a.\"' || name || "
                                 "'\" AND typeof(b.\"' || name || '\") = typeof(a.\"' || name || "
                                 "'\")', ' AND ') FROM pragma_table_info('" +
                                     table + "')");
  SQLite::Database d(written.string(), SQLite::OPEN_READONLY);
  d.exec("ATTACH DATABASE '" + original.string() + "' AS o");
  SQLite::Statement s(d, "SELECT count(*) FROM o.\"" + table +
                             "\" a WHERE NOT EXISTS (SELECT 1 FROM main.\"" + table +
                             "\" b WHERE b.rowid = a.rowid AND " + same.value() + ")");
  s.executeStep();
  return s.getColumn(0).getInt64();
}

class Rollback : public IntegrationTest {
 protected:
  void SetUp() override {
    IntegrationTest::SetUp();
    ASSERT_EQ(run({"migrate", "-q"}).exit_code, 0);
  }
  fs::path out(const std::string& source) const { return dir_ / "back" / (source + ".db"); }
  ToolResult rollback(std::vector<std::string> extra = {}) const {
    std::vector<std::string> head = {"rollback", "-q", "--out", (dir_ / "back").string()};
    head.insert(head.end(), extra.begin(), extra.end());
    return run(head);
  }
  // What the services write once they run on PostgreSQL.
  void write_to_postgres() const {
    pg_value(dsn(), R"SQL(
      UPDATE auth.users SET name = 'Mara O.', last_login = last_login + interval '1 hour'
        WHERE email = (SELECT email FROM auth.users WHERE name = 'Mara Okafor');
      UPDATE registry.agents a SET capabilities = '{"x": [1, 2.50, "a b"], "q": "\"hi\""}',
             updated_at = '2026-01-02 03:04:05.123456+00'
        FROM etl.id_map m WHERE m.new_id = a.id AND m.legacy_id = 'agt_3f9a2c';
      WITH d AS (INSERT INTO deploy.deployments (service, commit_sha, triggered_by, trigger_type,
                                                 status, started_at)
                 VALUES ('api-rollback', 'abc123', 'ops', 'manual', 'running',
                         '2026-11-30 12:00:00.5+00') RETURNING id)
      INSERT INTO deploy.deployment_events (deployment_id, stage, status, details)
        SELECT id, s, 'ok', '{"n": 1}' FROM d, (VALUES ('build'), ('deploy')) v(s);
      DELETE FROM auth.role_permissions p USING etl.id_map r, etl.id_map q
        WHERE r.new_id = p.role_id AND r.source_table = 'roles' AND r.legacy_id = '1'
          AND q.new_id = p.permission_id AND q.source_table = 'permissions' AND q.legacy_id = '2';
      UPDATE deploy.queue q SET status = 'rolled-back' FROM etl.id_map m
        WHERE m.new_id = q.id AND m.source_table = 'queue' AND m.legacy_id = '2';
      SELECT 1)SQL");
  }
};

TEST_F(Rollback, CarriesPostgresWritesBackIntoCopiesAndNothingElse) {
  const auto originals = directory_state(dir_ / "src");
  write_to_postgres();
  const std::string new_deployment =
      pg_value(dsn(), "SELECT id FROM deploy.deployments WHERE service = 'api-rollback'").value();
  const auto r = rollback({"--report", (dir_ / "rollback.json").string()});
  ASSERT_EQ(r.exit_code, 0) << r.all();
  EXPECT_THAT(r.out, HasSubstr("ROLLED BACK: 3 file(s) hold PostgreSQL's rows, proved row by row "
                               "(3 updated, 3 inserted, 1 deleted)"))
      << r.out;
  EXPECT_EQ(directory_state(dir_ / "src"), originals);

  const auto value = [&](const char* source, const std::string& sql) {
    return sqlite_value(out(source), sql).value_or("NULL");
  };
  EXPECT_EQ(value("swarm",
                  "SELECT name || ' ' || typeof(last_login) || ' ' || last_login FROM users "
                  "WHERE email = 'mara@example.com'"),
            "Mara O. integer " + std::to_string(1736064764 + 3600));
  EXPECT_EQ(value("registry", "SELECT capabilities FROM agents WHERE id = 'agt_3f9a2c'"),
            R"({"q":"\"hi\"","x":[1,2.50,"a b"]})");
  EXPECT_EQ(value("registry",
                  "SELECT updated_at LIKE '2026-01-02_03:04:05.123456%' FROM agents WHERE id = "
                  "'agt_3f9a2c'"),
            "1");
  // A gen_random_uuid() id in a TEXT key goes back as its own text; its children follow it.
  EXPECT_EQ(value("deployments", "SELECT id FROM deployments WHERE service = 'api-rollback'"),
            new_deployment);
  EXPECT_EQ(value("deployments",
                  "SELECT group_concat(stage || ' ' || details, ', ') FROM "
                  "deployment_events WHERE deployment_id = '" +
                      new_deployment + "'"),
            R"(build {"n":1}, deploy {"n":1})");
  EXPECT_EQ(value("swarm",
                  "SELECT count(*) FROM role_permissions WHERE role_id = 1 AND "
                  "permission_id = 2"),
            "0");
  EXPECT_EQ(value("deployments", "SELECT status || ' ' || typeof(id) FROM queue WHERE id = 2"),
            "rolled-back integer");

  // Every other row is the row SQLite had, value for value and storage class for class.
  const std::map<std::string, long long> touched = {
      {"users", 1}, {"agents", 1}, {"role_permissions", 1}, {"queue", 1}};
  for (const char* source : kSources) {
    const auto tables =
        sqlite_value(source_db(source),
                     "SELECT group_concat(name, ' ') FROM sqlite_master WHERE type = 'table' "
                     "AND name NOT LIKE 'sqlite_%'")
            .value();
    std::istringstream names(tables);
    for (std::string table; names >> table;) {
      const auto expected = touched.count(table) ? touched.at(table) : 0;
      EXPECT_EQ(rows_not_kept(source_db(source), out(source), table), expected) << table;
    }
  }

  // The written files migrated into a fresh database give exactly what PostgreSQL holds.
  TestDatabase fresh("rollback_remigrated");
  std::vector<std::string> again = {"migrate", "-q", "--target", fresh.dsn()};
  for (const char* source : kSources) {
    again.push_back("--source");
    again.push_back(std::string(source) + "=" + out(source).string());
  }
  const auto m = run_tool(again);
  ASSERT_EQ(m.exit_code, 0) << m.all();
  EXPECT_EQ(pg_table_contents(fresh.dsn(), kDataSchemas), pg_table_contents(dsn(), kDataSchemas));

  const auto j = report("rollback.json");
  ASSERT_EQ(j["outputs"].size(), 3u);
  for (const auto& o : j["outputs"]) {
    EXPECT_EQ(o["sha256"], sha256_file(o["path"].get<std::string>())) << o.dump();
  }
  const auto files = directory_state(dir_ / "back");
  EXPECT_THAT(files, Not(HasSubstr(".rollback-"))) << files;
  for (const auto& t : j["tables"]) {
    if (t["target_table"] == "auth.role_permissions") {
      EXPECT_EQ(t["deleted"], 1);
    }
    if (t["target_table"] == "deploy.deployment_events") {
      EXPECT_EQ(t["inserted"], 2);
    }
  }
}

TEST_F(Rollback, NothingChangedGivesTheSameRows) {
  const auto r = rollback();
  ASSERT_EQ(r.exit_code, 0) << r.all();
  EXPECT_THAT(r.out, HasSubstr("(0 updated, 0 inserted, 0 deleted)"));
  const auto again = rollback();
  EXPECT_EQ(again.exit_code, 7) << again.all();
  EXPECT_THAT(again.all(), HasSubstr("--replace replaces them"));
  EXPECT_EQ(rollback({"--replace"}).exit_code, 0);
  // What is there and is not a file is never replaced.
  fs::remove(out("swarm"));
  fs::create_directories(out("swarm"));
  const auto directory = rollback({"--replace"});
  EXPECT_EQ(directory.exit_code, 3) << directory.all();
  EXPECT_THAT(directory.all(), HasSubstr("is there and is not a file"));
}

TEST_F(Rollback, NeverWritesAnOriginalAndReplacesStaleJournalsWithTheFile) {
  // An output name that is another source's original is refused, --replace or not.
  fs::create_directories(dir_ / "alt");
  fs::copy(source_db("swarm"), dir_ / "alt" / "registry.db");
  const auto before = sha256_file(dir_ / "alt" / "registry.db");
  auto head = args({"rollback", "-q", "--out", (dir_ / "alt").string(), "--replace"});
  head.push_back("--source");
  head.push_back("swarm=" + (dir_ / "alt" / "registry.db").string());
  const auto refused = run_tool(head);
  EXPECT_EQ(refused.exit_code, 3) << refused.all();
  EXPECT_THAT(refused.all(), HasSubstr("is source swarm itself")) << refused.all();
  EXPECT_EQ(sha256_file(dir_ / "alt" / "registry.db"), before);

  // A -wal left beside an earlier output would be read as part of the new one: it goes.
  ASSERT_EQ(rollback().exit_code, 0);
  std::ofstream(out("registry").string() + "-wal") << std::string(4096, 'x');
  pg_value(dsn(), "UPDATE registry.agents SET description = 'replaced' WHERE name = 'lint-runner'");
  ASSERT_EQ(rollback({"--replace"}).exit_code, 0);
  EXPECT_FALSE(fs::exists(out("registry").string() + "-wal"));
  EXPECT_EQ(sqlite_value(out("registry"), "SELECT description FROM agents WHERE id = 'agt_3f9a2c'"),
            "replaced");
}

TEST_F(Rollback, AUniqueValueMovesFromADeletedRowToANewOne) {
  pg_value(dsn(), R"SQL(
    WITH gone AS (DELETE FROM auth.users WHERE email = 'mara@example.com' RETURNING *)
    INSERT INTO auth.users (id, email, password_hash, name, role_id, tenant_id, created_at)
      SELECT '7f000000-0000-4000-8000-000000000001', email, password_hash, 'Mara again', role_id,
             tenant_id, created_at FROM gone;
    SELECT 1)SQL");
  const auto r = rollback();
  ASSERT_EQ(r.exit_code, 0) << r.all();
  EXPECT_EQ(sqlite_value(out("swarm"),
                         "SELECT id || ' ' || name FROM users WHERE email = "
                         "'mara@example.com'"),
            "7f000000-0000-4000-8000-000000000001 Mara again");
}

TEST_F(Rollback, RefusesValuesSqliteHasNoFormForAndWritesNothing) {
  const auto originals = directory_state(dir_ / "src");
  // An INTEGER-keyed table cannot take a gen_random_uuid() id; epoch seconds cannot take a
  // fraction.
  pg_value(dsn(), R"SQL(
    INSERT INTO auth.roles (id, name, level) VALUES ('0b7a6c1e-2d3f-4a5b-8c9d-0e1f2a3b4c5d',
                                                     'made-in-postgres', 3);
    UPDATE auth.users SET last_login = last_login + interval '0.5 seconds'
      WHERE name = 'Mara Okafor';
    SELECT 1)SQL");
  const auto r = rollback();
  EXPECT_EQ(r.exit_code, 4) << r.all();
  EXPECT_THAT(r.out, HasSubstr("auth.roles: 1 row(s) held by PostgreSQL with a value SQLite has "
                               "no form for"));
  EXPECT_THAT(r.out, HasSubstr("id=0b7a6c1e-2d3f-4a5b-8c9d-0e1f2a3b4c5d: id: UUID "
                               "0b7a6c1e-2d3f-4a5b-8c9d-0e1f2a3b4c5d has no legacy INTEGER id"))
      << r.out;
  EXPECT_THAT(r.out, HasSubstr("id='8c1f2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b' -> "
                               "id=8c1f2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b: last_login: "))
      << r.out;
  EXPECT_THAT(r.out, HasSubstr("not a whole second")) << r.out;
  EXPECT_THAT(r.out, HasSubstr("FAILED: no file was written"));
  EXPECT_TRUE(fs::is_empty(dir_ / "back")) << directory_state(dir_ / "back");
  EXPECT_EQ(directory_state(dir_ / "src"), originals);
}

TEST_F(Rollback, AssignsNewIntegerIdsOnlyWhenAskedAndRecordsThemOnlyWhenAsked) {
  pg_value(dsn(), R"SQL(
    INSERT INTO auth.roles (id, name, level) VALUES ('0b7a6c1e-2d3f-4a5b-8c9d-0e1f2a3b4c5d',
                                                     'made-in-postgres', 3);
    UPDATE auth.users SET role_id = '0b7a6c1e-2d3f-4a5b-8c9d-0e1f2a3b4c5d'
      WHERE name = 'Mara Okafor';
    SELECT 1)SQL");
  const auto refused = rollback();
  EXPECT_EQ(refused.exit_code, 4) << refused.all();
  EXPECT_THAT(refused.all(), HasSubstr("--assign-ids gives rows PostgreSQL created"));
  EXPECT_THAT(refused.out, HasSubstr("role_id: UUID 0b7a6c1e-2d3f-4a5b-8c9d-0e1f2a3b4c5d has no "
                                     "legacy INTEGER id"));

  const auto max_role = sqlite_value(source_db("swarm"), "SELECT max(id) FROM roles").value();
  const std::string next = std::to_string(std::stoi(max_role) + 1);
  const auto r = rollback({"--assign-ids", "--report", (dir_ / "assigned.json").string()});
  ASSERT_EQ(r.exit_code, 0) << r.all();
  EXPECT_THAT(r.out,
              HasSubstr("swarm.roles id " + next + " <- 0b7a6c1e-2d3f-4a5b-8c9d-0e1f2a3b4c5d"));
  EXPECT_EQ(
      sqlite_value(out("swarm"), "SELECT name || ' ' || typeof(id) FROM roles WHERE id = " + next),
      "made-in-postgres integer");
  EXPECT_EQ(
      sqlite_value(out("swarm"), "SELECT role_id FROM users WHERE email = 'mara@example.com'"),
      next);
  const auto j = report("assigned.json");
  ASSERT_EQ(j["assigned_ids"].size(), 1u);
  EXPECT_EQ(j["assigned_ids"][0]["id"], next);
  const std::string recorded =
      "SELECT count(*) FROM etl.id_map WHERE new_id = '0b7a6c1e-2d3f-4a5b-8c9d-0e1f2a3b4c5d'";
  EXPECT_EQ(pg_count(dsn(), recorded), 0);

  ASSERT_EQ(rollback({"--replace", "--assign-ids", "--record-ids"}).exit_code, 0);
  EXPECT_EQ(pg_value(dsn(),
                     "SELECT legacy_id FROM etl.id_map WHERE new_id = "
                     "'0b7a6c1e-2d3f-4a5b-8c9d-0e1f2a3b4c5d'"),
            next);
  // Recorded, the id is the row's legacy id from then on: no option needed.
  const auto again = rollback({"--replace"});
  EXPECT_EQ(again.exit_code, 0) << again.all();
  EXPECT_EQ(
      sqlite_value(out("swarm"), "SELECT role_id FROM users WHERE email = 'mara@example.com'"),
      next);
}

TEST_F(Rollback, RefusesSqliteWrittenAfterTheLastRun) {
  sqlite_exec(source_db("swarm"),
              "UPDATE users SET name = 'late' WHERE email = 'mara@example.com'");
  pg_value(dsn(), "UPDATE auth.users SET name = 'Mara O.' WHERE name = 'Mara Okafor'");
  const auto r = rollback();
  EXPECT_EQ(r.exit_code, 6) << r.all();
  EXPECT_THAT(r.out, HasSubstr("auth.users: 1 row(s) changed in SQLite after the last migrate or "
                               "sync"))
      << r.out;
  EXPECT_THAT(r.out, HasSubstr("id='8c1f2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b'")) << r.out;
  EXPECT_THAT(r.all(), HasSubstr("sync them to PostgreSQL first"));
  EXPECT_TRUE(fs::is_empty(dir_ / "back")) << directory_state(dir_ / "back");
}

TEST_F(Rollback, TheFilesOwnTriggersDoNotFireAndStayInIt) {
  sqlite_exec(source_db("swarm"), R"SQL(
    CREATE TRIGGER audit_users AFTER UPDATE ON users
    BEGIN UPDATE roles SET description = 'touched' WHERE id = 1; END;)SQL");
  pg_value(dsn(), "UPDATE auth.users SET name = 'Mara O.' WHERE name = 'Mara Okafor'");
  const auto r = rollback();
  ASSERT_EQ(r.exit_code, 0) << r.all();
  EXPECT_EQ(rows_not_kept(source_db("swarm"), out("swarm"), "roles"), 0);
  EXPECT_EQ(sqlite_value(out("swarm"), "SELECT name FROM users WHERE email = 'mara@example.com'"),
            "Mara O.");
  EXPECT_EQ(
      sqlite_value(out("swarm"), "SELECT sql FROM sqlite_master WHERE name = 'audit_users'"),
      sqlite_value(source_db("swarm"), "SELECT sql FROM sqlite_master WHERE name = 'audit_users'"));
}

// Two sources that are one file (a hard link to it): one file is written, with both sources'
// rows.
TEST_F(Rollback, WritesOneFileForSourcesThatAreOneFile) {
  const auto maps = dir_ / "split";
  fs::create_directories(maps);
  const std::string swarm = read_file(source_dir() / "mappings" / "swarm.yaml");
  const auto at = swarm.find("  verification_attempts:");
  ASSERT_NE(at, std::string::npos);
  std::ofstream(maps / "swarm.yaml") << swarm.substr(0, at);
  std::ofstream(maps / "tickets.yaml")
      << "source: tickets\npath: /opt/swarm-tickets/tickets.db\ntables:\n"
      << swarm.substr(at);
  fs::create_hard_link(source_db("swarm"), dir_ / "tickets.db");  // a symbolic link works too
  TestDatabase db("rollback_one_file");
  const std::vector<std::string> common = {
      "--target",   db.dsn(),
      "--mappings", maps.string(),
      "--source",   "swarm=" + source_db("swarm").string(),
      "--source",   "tickets=" + (dir_ / "tickets.db").string()};
  const auto with = [&](std::vector<std::string> head) {
    head.insert(head.end(), common.begin(), common.end());
    return head;
  };
  ASSERT_EQ(run_tool(with({"migrate", "-q"})).exit_code, 0);
  pg_value(db.dsn(), R"SQL(
    UPDATE auth.users SET name = 'Mara O.' WHERE name = 'Mara Okafor';
    UPDATE verification.attempts SET status = 'rolled-back'
      WHERE id = (SELECT id FROM verification.attempts ORDER BY id LIMIT 1);
    SELECT 1)SQL");
  const auto r = run_tool(with({"rollback", "-q", "--out", (dir_ / "back").string(), "--report",
                                (dir_ / "one.json").string()}));
  ASSERT_EQ(r.exit_code, 0) << r.all();
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir_ / "back")) names.push_back(e.path().filename());
  EXPECT_THAT(names, ::testing::ElementsAre("swarm.db"));
  EXPECT_EQ(sqlite_value(out("swarm"), "SELECT name FROM users WHERE email = 'mara@example.com'"),
            "Mara O.");
  EXPECT_EQ(sqlite_value(out("swarm"),
                         "SELECT count(*) FROM verification_attempts WHERE status = "
                         "'rolled-back'"),
            "1");
  EXPECT_EQ(report("one.json")["outputs"][0]["sources"], nlohmann::json({"swarm", "tickets"}));
}

TEST_F(Rollback, NeedsACommittedRun) {
  TestDatabase empty("rollback_without_migrate");
  ASSERT_EQ(run_tool({"schema", "up", "--target", empty.dsn()}).exit_code, 0);
  const auto r = run_tool(args({"rollback", "-q", "--out", (dir_ / "back").string()}, empty.dsn()));
  EXPECT_EQ(r.exit_code, 3) << r.all();
  EXPECT_THAT(r.all(), HasSubstr("rollback starts from one"));
}

// A large rollback, interrupted: SIGTERM leaves no file in the output directory; what SIGKILL
// leaves, the next rollback removes.
TEST(RollbackSignals, SigtermLeavesNoFileAndTheNextRunClearsWhatSigkillLeft) {
  TempDir data;
  build_bench_sqlite(data / "bench.db", 150'000);
  fs::create_directories(data / "mappings");
  fs::copy(source_dir() / "bench" / "mapping.yaml", data / "mappings" / "deployments.yaml");
  TestDatabase db("rollback_signal");
  const auto args = [&](std::vector<std::string> head) {
    for (const std::string& a :
         std::vector<std::string>{"--progress-interval", "0.05", "--target", db.dsn(), "--mappings",
                                  (data / "mappings").string(), "--source",
                                  "deployments=" + (data / "bench.db").string()})
      head.push_back(a);
    return head;
  };
  ASSERT_EQ(run_tool(args({"migrate", "-q"})).exit_code, 0);
  pg_value(db.dsn(), "UPDATE deploy.deployment_events SET status = 'late' WHERE id % 2 = 0");
  const auto original = sha256_file(data / "bench.db");
  for (const int sig : {SIGTERM, SIGKILL}) {
    RunningTool tool(args({"rollback", "--out", (data / "back").string()}));
    ASSERT_TRUE(tool.wait_for("comparing", 60)) << tool.err();
    tool.signal(sig);
    EXPECT_EQ(tool.wait_exit(20), sig == SIGTERM ? 143 : 128 + SIGKILL) << tool.err();
    if (sig == SIGTERM) {
      EXPECT_THAT(tool.out(), HasSubstr("FAILED: no file was written"));
      EXPECT_TRUE(fs::is_empty(data / "back")) << directory_state(data / "back");
    }
    EXPECT_EQ(sha256_file(data / "bench.db"), original);
  }
  const auto r = run_tool(args({"rollback", "-q", "--out", (data / "back").string()}));
  ASSERT_EQ(r.exit_code, 0) << r.all();
  EXPECT_THAT(r.out, HasSubstr("(75000 updated, 0 inserted, 0 deleted)")) << r.out;
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(data / "back")) names.push_back(e.path().filename());
  EXPECT_THAT(names, ::testing::ElementsAre("deployments.db"));
}

}  // namespace
}  // namespace s2p::test

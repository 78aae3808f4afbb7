// sync: after a migrate, only the rows SQLite changed since are applied, checked value by value
// with independent SQL; conflicts, dry runs and signals leave the target exactly as it was.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <sstream>
#include <thread>

#include "integration_test.h"
#include "pg_cluster.h"
#include "pg_query.h"
#include "tool.h"

namespace s2p::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
namespace fs = std::filesystem;

std::string target_content(const std::string& dsn) { return pg_table_contents(dsn); }

// The same without etl.runs, where every sync records itself.
std::string data_content(const std::string& dsn) {
  std::istringstream lines(target_content(dsn));
  std::string out;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("etl.runs ", 0) != 0) out += line + "\n";
  }
  return out;
}

class Sync : public IntegrationTest {
 protected:
  void SetUp() override {
    IntegrationTest::SetUp();
    ASSERT_EQ(run({"migrate", "-q"}).exit_code, 0);
  }
  // Writes to all three SQLite files after the cutover: new slug ids with new children of new
  // parents, an updated row with new JSON and timestamp, a deleted parent with its children.
  void write_to_sqlite() {
    sqlite_exec(source_db("registry"), R"SQL(
      INSERT INTO workflows (id, name, version, path, steps, tags, created_at, updated_at)
        VALUES ('wf-new-sync', 'new-sync', '1.0.0', '/w.yaml', '[{"id": "a"}]', '["n"]',
                '2026-11-30 10:00:00', '2026-11-30T10:00:00.125Z');
      INSERT INTO workflow_runs (id, workflow_id, status, step_results, started_at, created_at)
        VALUES ('run-new-1', 'wf-new-sync', 'running', '{"a": 1}', '2026-11-30 10:01:00',
                '2026-11-30 10:01:00');
      INSERT INTO step_executions (id, run_id, step_id, agent_id, status, inputs, queued_at)
        VALUES ('step-new-1', 'run-new-1', 'a', 'agt_3f9a2c', 'done', '{"k": [1, 2]}',
                '2026-11-30 10:02:00');
      UPDATE agents SET description = 'edited after the cutover', tags = '["x", "y"]',
                        updated_at = '2026-12-01 08:00:00' WHERE id = 'agt_3f9a2c';)SQL");
    sqlite_exec(source_db("deployments"), R"SQL(
      DELETE FROM deployment_events WHERE deployment_id IN ('d1a2b3c4-e5f6-4a7b-8c9d-0e1f2a3b4c5d',
                                                            'D1A2B3C4-E5F6-4A7B-8C9D-0E1F2A3B4C5D');
      DELETE FROM deployments WHERE lower(id) = 'd1a2b3c4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';)SQL");
    sqlite_exec(source_db("swarm"), R"SQL(
      DELETE FROM role_permissions WHERE role_id = 1 AND permission_id = 2;
      INSERT INTO roles (id, name, level) VALUES (99, 'late-role', 1);)SQL");
  }
};

TEST_F(Sync, AppliesExactlyWhatSqliteChangedCheckedValueByValue) {
  const long long events = pg_count(dsn(), "SELECT count(*) FROM deploy.deployment_events");
  const long long gone =
      pg_count(dsn(),
               "SELECT count(*) FROM deploy.deployment_events WHERE deployment_id = "
               "'d1a2b3c4-e5f6-4a7b-8c9d-0e1f2a3b4c5d'");
  ASSERT_GT(gone, 0);
  write_to_sqlite();
  const auto r = run({"sync", "-q", "--report", (dir_ / "sync.json").string()});
  ASSERT_EQ(r.exit_code, 0) << r.all();
  EXPECT_THAT(r.out, HasSubstr("SYNCED: 4 inserted, 1 updated, " + std::to_string(gone + 2) +
                               " deleted in 17 tables"))
      << r.out;
  expect_checks(
      dsn(),
      {
          // New slug ids got their deterministic UUIDs, recorded in etl.id_map, and the new
          // children
          // point at the new parents.
          {"SELECT w.name FROM registry.workflows w JOIN etl.id_map m ON m.new_id = w.id "
           "WHERE m.source = 'registry' AND m.source_table = 'workflows' AND m.legacy_id = "
           "'wf-new-sync'",
           "new-sync"},
          {"SELECT w.name || ' ' || r.status || ' ' || r.step_results::text FROM "
           "registry.workflow_runs r "
           "JOIN registry.workflows w ON w.id = r.workflow_id JOIN etl.id_map m ON m.new_id = r.id "
           "WHERE m.legacy_id = 'run-new-1'",
           "new-sync running {\"a\": 1}"},
          {"SELECT a.name || ' ' || s.inputs::text FROM registry.step_executions s "
           "JOIN registry.agents a ON a.id = s.agent_id JOIN registry.workflow_runs r ON r.id = "
           "s.run_id "
           "JOIN etl.id_map m ON m.new_id = r.id WHERE m.legacy_id = 'run-new-1'",
           "lint-runner {\"k\": [1, 2]}"},
          {"SELECT count(*) FROM etl.id_map WHERE legacy_id IN ('wf-new-sync', 'run-new-1', "
           "'step-new-1')",
           "3"},
          // The updated row: text, jsonb and a timestamp read as UTC in a server far from it.
          {"SELECT description || ' ' || tags::text || ' ' || to_char(updated_at AT TIME ZONE "
           "'UTC', "
           "'YYYY-MM-DD HH24:MI:SS') FROM registry.agents a JOIN etl.id_map m ON m.new_id = a.id "
           "WHERE m.legacy_id = 'agt_3f9a2c'",
           "edited after the cutover [\"x\", \"y\"] 2026-12-01 08:00:00"},
          {"SELECT to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS') FROM "
           "registry.workflows WHERE name = 'new-sync'",
           "2026-11-30 10:00:00.125"},
          // The deleted parent and its children are gone; nothing else of theirs.
          {"SELECT count(*) FROM deploy.deployments WHERE id = "
           "'d1a2b3c4-e5f6-4a7b-8c9d-0e1f2a3b4c5d'",
           "0"},
          {"SELECT count(*) FROM deploy.deployment_events", std::to_string(events - gone)},
          {"SELECT count(*) FROM auth.role_permissions p JOIN etl.id_map r ON r.new_id = p.role_id "
           "AND r.source_table = 'roles' JOIN etl.id_map q ON q.new_id = p.permission_id AND "
           "q.source_table = 'permissions' WHERE r.legacy_id = '1' AND q.legacy_id = '2'",
           "0"},
          {"SELECT count(*) FROM auth.role_permissions", "19"},
          {"SELECT r.name FROM auth.roles r JOIN etl.id_map m ON m.new_id = r.id WHERE "
           "m.source_table = 'roles' AND m.legacy_id = '99'",
           "late-role"},
          // The run is recorded as a sync, listing only the tables it changed.
          {"SELECT kind || ' ' || jsonb_array_length(tables) FROM etl.runs ORDER BY run_id DESC "
           "LIMIT 1",
           "sync 8"},
      });
  const auto j = report("sync.json");
  bool seen = false;
  for (const auto& t : j["tables"]) {
    if (t["target_table"] != "registry.agents") continue;
    EXPECT_EQ(t["updated"], 1);
    EXPECT_EQ(t["inserted"], 0);
    EXPECT_EQ(t["unchanged"], 14);
    EXPECT_TRUE(t["matches"]);
    seen = true;
  }
  EXPECT_TRUE(seen);
  const auto verify = run({"verify", "--exact", "-q"});
  EXPECT_EQ(verify.exit_code, 0) << verify.all();
  EXPECT_THAT(verify.out, HasSubstr("SAFE TO DELETE")) << verify.out;
  // Nothing changed since: a second sync applies nothing.
  const auto before = data_content(dsn());
  const auto again = run({"sync", "-q", "--report", (dir_ / "again.json").string()});
  EXPECT_EQ(again.exit_code, 0) << again.all();
  EXPECT_THAT(again.out, HasSubstr("IN SYNC: nothing changed in SQLite")) << again.out;
  const auto again_report = report("again.json");
  for (const auto& t : again_report["tables"]) {
    EXPECT_EQ(t["inserted"].get<int>() + t["updated"].get<int>() + t["deleted"].get<int>(), 0);
  }
  EXPECT_EQ(pg_count(dsn(), "SELECT count(*) FROM etl.runs WHERE kind = 'sync'"), 2);
  EXPECT_EQ(pg_value(dsn(),
                     "SELECT jsonb_array_length(tables) FROM etl.runs ORDER BY run_id DESC "
                     "LIMIT 1"),
            "0");
  // The sync recorded only the changed rows' fingerprints: one for agents.
  EXPECT_EQ(pg_value(dsn(),
                     "SELECT t->>'fingerprints' || ' ' || (t->>'fingerprint_rows') FROM "
                     "etl.runs r, jsonb_array_elements(r.tables) t WHERE r.kind = 'sync' "
                     "AND t->>'source_table' = 'agents'"),
            "changes 1");
  EXPECT_EQ(data_content(dsn()), before);
  // A third sync over the chain of recorded changes: a row changed twice, a new row deleted.
  sqlite_exec(source_db("registry"), R"SQL(
    UPDATE agents SET description = 'edited twice' WHERE id = 'agt_3f9a2c';
    DELETE FROM step_executions WHERE id = 'step-new-1';)SQL");
  const auto third = run({"sync", "-q"});
  EXPECT_EQ(third.exit_code, 0) << third.all();
  EXPECT_THAT(third.out, HasSubstr("SYNCED: 0 inserted, 1 updated, 1 deleted")) << third.out;
  const auto verify_again = run({"verify", "--exact", "-q"});
  EXPECT_EQ(verify_again.exit_code, 0) << verify_again.all();
  EXPECT_EQ(pg_count(dsn(),
                     "SELECT count(*) FROM registry.step_executions s JOIN etl.id_map m ON "
                     "m.new_id = s.id WHERE m.legacy_id = 'step-new-1'"),
            0);
}

TEST_F(Sync, EachConflictIsRefusedByNameAndNothingChanges) {
  sqlite_exec(source_db("registry"),
              "UPDATE agents SET description = 'SQLite edit' WHERE id = 'agt_3f9a2c'");
  sqlite_exec(source_db("swarm"), "UPDATE users SET name = 'SQLite name' WHERE id = 'usr_admin'");
  sqlite_exec(source_db("deployments"), R"SQL(
    INSERT INTO deployments (id, service, commit_sha, triggered_by, trigger_type, status, started_at)
      VALUES ('0a0a0a0a-0000-4000-8000-000000000001', 'from SQLite', 'abc', 'ops', 'manual',
              'succeeded', '2026-11-30 10:00:00');)SQL");
  pg_value(dsn(), R"SQL(
    UPDATE registry.agents SET name = 'PostgreSQL edit' WHERE id = (SELECT new_id FROM etl.id_map
      WHERE legacy_id = 'agt_3f9a2c');
    INSERT INTO deploy.deployments (id, service, commit_sha, triggered_by, trigger_type, status,
                                    started_at)
      VALUES ('0a0a0a0a-0000-4000-8000-000000000001', 'from PostgreSQL', 'abc', 'ops', 'manual',
              'succeeded', '2026-11-30 10:00:00+00');
    INSERT INTO auth.permissions (id, name) SELECT gen_random_uuid(), 'pg-only' RETURNING 1;)SQL");
  // usr_admin deleted in PostgreSQL but updated in SQLite
  pg_value(dsn(), "DELETE FROM auth.users WHERE email = 'admin@example.com' RETURNING 1");
  const auto before = target_content(dsn());
  const auto sources_before = directory_state(dir_ / "src");
  const auto r = run({"sync", "-q", "--report", (dir_ / "r.json").string()});
  EXPECT_EQ(r.exit_code, 6) << r.all();
  EXPECT_THAT(r.out, HasSubstr("registry.agents: 1 row(s) changed in PostgreSQL since the last "
                               "migrate or sync"))
      << r.out;
  EXPECT_THAT(r.out, HasSubstr("id='agt_3f9a2c' -> id=")) << r.out;
  EXPECT_THAT(r.out, HasSubstr("name: 'lint-runner' in SQLite, 'PostgreSQL edit' in PostgreSQL"))
      << r.out;
  EXPECT_THAT(r.out, HasSubstr("deploy.deployments: 1 row(s) added to SQLite, but PostgreSQL "
                               "already holds their key"))
      << r.out;
  EXPECT_THAT(r.out, HasSubstr("service: 'from SQLite' in SQLite, 'from PostgreSQL' in "
                               "PostgreSQL"))
      << r.out;
  EXPECT_THAT(r.out, HasSubstr("auth.users: 1 row(s) deleted from PostgreSQL since the last "
                               "migrate or sync"))
      << r.out;
  EXPECT_THAT(r.out, HasSubstr("id='usr_admin'")) << r.out;
  // A row PostgreSQL added that SQLite never touched is verify's to report, not a conflict.
  EXPECT_THAT(r.out, Not(HasSubstr("auth.permissions:"))) << r.out;
  EXPECT_THAT(r.out, HasSubstr("FAILED: nothing was applied; the target is as it was")) << r.out;
  EXPECT_EQ(target_content(dsn()), before);
  EXPECT_EQ(directory_state(dir_ / "src"), sources_before);
  const auto j = report("r.json");
  EXPECT_EQ(j["exit_code"], 6);
  for (const auto& t : j["tables"]) {
    if (t["target_table"] == "deploy.deployments") {
      EXPECT_EQ(t["differences"]["target_key_taken"], 1);
    }
  }
}

TEST_F(Sync, DryRunShowsWhatWouldBeAppliedAndLeavesTheTargetUntouched) {
  write_to_sqlite();
  const auto before = target_content(dsn());
  const auto dry = run({"sync", "-q", "--dry-run"});
  EXPECT_EQ(dry.exit_code, 0) << dry.all();
  EXPECT_THAT(dry.out, HasSubstr("DRY RUN OK: 4 inserted, 1 updated")) << dry.out;
  EXPECT_EQ(target_content(dsn()), before);
  const auto real = run({"sync", "-q"});
  EXPECT_EQ(real.exit_code, 0) << real.all();
  EXPECT_THAT(real.out, HasSubstr("SYNCED: 4 inserted, 1 updated")) << real.out;
}

TEST_F(Sync, AChangePostgresAlreadyHoldsIsLeftOut) {
  sqlite_exec(source_db("registry"),
              "UPDATE agents SET description = 'same on both' WHERE id = 'agt_3f9a2c'");
  sqlite_exec(source_db("swarm"),
              "DELETE FROM role_permissions WHERE role_id = 1 AND "
              "permission_id = 2");
  pg_value(dsn(), R"SQL(
    UPDATE registry.agents SET description = 'same on both' WHERE id = (SELECT new_id FROM
      etl.id_map WHERE legacy_id = 'agt_3f9a2c');
    DELETE FROM auth.role_permissions WHERE (role_id, permission_id) = (
      (SELECT new_id FROM etl.id_map WHERE source_table = 'roles' AND legacy_id = '1'),
      (SELECT new_id FROM etl.id_map WHERE source_table = 'permissions' AND legacy_id = '2'))
      RETURNING 1;)SQL");
  const auto r = run({"sync", "-q"});
  EXPECT_EQ(r.exit_code, 0) << r.all();
  EXPECT_THAT(r.out, HasSubstr("IN SYNC: PostgreSQL already holds the rows changed in SQLite"))
      << r.out;
  const auto v = run({"verify", "--exact", "-q"});
  EXPECT_EQ(v.exit_code, 0) << v.all();
}

// SQLite without foreign keys enforced keeps the children of a deleted parent; PostgreSQL's ON
// DELETE CASCADE would delete them silently. sync refuses, naming the table.
TEST_F(Sync, RowsAForeignKeyActionWouldChangeAreRefused) {
  sqlite_exec(source_db("swarm"), "DELETE FROM permissions WHERE id = 1");
  const auto before = target_content(dsn());
  const auto r = run({"sync", "-q"});
  EXPECT_EQ(r.exit_code, 4) << r.all();
  EXPECT_THAT(r.all(), HasSubstr("changed other rows too")) << r.all();
  EXPECT_THAT(r.all(), HasSubstr("auth.role_permissions: 0 inserted, 0 updated, ")) << r.all();
  EXPECT_EQ(target_content(dsn()), before);
}

TEST_F(Sync, NeedsACommittedMigrateOfEveryTable) {
  TestDatabase empty("sync_without_migrate");
  ASSERT_EQ(run_tool({"schema", "up", "--target", empty.dsn()}).exit_code, 0);
  const auto r = run_tool(args({"sync", "-q"}, empty.dsn()));
  EXPECT_EQ(r.exit_code, 3) << r.all();
  EXPECT_THAT(r.all(), HasSubstr("no committed migrate or sync is recorded for these tables"));
  EXPECT_THAT(r.all(), HasSubstr("registry.agents -> registry.agents"));
}

// A large change, interrupted while it is being applied: the target stays as it was, and the
// next sync applies it whole.
class SyncSignals : public ::testing::Test {
 protected:
  void SetUp() override {
    build_bench_sqlite(data_ / "bench.db", 150'000);
    fs::create_directories(data_ / "mappings");
    fs::copy(source_dir() / "bench" / "mapping.yaml", data_ / "mappings" / "deployments.yaml");
  }
  std::vector<std::string> args(const char* command, const std::string& dsn) const {
    return {command,
            "--progress-interval",
            "0.05",
            "--target",
            dsn,
            "--mappings",
            (data_ / "mappings").string(),
            "--source",
            "deployments=" + (data_ / "bench.db").string()};
  }
  TempDir data_;
};

TEST_F(SyncSignals, SigtermAndSigkillMidSyncLeaveTheTargetAsBefore) {
  for (const int sig : {SIGTERM, SIGKILL}) {
    TestDatabase db(std::string("sync_signal_") + std::to_string(sig));
    ASSERT_EQ(run_tool(args("migrate", db.dsn())).exit_code, 0);
    sqlite_exec(data_ / "bench.db", "UPDATE deployment_events SET status = 'late-" +
                                        std::to_string(sig) + "' WHERE id % 2 = 0");
    const auto before = target_content(db.dsn());
    RunningTool tool(args("sync", db.dsn()));
    ASSERT_TRUE(tool.wait_for("applying", 60)) << tool.err();
    tool.signal(sig);
    const int code = tool.wait_exit(10);
    EXPECT_EQ(code, sig == SIGTERM ? 143 : 128 + SIGKILL) << tool.err();
    if (sig == SIGTERM) {
      EXPECT_THAT(tool.out(), HasSubstr("FAILED: nothing was applied"));
    }
    for (int i = 0; i < 100 && pg_count(db.dsn(),
                                        "SELECT count(*) FROM pg_stat_activity WHERE "
                                        "datname = current_database() AND pid <> "
                                        "pg_backend_pid()") > 0;
         ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_EQ(target_content(db.dsn()), before);
    const auto rerun = run_tool(args("sync", db.dsn()));
    EXPECT_EQ(rerun.exit_code, 0) << rerun.all();
    EXPECT_THAT(rerun.out, HasSubstr("SYNCED: 0 inserted, 75000 updated")) << rerun.out;
    // Half the table changed: the sync recorded every row's fingerprint again.
    EXPECT_EQ(pg_value(db.dsn(),
                       "SELECT string_agg(t->>'fingerprints', ',') FROM etl.runs r, "
                       "jsonb_array_elements(r.tables) t WHERE r.kind = 'sync'"),
              "all");
    const auto verify = run_tool(args("verify", db.dsn()));
    EXPECT_EQ(verify.exit_code, 0) << verify.all();
  }
}

}  // namespace
}  // namespace s2p::test

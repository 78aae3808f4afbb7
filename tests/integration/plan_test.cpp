// plan: everything that would make migrate fail, reported before the window; nothing written.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "pg_cluster.h"
#include "pg_query.h"
#include "tool.h"

namespace s2p::test {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

class Plan : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(
        std::string("plan_") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    sources_ = sample_sources(dir_.path());
    fs::copy(source_dir() / "migrations", dir_ / "migrations");
  }
  ToolResult plan(std::vector<std::string> extra = {}) {
    std::vector<std::string> a = {"plan",         "-q",
                                  "--target",     db_->dsn(),
                                  "--migrations", (dir_ / "migrations").string(),
                                  "--report",     (dir_ / "plan.json").string()};
    a.insert(a.end(), sources_.begin(), sources_.end());
    a.insert(a.end(), extra.begin(), extra.end());
    return run_tool(a);
  }
  nlohmann::json report() const { return nlohmann::json::parse(read_file(dir_ / "plan.json")); }

  TempDir dir_;
  std::unique_ptr<TestDatabase> db_;
  std::vector<std::string> sources_;
};

TEST_F(Plan, ACleanCutoverIsReadyAndNothingIsWritten) {
  const auto before = pg_fingerprint(db_->dsn());
  const auto r = plan();
  EXPECT_EQ(r.exit_code, 0) << r.all();
  EXPECT_THAT(r.out, HasSubstr("READY: migrate would load every table")) << r.out;
  EXPECT_THAT(r.out, HasSubstr("migrations: 7 pending"));
  EXPECT_THAT(r.out, HasSubstr("mapped target tables: empty"));
  EXPECT_EQ(pg_fingerprint(db_->dsn()), before);  // not even the migrations' ledger
  const auto j = report();
  EXPECT_EQ(j["command"], "plan");
  EXPECT_EQ(j["plan"]["load_order"].size(), 17u);
  EXPECT_EQ(j["plan"]["load_order"][0]["target_table"], "deploy.deployments");  // parents first
  EXPECT_EQ(j["plan"]["load_order"][1]["target_table"], "deploy.deployment_events");
  EXPECT_EQ(j["plan"]["load_order"][1]["rows"], 256);
  for (const auto& g : j["plan"]["schema_gaps"]) EXPECT_TRUE(g["missing"].empty()) << g;
  EXPECT_TRUE(j["plan"]["data_problems"].empty());
}

// sqlite2pg's own migrations left out: plan and migrate refuse alike, each naming the file.
TEST_F(Plan, MissingEtlMigrationsAreNamedByPlanAndMigrate) {
  for (const char* file : {"005_etl_row_hashes.sql", "000_etl.sql"}) {
    std::filesystem::remove(dir_ / "migrations" / file);
    const auto r = plan();
    EXPECT_EQ(r.exit_code, 3) << r.all();
    EXPECT_THAT(r.out, HasSubstr(std::string("must include sqlite2pg's migrations/") + file))
        << r.out;
    EXPECT_THAT(r.out, HasSubstr("NOT READY"));
    std::vector<std::string> migrate = {"migrate",  "-q",           "--target",
                                        db_->dsn(), "--migrations", (dir_ / "migrations").string()};
    migrate.insert(migrate.end(), sources_.begin(), sources_.end());
    const auto m = run_tool(migrate);
    EXPECT_EQ(m.exit_code, 3) << m.all();
    EXPECT_THAT(m.err, HasSubstr(std::string("must include sqlite2pg's migrations/") + file));
  }
}

TEST_F(Plan, ASourceTableNoMappingMentionsIsWarnedAbout) {
  sqlite_exec(dir_ / "swarm.db",
              "CREATE TABLE audit_notes (id INTEGER PRIMARY KEY, note TEXT);"
              "INSERT INTO audit_notes (note) VALUES ('kept in SQLite only');");
  const auto r = plan();
  EXPECT_EQ(r.exit_code, 0) << r.all();  // a warning, not a problem
  EXPECT_THAT(r.out, HasSubstr("source table swarm.audit_notes is not mapped; its rows would be "
                               "left behind"))
      << r.out;
  EXPECT_THAT(report()["warnings"].dump(), HasSubstr("swarm.audit_notes"));
  std::vector<std::string> migrate = {"migrate", "-q", "--dry-run", "--target", db_->dsn()};
  migrate.insert(migrate.end(), sources_.begin(), sources_.end());
  EXPECT_THAT(run_tool(migrate).err, HasSubstr("source table swarm.audit_notes is not mapped"));
}

// A migration the target refuses: plan reports it as that, with migrate's exit code.
TEST_F(Plan, AFailingMigrationHasOneExitCodeInPlanAndMigrate) {
  std::ofstream(dir_ / "migrations" / "009_broken.sql")
      << "-- a comment; then a statement that works\nSELECT 'é';\nSELECT no_such_fn();\n";
  const auto r = plan();
  EXPECT_EQ(r.exit_code, 5) << r.all();
  // The line is the file's, counted in characters as the server counts them.
  EXPECT_THAT(r.out, HasSubstr("migrations would fail: migration 009_broken.sql failed at line 3: "
                               "function no_such_fn() does not exist"))
      << r.out;
  // The plan goes on past it: the other migrations' tables exist, the load order is complete.
  EXPECT_THAT(r.out, HasSubstr("tables                       17       17        0")) << r.out;
  EXPECT_THAT(r.out, HasSubstr("swarm.users")) << r.out;
  std::vector<std::string> migrate = {"migrate",  "-q",           "--target",
                                      db_->dsn(), "--migrations", (dir_ / "migrations").string()};
  migrate.insert(migrate.end(), sources_.begin(), sources_.end());
  const auto m = run_tool(migrate);
  EXPECT_EQ(m.exit_code, r.exit_code) << m.all();
  EXPECT_THAT(m.err, HasSubstr("009_broken.sql failed at line 3"));
}

// A migration that ends in COPY ... FROM stdin waits for data no one sends: refused by name,
// and the session goes on (the plan still runs the other migrations). (With the rows inline, as
// pg_dump writes them, the server refuses the file's first row as a syntax error, by line.)
TEST_F(Plan, AMigrationWithCopyFromStdinIsRefusedByName) {
  std::ofstream(dir_ / "migrations" / "009_dump.sql")
      << "CREATE TABLE public.dumped (id int);\nCOPY public.dumped (id) FROM stdin;\n";
  const auto r = plan();
  EXPECT_EQ(r.exit_code, 5) << r.all();
  EXPECT_THAT(r.out, HasSubstr("migration 009_dump.sql failed: COPY ... FROM STDIN and COPY ... "
                               "TO STDOUT cannot run inside a statement sqlite2pg sends"))
      << r.out;
  EXPECT_THAT(r.out, HasSubstr("swarm.users")) << r.out;
}

TEST_F(Plan, ReportsEverySchemaGapAndDataProblemAtOnce) {
  // A schema that is incomplete even with the pending migrations applied...
  fs::remove(dir_ / "migrations" / "004_verification.sql");
  std::ofstream(dir_ / "migrations" / "007_gaps.sql")
      << "ALTER TABLE registry.agents DROP COLUMN runtime;\n"
         "ALTER TABLE registry.agents ALTER COLUMN memory_mb TYPE text;\n"
         "ALTER TABLE auth.roles ADD COLUMN code text NOT NULL;\n";
  // ...and bad data in the sources.
  sqlite_exec(dir_ / "registry.db",
              "INSERT INTO agents (id, name, version, path, capabilities) VALUES ('agt_badjson', "
              "'x', '1', '/x', '{\"a\": [1');"
              "INSERT INTO agents (id, name, version, path) VALUES "
              "('9D1E2F3A-4B5C-4D6E-8F70-8192A3B4C5D6', 'd', '1', '/p'),"
              " ('9d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6', 'd', '2', '/p');"
              "ALTER TABLE agents ADD COLUMN legacy_flag INTEGER;");
  sqlite_exec(dir_ / "deployments.db",
              "INSERT INTO deployment_events (id, deployment_id, stage, status) VALUES (9001, "
              "'dep-missing', 's', 'x'),"
              " (9002, 'dep-gone', 's', 'x');"
              "UPDATE deployments SET started_at = 'last tuesday' WHERE id = (SELECT min(id) FROM "
              "deployments);");
  const auto before = pg_fingerprint(db_->dsn());
  const auto r = plan();
  EXPECT_EQ(r.exit_code, 3) << r.all();
  for (const char* expected :
       {"schemas                       4        3        1", "- schemas: verification",
        "- tables: verification.attempts", "- columns: registry.agents.runtime",
        "registry.agents.memory_mb is text", "auth.roles.code is NOT NULL without a default",
        "refused_value: registry.agents, column capabilities: 1 row(s)",
        "row id='agt_badjson': invalid JSON",
        "refused_value: deployments.deployments, column started_at",
        "duplicate_key: registry.agents, column id: 2 row(s)",
        "id='9D1E2F3A-4B5C-4D6E-8F70-8192A3B4C5D6' and id='9d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6'",
        "orphan_reference: deployments.deployment_events, column deployment_id: 2 row(s)",
        "row id=9001: deployment_id = 'dep-missing'",
        "source column registry.agents.legacy_flag is not mapped", "NOT READY"}) {
    EXPECT_THAT(r.out, HasSubstr(expected)) << "missing: " << expected << "\n" << r.out;
  }
  EXPECT_EQ(pg_fingerprint(db_->dsn()), before);
  const auto j = report();
  std::map<std::string, int> kinds;
  for (const auto& f : j["plan"]["data_problems"]) kinds[f["kind"]] += f["count"].get<int>();
  EXPECT_EQ(kinds["refused_value"], 2);
  EXPECT_EQ(kinds["duplicate_key"], 2);
  EXPECT_EQ(kinds["orphan_reference"], 2);
}

TEST_F(Plan, DataProblemsAloneExitWithFourAndRowsInTheTargetWithSeven) {
  sqlite_exec(dir_ / "swarm.db",
              "UPDATE users SET last_login = 1735121472000 WHERE id = 'usr_admin'");
  auto r = plan();
  EXPECT_EQ(r.exit_code, 4) << r.all();
  EXPECT_THAT(
      r.out,
      HasSubstr("row id='usr_admin': epoch seconds value 1735121472000 is outside 1900..2200"))
      << r.out;
  sqlite_exec(dir_ / "swarm.db", "UPDATE users SET last_login = 1735121472 WHERE id = 'usr_admin'");
  std::vector<std::string> migrate = {"migrate",  "-q",           "--target",
                                      db_->dsn(), "--migrations", (dir_ / "migrations").string()};
  migrate.insert(migrate.end(), sources_.begin(), sources_.end());
  ASSERT_EQ(run_tool(migrate).exit_code, 0);
  r = plan();
  EXPECT_EQ(r.exit_code, 7) << r.all();
  EXPECT_THAT(r.out, HasSubstr("migrations: all applied"));
  EXPECT_THAT(r.out, HasSubstr("auth.users (12 rows)")) << r.out;
  EXPECT_EQ(plan({"--replace"}).exit_code, 0);
}

}  // namespace
}  // namespace s2p::test

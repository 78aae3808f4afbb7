// migrate on the bundled sample databases, checked value by value with independent SQL.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "integration_test.h"
#include "pg_cluster.h"
#include "pg_query.h"
#include "tool.h"

namespace s2p::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

using Cutover = IntegrationTest;

// Every (legacy key, column) of a source table compared with the target row found through the
// remapped key; PostgreSQL itself parses the source text, in a UTC session.
void expect_column_equal(const std::string& dsn, const std::filesystem::path& sqlite_file,
                         const std::string& table, const std::string& key,
                         const std::string& target_table, const std::string& target_key_expr,
                         const std::string& column, const std::string& cast) {
  SQLite::Database src(sqlite_file.string(), SQLite::OPEN_READONLY);
  SQLite::Statement q(src, "SELECT CAST(" + key + " AS TEXT), " + column + ", typeof(" + column +
                               ") FROM " + table);
  pqxx::connection c(dsn);
  pqxx::work w(c);
  w.exec("SET TIME ZONE 'UTC'");
  int rows = 0;
  while (q.executeStep()) {
    const std::string legacy = q.getColumn(0).getString();
    const std::string type = q.getColumn(2).getString();
    const auto col = q.getColumn(1);
    const std::string value(static_cast<const char*>(col.getBlob()),
                            static_cast<std::size_t>(col.getBytes()));
    const std::string target_row = target_key_expr +
                                   "::text = (SELECT coalesce((SELECT new_id::text FROM etl.id_map "
                                   "WHERE source_table = " +
                                   w.quote(table) + " AND legacy_id = " + w.quote(legacy) +
                                   "), lower(" + w.quote(legacy) + ")))";
    std::string expected;
    if (type == "null") {
      expected = "NULL";
    } else if (cast == "bytea") {
      expected = w.quote_raw(reinterpret_cast<const unsigned char*>(value.data()), value.size()) +
                 "::bytea";
    } else {
      expected = w.quote(value) + "::" + cast;
    }
    const auto r = w.exec("SELECT " + column + " IS NOT DISTINCT FROM " + expected + " FROM " +
                          target_table + " WHERE " + target_row);
    ASSERT_EQ(r.size(), 1u) << table << " row " << legacy << " not found in " << target_table;
    EXPECT_EQ(std::string(r[0][0].c_str()), "t")
        << table << " row " << legacy << " column " << column << " differs; source " << type
        << " value: " << value.substr(0, 80);
    ++rows;
  }
  EXPECT_GT(rows, 0) << table << " has no rows";
}

TEST_F(Cutover, LoadsEveryTableAndCommits) {
  const auto r = run_tool(args({"migrate"}));
  ASSERT_EQ(r.exit_code, 0) << r.all();
  EXPECT_THAT(r.out, HasSubstr("COMMITTED: 17 tables")) << r.out;
  struct Count {
    const char* sqlite;
    const char* source;
    const char* target;
  };
  for (const auto& c :
       std::vector<Count>{{"registry", "agents", "registry.agents"},
                          {"registry", "workflows", "registry.workflows"},
                          {"registry", "workflow_runs", "registry.workflow_runs"},
                          {"registry", "step_executions", "registry.step_executions"},
                          {"registry", "vm_assignments", "registry.vm_assignments"},
                          {"registry", "triggers", "registry.triggers"},
                          {"registry", "secrets", "registry.secrets"},
                          {"registry", "execution_artifacts", "registry.execution_artifacts"},
                          {"deployments", "deployments", "deploy.deployments"},
                          {"deployments", "deployment_events", "deploy.deployment_events"},
                          {"deployments", "queue", "deploy.queue"},
                          {"deployments", "commit_ticket_map", "deploy.commit_ticket_map"},
                          {"swarm", "roles", "auth.roles"},
                          {"swarm", "permissions", "auth.permissions"},
                          {"swarm", "role_permissions", "auth.role_permissions"},
                          {"swarm", "users", "auth.users"},
                          {"swarm", "verification_attempts", "verification.attempts"}}) {
    SQLite::Database src(source_db(c.sqlite).string(), SQLite::OPEN_READONLY);
    const long long expected =
        src.execAndGet(std::string("SELECT count(*) FROM ") + c.source).getInt64();
    EXPECT_GT(expected, 0) << c.source;
    EXPECT_EQ(pg_count(dsn(), std::string("SELECT count(*) FROM ") + c.target), expected)
        << c.target;
  }
}

TEST_F(Cutover, ValuesArriveExactly) {
  ASSERT_EQ(run_tool(args({"migrate", "-q"})).exit_code, 0);
  const auto reg = source_db("registry"), dep = source_db("deployments"), sw = source_db("swarm");
  // JSON (parsed by PostgreSQL from the original text), timestamps (naive text read as UTC),
  // text byte for byte, blobs, booleans.
  for (const char* col : {"capabilities", "inputs_schema", "outputs_schema", "triggers", "tags"}) {
    expect_column_equal(dsn(), reg, "agents", "id", "registry.agents", "id", col, "jsonb");
  }
  for (const char* col : {"created_at", "updated_at"}) {
    expect_column_equal(dsn(), reg, "agents", "id", "registry.agents", "id", col, "timestamptz");
  }
  for (const char* col : {"name", "version", "path", "description", "runtime", "author"}) {
    expect_column_equal(dsn(), reg, "agents", "id", "registry.agents", "id", col, "text");
  }
  for (const char* col : {"trigger_config", "steps", "variables", "on_error", "on_success"}) {
    expect_column_equal(dsn(), reg, "workflows", "id", "registry.workflows", "id", col, "jsonb");
  }
  expect_column_equal(dsn(), reg, "workflows", "id", "registry.workflows", "id", "enabled",
                      "int::boolean");
  expect_column_equal(dsn(), reg, "secrets", "id", "registry.secrets", "id", "encrypted_value",
                      "bytea");
  expect_column_equal(dsn(), reg, "execution_artifacts", "id", "registry.execution_artifacts", "id",
                      "content", "text");
  for (const char* col : {"started_at", "completed_at", "created_at"}) {
    expect_column_equal(dsn(), dep, "deployments", "id", "deploy.deployments", "id", col,
                        "timestamptz");
  }
  for (const char* col : {"build_log", "deploy_log", "health_check_result", "rollback_reason"}) {
    expect_column_equal(dsn(), dep, "deployments", "id", "deploy.deployments", "id", col, "text");
  }
  expect_column_equal(dsn(), dep, "deployment_events", "id", "deploy.deployment_events", "id::text",
                      "details", "jsonb");
  expect_column_equal(dsn(), dep, "deployment_events", "id", "deploy.deployment_events", "id::text",
                      "message", "text");
  for (const char* col : {"static_result", "automated_result", "sentinel_result"}) {
    expect_column_equal(dsn(), sw, "verification_attempts", "id", "verification.attempts", "id",
                        col, "jsonb");
  }
  expect_column_equal(dsn(), sw, "verification_attempts", "id", "verification.attempts", "id",
                      "created_at", "timestamptz");
}

TEST_F(Cutover, EpochsIdsTenantsAndSequences) {
  ASSERT_EQ(run_tool(args({"migrate", "-q"})).exit_code, 0);
  // Epoch seconds and milliseconds, compared with the source integers.
  SQLite::Database sw(source_db("swarm").string(), SQLite::OPEN_READONLY);
  SQLite::Statement users(sw, "SELECT email, last_login FROM users WHERE last_login IS NOT NULL");
  while (users.executeStep()) {
    EXPECT_EQ(
        pg_value(dsn(),
                 "SELECT extract(epoch FROM last_login)::bigint FROM auth.users WHERE email = '" +
                     users.getColumn(0).getString() + "'"),
        std::to_string(users.getColumn(1).getInt64()));
  }
  SQLite::Database reg(source_db("registry").string(), SQLite::OPEN_READONLY);
  SQLite::Statement vms(reg, "SELECT vm_id, assigned_at FROM vm_assignments");
  while (vms.executeStep()) {
    EXPECT_EQ(
        pg_value(
            dsn(),
            "SELECT (extract(epoch FROM assigned_at) * 1000)::bigint FROM registry.vm_assignments "
            "WHERE vm_id = '" +
                vms.getColumn(0).getString() + "'"),
        std::to_string(vms.getColumn(1).getInt64()));
  }
  // 'default' became one fixed tenant UUID; UUID tenants kept.
  const long long defaults =
      sw.execAndGet("SELECT count(*) FROM users WHERE tenant_id = 'default'").getInt64();
  ASSERT_GT(defaults, 1);
  EXPECT_EQ(pg_count(dsn(),
                     "SELECT count(*) FROM auth.users WHERE tenant_id = "
                     "'2c7bc33c-08c2-514a-a14d-f635ffdda693'"),
            defaults);
  // UUID-shaped ids keep their value, lower-cased; nothing UUID-shaped is in etl.id_map.
  EXPECT_EQ(
      pg_count(dsn(),
               "SELECT count(*) FROM auth.users WHERE id = 'f9a0b1c2-d3e4-4f5a-8b6c-7d8e9fa0b1c2'"),
      1);
  EXPECT_EQ(pg_count(dsn(), "SELECT count(*) FROM etl.id_map WHERE legacy_id ~* '^[0-9a-f]{8}-'"),
            0);
  // Slugs and INTEGER ids got new UUIDs, recorded, and references followed them.
  EXPECT_EQ(
      pg_value(
          dsn(),
          "SELECT u.email FROM auth.users u JOIN etl.id_map m ON m.new_id = u.id "
          "WHERE m.source = 'swarm' AND m.source_table = 'users' AND m.legacy_id = 'usr_admin'"),
      "admin@example.com");
  const auto admin_role = sw.execAndGet(
                                "SELECT r.name FROM users u JOIN roles r ON r.id = u.role_id "
                                "WHERE u.id = 'usr_admin'")
                              .getString();
  EXPECT_EQ(pg_value(dsn(),
                     "SELECT r.name FROM auth.users u JOIN auth.roles r ON r.id = u.role_id "
                     "WHERE u.email = 'admin@example.com'"),
            admin_role);
  EXPECT_EQ(
      pg_count(dsn(),
               "SELECT count(*) FROM etl.id_map WHERE source_table = 'roles' AND legacy_id = '1'"),
      1);
  EXPECT_EQ(
      pg_count(
          dsn(),
          "SELECT count(*) FROM auth.role_permissions rp JOIN auth.roles r ON r.id = rp.role_id "
          "JOIN auth.permissions p ON p.id = rp.permission_id"),
      sw.execAndGet("SELECT count(*) FROM role_permissions").getInt64());
  // The SERIAL id kept its values, and the next INSERT of a service works.
  pqxx::connection c(dsn());
  pqxx::work w(c);
  const auto max_id = w.exec1("SELECT max(id) FROM deploy.deployment_events")[0].as<long long>();
  const auto next = w.exec1(
                         "INSERT INTO deploy.deployment_events (deployment_id, stage, status) "
                         "SELECT id, 'test', 'ok' FROM deploy.deployments LIMIT 1 RETURNING id")[0]
                        .as<long long>();
  EXPECT_GT(next, max_id);
  w.abort();
}

TEST_F(Cutover, TheSchemaAfterACutoverIsExactlyWhatTheMigrationsBuilt) {
  ASSERT_EQ(run_tool(args({"migrate", "-q"})).exit_code, 0);
  TestDatabase plain("cutover_schema_only");
  ASSERT_EQ(run_tool({"schema", "up", "--target", plain.dsn()}).exit_code, 0);
  const auto expected = pg_schema_definitions(plain.dsn());
  EXPECT_THAT(expected, HasSubstr("idx_events_deployment"));
  EXPECT_THAT(expected, HasSubstr("FOREIGN KEY"));
  EXPECT_EQ(pg_schema_definitions(dsn()), expected);
}

TEST_F(Cutover, RemappedIdsAreTheSameOnEveryRun) {
  ASSERT_EQ(run_tool(args({"migrate", "-q"})).exit_code, 0);
  TestDatabase second("cutover_second_run");
  ASSERT_EQ(run_tool(args({"migrate", "-q"}, second.dsn())).exit_code, 0);
  const char* sql =
      "SELECT string_agg(source || source_table || legacy_id || new_id::text, ',' ORDER BY 1) FROM "
      "etl.id_map";
  const auto first_map = pg_value(dsn(), sql);
  ASSERT_TRUE(first_map.has_value());
  EXPECT_EQ(first_map, pg_value(second.dsn(), sql));
}

TEST_F(Cutover, RecordsTheRunAndVerifies) {
  ASSERT_EQ(run_tool(args({"migrate", "-q"})).exit_code, 0);
  EXPECT_EQ(pg_count(dsn(), "SELECT count(*) FROM etl.runs"), 1);
  EXPECT_EQ(pg_count(dsn(), "SELECT jsonb_array_length(tables) FROM etl.runs"), 17);
  std::string cmd = "sha256sum " + source_db("registry").string() + " > " + (dir_ / "sha").string();
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  const std::string expected = read_file(dir_ / "sha").substr(0, 64);
  EXPECT_EQ(pg_value(dsn(),
                     "SELECT s->>'sha256' FROM etl.runs, jsonb_array_elements(sources) s WHERE "
                     "s->>'name' = 'registry'"),
            expected);
  EXPECT_EQ(pg_count(dsn(),
                     "SELECT count(*) FROM etl.runs r, jsonb_array_elements(r.tables) t "
                     "WHERE t->>'target_table' = 'auth.users' AND (t->>'rows')::int = 12"),
            1);
  const auto v = run_tool(args({"verify", "--report", (dir_ / "verify.json").string()}));
  EXPECT_EQ(v.exit_code, 0) << v.all();
  EXPECT_THAT(v.out, HasSubstr("SAFE TO DELETE"));
}

TEST_F(Cutover, DryRunOnALiveTargetChangesNothingNotEvenSequences) {
  ASSERT_EQ(run_tool(args({"migrate", "-q"})).exit_code, 0);
  // The services have written since: rows and sequence positions the dry run must not disturb.
  pg_value(
      dsn(),
      "INSERT INTO deploy.deployment_events (deployment_id, stage, status) SELECT id, 'live', 'ok' "
      "FROM deploy.deployments LIMIT 5 RETURNING 1");
  const auto before = pg_fingerprint(dsn());
  ASSERT_THAT(before, HasSubstr("deployment_events_id_seq seq=521")) << before;
  const auto r = run_tool(args({"migrate", "--dry-run", "--replace"}));
  EXPECT_EQ(r.exit_code, 0) << r.all();
  EXPECT_EQ(pg_fingerprint(dsn()), before);
  // And a real --replace that fails half-way leaves it as it was too.
  sqlite_exec(source_db("swarm"), "UPDATE users SET last_login = 'never' WHERE id = 'usr_admin'");
  EXPECT_EQ(run_tool(args({"migrate", "--replace"})).exit_code, 4);
  EXPECT_EQ(pg_fingerprint(dsn()), before);
}

TEST_F(Cutover, AReportPathThatCannotBeWrittenStopsTheRunBeforeItStarts) {
  const auto r = run_tool(args({"migrate", "--report", "/nonexistent-dir/r.json"}));
  EXPECT_EQ(r.exit_code, 2) << r.all();
  EXPECT_THAT(r.err, HasSubstr("--report /nonexistent-dir/r.json cannot be created")) << r.err;
  EXPECT_EQ(pg_fingerprint(dsn()), "");
}

TEST_F(Cutover, DryRunRollsBackAndSaysItWouldSucceed) {
  const auto before = pg_fingerprint(dsn());
  const auto r =
      run_tool(args({"migrate", "--dry-run", "--report", (dir_ / "report.json").string()}));
  EXPECT_EQ(r.exit_code, 0) << r.all();
  EXPECT_THAT(r.out, HasSubstr("DRY RUN OK"));
  EXPECT_EQ(pg_fingerprint(dsn()), before);
  const auto report = read_file(dir_ / "report.json");
  EXPECT_THAT(report, HasSubstr("\"dry_run\": true"));
  EXPECT_THAT(report, HasSubstr("\"target_table\": \"auth.users\""));
  EXPECT_EQ(
      std::filesystem::status(dir_ / "report.json").permissions() & std::filesystem::perms::all,
      std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}

TEST_F(Cutover, RefusesATargetThatHoldsRowsUnlessReplace) {
  ASSERT_EQ(run_tool(args({"migrate", "-q"})).exit_code, 0);
  pg_value(dsn(), "INSERT INTO auth.roles (name, level) VALUES ('added-after', 9) RETURNING 1");
  const auto before = pg_count(dsn(), "SELECT count(*) FROM auth.roles");
  const auto refused = run_tool(args({"migrate"}));
  EXPECT_EQ(refused.exit_code, 7) << refused.all();
  EXPECT_THAT(refused.err, HasSubstr("auth.roles (5 rows)")) << refused.err;
  EXPECT_THAT(refused.err, HasSubstr("--replace"));
  EXPECT_EQ(pg_count(dsn(), "SELECT count(*) FROM auth.roles"), before);
  const auto replaced = run_tool(args({"migrate", "--replace", "-q"}));
  EXPECT_EQ(replaced.exit_code, 0) << replaced.all();
  EXPECT_EQ(pg_count(dsn(), "SELECT count(*) FROM auth.roles"), 4);
  EXPECT_EQ(pg_count(dsn(), "SELECT count(*) FROM etl.runs"), 2);
}

TEST_F(Cutover, PasswordNeverPrinted) {
  const std::string bad = "host=" + PgCluster::instance().socket_dir() +
                          " user=nobody_here password=S3cretPassw0rd dbname=x";
  const auto migrate = args({"migrate"}, bad);
  for (const auto& command :
       {migrate, std::vector<std::string>{"schema", "status", "--target", bad}}) {
    const auto r = run_tool(command);
    EXPECT_EQ(r.exit_code, 5) << r.all();
    EXPECT_THAT(r.all(), HasSubstr("nobody_here")) << r.all();
    EXPECT_THAT(r.all(), Not(HasSubstr("S3cretPassw0rd"))) << r.all();
  }
}

}  // namespace
}  // namespace s2p::test

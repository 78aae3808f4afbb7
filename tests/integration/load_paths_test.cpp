// The same fixture through every load path (COPY format, batch size) lands the same tables.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "pg_cluster.h"
#include "pg_query.h"
#include "tool.h"

namespace s2p::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// An independent digest of every loaded table's full contents, computed by PostgreSQL.
std::string contents(const std::string& dsn) {
  std::string out;
  for (const char* table :
       {"registry.agents", "registry.workflows", "registry.workflow_runs",
        "registry.step_executions", "registry.vm_assignments", "registry.triggers",
        "registry.secrets", "registry.execution_artifacts", "deploy.deployments",
        "deploy.deployment_events", "deploy.queue", "deploy.commit_ticket_map", "auth.roles",
        "auth.permissions", "auth.role_permissions", "auth.users", "verification.attempts",
        "etl.id_map"}) {
    out +=
        std::string(table) + " " +
        pg_value(dsn,
                 std::string(
                     "SELECT count(*) || ' ' || md5(string_agg(t::text, E'\\n' ORDER BY t::text)) "
                     "FROM ") +
                     table + " t")
            .value_or("?") +
        "\n";
  }
  return out;
}

TEST(LoadPaths, EveryFormatAndBatchSizeLandsTheSameRows) {
  TempDir dir;
  const auto sources = sample_sources(dir.path());
  std::string reference;
  std::string reference_checksums;
  int n = 0;
  for (const auto& path :
       std::vector<std::vector<std::string>>{{"--copy-format", "binary"},
                                             {"--copy-format", "binary", "--batch-bytes", "1"},
                                             {"--copy-format", "text"},
                                             {"--copy-format", "text", "--batch-bytes", "7"},
                                             {"--batch-bytes", "16777216"}}) {
    TestDatabase db("load_path_" + std::to_string(n++));
    std::vector<std::string> args = {"migrate", "-q", "--target", db.dsn()};
    args.insert(args.end(), path.begin(), path.end());
    args.insert(args.end(), sources.begin(), sources.end());
    const auto r = run_tool(args);
    ASSERT_EQ(r.exit_code, 0) << r.all();
    const auto got = contents(db.dsn());
    const auto checksums = pg_value(db.dsn(), "SELECT tables::text FROM etl.runs").value_or("");
    if (reference.empty()) {
      reference = got;
      reference_checksums = checksums;
      EXPECT_THAT(got, Not(HasSubstr(" 0 "))) << "every table has rows:\n" << got;
    } else {
      EXPECT_EQ(got, reference) << path[0] << " " << path[1];
      EXPECT_EQ(checksums, reference_checksums);
    }
  }
}

TEST(LoadPaths, TheTextPathRefusesWhatTheBinaryPathRefuses) {
  TempDir dir;
  auto sources = sample_sources(dir.path());
  sqlite_exec(dir / "registry.db",
              "UPDATE agents SET memory_mb = 3000000000 WHERE id = 'agt_3f9a2c'");
  TestDatabase db("load_path_refuse");
  std::vector<std::string> args = {"migrate", "--copy-format", "text", "--target", db.dsn()};
  args.insert(args.end(), sources.begin(), sources.end());
  const auto r = run_tool(args);
  EXPECT_EQ(r.exit_code, 4) << r.all();
  EXPECT_THAT(r.err, HasSubstr("row id='agt_3f9a2c', column memory_mb")) << r.err;
  EXPECT_EQ(pg_fingerprint(db.dsn()), "");
}

}  // namespace
}  // namespace s2p::test

// Each kind of bad source value stops the run before commit with a message naming source,
// table, row key, column and value, and leaves the target exactly as it was.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "pg_cluster.h"
#include "pg_query.h"
#include "tool.h"

namespace s2p::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

struct BadInput {
  const char* name;
  const char* source;
  const char* mutation;  // SQL run on that source after the sample data
  int exit_code;
  std::vector<std::string> expected;  // all must appear in the error output
};

void PrintTo(const BadInput& b, std::ostream* os) { *os << b.name; }

class RefusesBadInput : public ::testing::TestWithParam<BadInput> {};

TEST_P(RefusesBadInput, NamesItAndLoadsNothing) {
  const BadInput& c = GetParam();
  TempDir dir;
  TestDatabase db(std::string("bad_") + c.name);
  auto args = sample_sources(dir.path());
  sqlite_exec(dir / (std::string(c.source) + ".db"), c.mutation);
  args.insert(args.begin(), {"migrate", "--target", db.dsn()});
  const auto before = pg_fingerprint(db.dsn());
  const auto r = run_tool(args);
  EXPECT_EQ(r.exit_code, c.exit_code) << r.all();
  for (const auto& e : c.expected)
    EXPECT_THAT(r.err, HasSubstr(e)) << "missing '" << e << "' in:\n" << r.err;
  EXPECT_THAT(r.out, HasSubstr("FAILED: nothing was committed")) << r.out;
  EXPECT_THAT(r.all(), Not(HasSubstr("terminate called")));
  // Nothing loaded: not the data, not even the migrations that ran in the same transaction.
  EXPECT_EQ(pg_fingerprint(db.dsn()), before);
  EXPECT_EQ(pg_value(db.dsn(), "SELECT to_regclass('etl.schema_migrations')::text"), std::nullopt);
}

const std::vector<BadInput> kCases = {
    {"json_does_not_parse",
     "registry",
     "INSERT INTO agents (id, name, version, path, capabilities) VALUES ('agt_badjson', 'x', '1', "
     "'/x', '{\"a\": [1, 2')",
     4,
     {"source registry", "table agents", "row id='agt_badjson'", "column capabilities",
      "invalid JSON", "'{\"a\": [1, 2'"}},
    {"json_nul_escape",
     "swarm",
     "UPDATE verification_attempts SET static_result = '{\"k\": \"a\\u0000b\"}' WHERE rowid = "
     "(SELECT max(rowid) FROM "
     "verification_attempts)",
     4,
     {"source swarm", "table verification_attempts", "column static_result", "\\u0000"}},
    {"text_in_integer_column",
     "registry",
     "INSERT INTO agents (id, name, version, path, memory_mb) VALUES ('agt_badint', 'x', '1', "
     "'/x', 'lots')",
     4,
     {"table agents", "row id='agt_badint'", "column memory_mb",
      "TEXT value where an INTEGER is expected", "'lots'"}},
    {"integer_out_of_range",
     "registry",
     "INSERT INTO agents (id, name, version, path, memory_mb) VALUES ('agt_big', 'x', '1', '/x', "
     "3000000000)",
     4,
     {"row id='agt_big'", "column memory_mb", "out of range", "3000000000"}},
    {"timestamp_in_no_known_format",
     "deployments",
     "INSERT INTO deployments (id, service, commit_sha, triggered_by, trigger_type, started_at) "
     "VALUES "
     "('dep-badtime', 's', 'c', 't', 'manual', 'yesterday at noon')",
     4,
     {"source deployments", "table deployments", "row id='dep-badtime'", "column started_at",
      "'yesterday at noon'"}},
    {"epoch_milliseconds_in_seconds_column",
     "swarm",
     "UPDATE users SET last_login = 1735121472000 WHERE id = 'usr_admin'",
     4,
     {"table users", "row id='usr_admin'", "column last_login", "outside 1900..2200",
      "milliseconds"}},
    {"nul_byte_in_text",
     "registry",
     "INSERT INTO execution_artifacts (id, ticket_id, content) VALUES ('art-nul', 't', "
     "CAST(X'6C6F67006C696E65' AS "
     "TEXT))",
     4,
     {"table execution_artifacts", "row id='art-nul'", "column content", "NUL byte",
      "'log\\x00line'"}},
    {"invalid_utf8_in_text",
     "swarm",
     "INSERT INTO users (id, email, password_hash, name) VALUES ('usr-badutf8', 'bad@example.com', "
     "'x', "
     "CAST(X'52656EC3' AS TEXT))",
     4,
     {"source swarm", "table users", "row id='usr-badutf8'", "column name", "not valid UTF-8"}},
    {"boolean_not_0_or_1",
     "registry",
     "UPDATE workflows SET enabled = 2 WHERE id = 'wf-deploy-pipeline'",
     4,
     {"table workflows", "row id='wf-deploy-pipeline'", "column enabled", "0 or 1"}},
    {"reference_to_missing_row",
     "deployments",
     "INSERT INTO deployment_events (id, deployment_id, stage, status) VALUES (9001, "
     "'dep-missing', 's', 'x')",
     4,
     {"source deployments", "table deployment_events", "row id=9001", "column deployment_id",
      "'dep-missing'", "do not exist"}},
    {"ids_collide_as_uuids",
     "registry",
     "INSERT INTO agents (id, name, version, path) SELECT upper(id), name || '-dup', version, path "
     "FROM agents "
     "WHERE id = lower(id) AND length(id) = 36 LIMIT 1",
     4,
     {"source registry", "table agents", "row id=", "duplicate key", "same key"}},
    {"value_postgres_rejects",
     "registry",
     "INSERT INTO secrets (id, workflow_id, name) SELECT 'sec-dup', upper(workflow_id), name FROM "
     "secrets "
     "WHERE workflow_id = lower(workflow_id) AND length(workflow_id) = 36 LIMIT 1",
     4,
     {"source registry", "table secrets", "row id='sec-dup'", "PostgreSQL refused",
      "secrets_workflow_id_name_key"}},
    {"null_in_not_null_column",
     "registry",
     "INSERT INTO agents (id, name, version, path) VALUES (NULL, 'no-id', '1', '/p')",
     4,
     {"table agents", "row id=NULL", "column id", "NOT NULL"}},
};

INSTANTIATE_TEST_SUITE_P(Cutover, RefusesBadInput, ::testing::ValuesIn(kCases),
                         [](const auto& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace s2p::test

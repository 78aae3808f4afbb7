// Sequences move with setval(), which no transaction undoes: a dry run or a failed run puts back
// what it moved, and a sequence only ever moves forward.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "integration_test.h"
#include "pg_cluster.h"
#include "pg_query.h"
#include "tool.h"

namespace s2p::test {
namespace {

using ::testing::HasSubstr;

using Sequences = IntegrationTest;

constexpr const char* kEvents = "deploy.deployment_events";
constexpr const char* kPosition =
    "SELECT last_value || '/' || is_called FROM deploy.deployment_events_id_seq";

TEST_F(Sequences, ADryRunIntoACommittedSchemaPutsBackWhatItMoved) {
  // The schema exists before the run, so its sequences are not the run's own: setval() sticks.
  ASSERT_EQ(run_tool({"schema", "up", "--target", dsn()}).exit_code, 0);
  const auto before = pg_fingerprint(dsn());
  ASSERT_EQ(pg_value(dsn(), kPosition), "1/false");
  const auto r = run_tool(args({"migrate", "--dry-run", "--log-level", "debug"}));
  EXPECT_EQ(r.exit_code, 0) << r.all();
  EXPECT_EQ(pg_fingerprint(dsn()), before);
  EXPECT_EQ(pg_value(dsn(), kPosition), "1/false");
  // A real run moves it past the loaded ids.
  ASSERT_EQ(run_tool(args({"migrate", "-q"})).exit_code, 0);
  EXPECT_EQ(pg_value(dsn(), std::string("SELECT (SELECT max(id) + 1 FROM ") + kEvents +
                                ") || '/false' = (" + kPosition + ")"),
            "t");
}

TEST_F(Sequences, AFailedReplacePutsBackWhatItMovedAndNothingMovesBackwards) {
  ASSERT_EQ(run_tool(args({"migrate", "-q"})).exit_code, 0);
  // A service has handed out ids far past the loaded ones: --replace never hands them out again.
  pg_value(dsn(), "SELECT setval('deploy.deployment_events_id_seq', 5000)");
  ASSERT_EQ(run_tool(args({"migrate", "-q", "--replace"})).exit_code, 0);
  EXPECT_EQ(pg_value(dsn(), kPosition), "5000/true");
  // Behind the loaded ids: the run moves it forward, then fails at validation and puts it back.
  pg_value(dsn(), "SELECT setval('deploy.deployment_events_id_seq', 3)");
  pg_value(dsn(),
           "CREATE FUNCTION public.spoil() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
           "NEW.stage := NEW.stage || '!'; RETURN NEW; END $$; CREATE TRIGGER spoil BEFORE INSERT "
           "ON deploy.deployment_events FOR EACH ROW EXECUTE FUNCTION public.spoil(); SELECT 1");
  const auto with_trigger = pg_fingerprint(dsn());
  const auto r = run_tool(args({"migrate", "--replace"}));
  EXPECT_NE(r.exit_code, 0) << r.all();
  EXPECT_THAT(r.all(), HasSubstr("deployment_events"));
  EXPECT_EQ(pg_fingerprint(dsn()), with_trigger);
  EXPECT_EQ(pg_value(dsn(), kPosition), "3/true");
}

}  // namespace
}  // namespace s2p::test

// Progress as an operator sees it: a live block on a terminal, plain lines in a pipe or a log.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "integration_test.h"
#include "pg_cluster.h"
#include "tool.h"

namespace s2p::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

using Progress = IntegrationTest;

TEST_F(Progress, OnATerminalALiveBlockPerTableAndAnOverallBar) {
  const auto r = run_tool_in_terminal(args({"migrate"}));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_THAT(r.out, HasSubstr("\x1b[2K"));  // lines redrawn in place
  EXPECT_THAT(r.out, HasSubstr("migrate [##############################] 100%  505/505 rows"))
      << r.out;
  EXPECT_THAT(r.out, HasSubstr("deployments.deployment_events"));
  EXPECT_THAT(r.out, HasSubstr("256/256")) << r.out;
  EXPECT_THAT(r.out, HasSubstr("COMMITTED: 17 tables"));
  // The console's info lines wait while the block owns the terminal.
  EXPECT_THAT(r.out, Not(HasSubstr(" info loading "))) << r.out;
  const auto v = run_tool_in_terminal(args({"verify"}));
  EXPECT_EQ(v.exit_code, 0) << v.out;
  EXPECT_THAT(v.out, HasSubstr("verify [##############################] 100%")) << v.out;
}

TEST_F(Progress, InAPipePlainLinesAndNoControlCharacters) {
  const auto r = run_tool(
      args({"migrate", "--progress-interval", "0.05", "--log-file", (dir_ / "run.log").string()}));
  ASSERT_EQ(r.exit_code, 0) << r.all();
  // One line per table and phase, each named for what it measured.
  for (const char* line : {"info migrate deployments.deployment_events: loaded 256 rows in",
                           "info migrate deployments.deployment_events: read back 256 rows in"}) {
    EXPECT_THAT(r.err, HasSubstr(line)) << r.err;
    EXPECT_EQ(r.err.find(line), r.err.rfind(line)) << line;
  }
  EXPECT_THAT(r.err, Not(HasSubstr("migrate deployments.deployment_events: 256 rows")));
  for (const auto& text : {r.out, r.err, read_file(dir_ / "run.log")}) {
    EXPECT_THAT(text, Not(HasSubstr("\x1b")));
    EXPECT_THAT(text, Not(HasSubstr("\r")));
  }
  const auto log = read_file(dir_ / "run.log");
  EXPECT_THAT(log, HasSubstr("info loading: ")) << log;
  EXPECT_THAT(log, HasSubstr("info validating: "));
}

TEST_F(Progress, QuietMeansTheVerdictAndProblemsOnly) {
  const auto r = run_tool_in_terminal(args({"migrate", "--quiet"}));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_THAT(r.out, Not(HasSubstr("\x1b[2K"))) << r.out;
  EXPECT_THAT(r.out, Not(HasSubstr(" info ")));
  EXPECT_THAT(r.out, HasSubstr("COMMITTED"));
  const auto level = run_tool(args({"verify", "--log-level", "warn"}));
  EXPECT_THAT(level.err, Not(HasSubstr(" info "))) << level.err;
  const auto bad = run_tool(args({"verify", "--log-level", "loud"}));
  EXPECT_EQ(bad.exit_code, 2) << bad.all();
  EXPECT_THAT(bad.err, HasSubstr("--log-level"));
}

}  // namespace
}  // namespace s2p::test

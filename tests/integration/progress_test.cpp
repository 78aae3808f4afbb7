// Progress as an operator sees it: a live block on a terminal, plain lines in a pipe or a log.
#include <gtest/gtest.h>

#include "pg_cluster.h"
#include "tool.h"

namespace s2p::test {
namespace {

class Progress : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(
        std::string("progress_") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    sources_ = sample_sources(dir_.path());
  }
  std::vector<std::string> args(std::vector<std::string> head) const {
    head.insert(head.end(), {"--target", db_->dsn()});
    head.insert(head.end(), sources_.begin(), sources_.end());
    return head;
  }
  TempDir dir_;
  std::unique_ptr<TestDatabase> db_;
  std::vector<std::string> sources_;
};

TEST_F(Progress, OnATerminalALiveBlockPerTableAndAnOverallBar) {
  const auto r = run_tool_in_terminal(args({"migrate"}));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("\x1b[2K"), std::string::npos);  // lines redrawn in place
  EXPECT_NE(r.out.find("migrate [##############################] 100%  505/505 rows"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("deployments.deployment_events"), std::string::npos);
  EXPECT_NE(r.out.find("256/256"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("COMMITTED: 17 tables"), std::string::npos);
  // The console's info lines wait while the block owns the terminal.
  EXPECT_EQ(r.out.find(" info loading "), std::string::npos) << r.out;
  const auto v = run_tool_in_terminal(args({"verify"}));
  EXPECT_EQ(v.exit_code, 0) << v.out;
  EXPECT_NE(v.out.find("verify [##############################] 100%"), std::string::npos) << v.out;
}

TEST_F(Progress, InAPipePlainLinesAndNoControlCharacters) {
  const auto r = run_tool(
      args({"migrate", "--progress-interval", "0.05", "--log-file", (dir_ / "run.log").string()}));
  ASSERT_EQ(r.exit_code, 0) << r.all();
  // One line per table and phase, each named for what it measured.
  for (const char* line : {"info migrate deployments.deployment_events: loaded 256 rows in",
                           "info migrate deployments.deployment_events: read back 256 rows in"}) {
    EXPECT_NE(r.err.find(line), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find(line), r.err.rfind(line)) << line;
  }
  EXPECT_EQ(r.err.find("migrate deployments.deployment_events: 256 rows"), std::string::npos);
  for (const auto& text : {r.out, r.err, read_file(dir_ / "run.log")}) {
    EXPECT_EQ(text.find('\x1b'), std::string::npos);
    EXPECT_EQ(text.find('\r'), std::string::npos);
  }
  const auto log = read_file(dir_ / "run.log");
  EXPECT_NE(log.find("info loading: "), std::string::npos) << log;
  EXPECT_NE(log.find("info validating: "), std::string::npos);
}

TEST_F(Progress, QuietMeansTheVerdictAndProblemsOnly) {
  const auto r = run_tool_in_terminal(args({"migrate", "--quiet"}));
  ASSERT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(r.out.find("\x1b[2K"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find(" info "), std::string::npos);
  EXPECT_NE(r.out.find("COMMITTED"), std::string::npos);
  const auto level = run_tool(args({"verify", "--log-level", "warn"}));
  EXPECT_EQ(level.err.find(" info "), std::string::npos) << level.err;
  const auto bad = run_tool(args({"verify", "--log-level", "loud"}));
  EXPECT_EQ(bad.exit_code, 2) << bad.all();
  EXPECT_NE(bad.err.find("--log-level"), std::string::npos);
}

}  // namespace
}  // namespace s2p::test

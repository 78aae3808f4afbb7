// Faults provoked for real: signals sent to the running process, PostgreSQL stopped under it,
// a lock held by another session, a server that does not answer. Each time: a clear message,
// the exit code, the target exactly as before, and a rerun that needs no clean-up.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <csignal>
#include <pqxx/pqxx>

#include "pg_cluster.h"
#include "pg_query.h"
#include "tool.h"

namespace s2p::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
namespace fs = std::filesystem;

// PostgreSQL rolls back the transaction of a client that is gone once it notices: wait for that.
void wait_for_backends_to_end(const std::string& dsn) {
  for (int i = 0; i < 100 && pg_count(dsn,
                                      "SELECT count(*) FROM pg_stat_activity WHERE datname = "
                                      "current_database() AND pid <> pg_backend_pid()") > 0;
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

// 150,000 events: a migrate that takes long enough to be interrupted mid-load.
class Faults : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    data_ = new TempDir;
    build_bench_sqlite(*data_ / "bench.db", 150'000);
    fs::create_directories(*data_ / "mappings");
    fs::copy(source_dir() / "bench" / "mapping.yaml", *data_ / "mappings" / "deployments.yaml");
  }
  static void TearDownTestSuite() { delete data_; }
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(
        std::string("faults_") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
  }
  std::vector<std::string> migrate_args(const std::string& dsn) const {
    return {"migrate",
            "--progress-interval",
            "0.05",
            "--target",
            dsn,
            "--mappings",
            (*data_ / "mappings").string(),
            "--source",
            "deployments=" + (*data_ / "bench.db").string()};
  }
  // The run's target is as before, and a plain rerun then succeeds.
  void expect_untouched_then_rerun(const std::string& dsn) {
    EXPECT_EQ(pg_fingerprint(dsn), "");
    const auto rerun = run_tool(migrate_args(dsn));
    EXPECT_EQ(rerun.exit_code, 0) << rerun.all();
    EXPECT_EQ(pg_count(dsn, "SELECT count(*) FROM deploy.deployment_events"), 150'000);
  }

  static TempDir* data_;
  std::unique_ptr<TestDatabase> db_;
};
TempDir* Faults::data_ = nullptr;

TEST_F(Faults, SigintAndSigtermStopRollBackAndExitPromptly) {
  for (const int sig : {SIGINT, SIGTERM}) {
    TestDatabase db(std::string("faults_signal_") + std::to_string(sig));
    RunningTool tool(migrate_args(db.dsn()));
    ASSERT_TRUE(tool.wait_for("deployment_events loading", 60)) << tool.err();
    const auto sent = std::chrono::steady_clock::now();
    tool.signal(sig);
    const int code = tool.wait_exit(10);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - sent).count();
    EXPECT_EQ(code, sig == SIGINT ? 130 : 143) << tool.err();
    EXPECT_LT(seconds, 5.0);
    EXPECT_THAT(tool.err(),
                HasSubstr(sig == SIGINT ? "interrupted by SIGINT" : "terminated by SIGTERM"))
        << tool.err();
    EXPECT_THAT(tool.out(), HasSubstr("FAILED: nothing was committed; the target is as it was"));
    expect_untouched_then_rerun(db.dsn());
  }
}

// A COPY the server stops for its own reasons (here a statement timeout; a full disk is class
// 53 alike) is the target's error, not a bad source row.
TEST_F(Faults, AServerConditionDuringTheLoadIsTheTargetsErrorNotARow) {
  auto args = migrate_args(db_->dsn());
  args.insert(args.end(), {"--statement-timeout", "0.3"});
  const auto r = run_tool(args);
  EXPECT_EQ(r.exit_code, 5) << r.all();
  EXPECT_THAT(r.err, HasSubstr("a statement ran longer than --statement-timeout")) << r.err;
  EXPECT_THAT(r.err, Not(HasSubstr("refused the row"))) << r.err;
  expect_untouched_then_rerun(db_->dsn());
}

TEST_F(Faults, ASecondSigintExitsAtOnce) {
  RunningTool tool(migrate_args(db_->dsn()));
  ASSERT_TRUE(tool.wait_for("deployment_events loading", 60)) << tool.err();
  tool.signal(SIGINT);
  tool.signal(SIGINT);
  EXPECT_EQ(tool.wait_exit(5), 130);
  wait_for_backends_to_end(db_->dsn());
  expect_untouched_then_rerun(db_->dsn());
}

TEST_F(Faults, SigkillLeavesNothingBehind) {
  RunningTool tool(migrate_args(db_->dsn()));
  ASSERT_TRUE(tool.wait_for("deployment_events loading", 60)) << tool.err();
  tool.signal(SIGKILL);
  EXPECT_EQ(tool.wait_exit(5), 128 + SIGKILL);
  wait_for_backends_to_end(db_->dsn());
  expect_untouched_then_rerun(db_->dsn());
}

TEST_F(Faults, PostgresStoppedMidRun) {
  PgCluster own;  // a server of this test's own, to stop under the running tool
  own.start();
  {
    pqxx::connection c(own.dsn("postgres"));
    pqxx::nontransaction(c).exec("CREATE DATABASE swarm");
  }
  const std::string dsn = own.dsn("swarm");
  RunningTool tool(migrate_args(dsn));
  ASSERT_TRUE(tool.wait_for("deployment_events loading", 60)) << tool.err();
  own.kill_server();
  EXPECT_EQ(tool.wait_exit(20), 5) << tool.err();
  EXPECT_THAT(tool.out(), HasSubstr("FAILED: nothing was committed")) << tool.out();
  EXPECT_THAT(tool.err(), HasSubstr("error"));
  own.restart_server();
  expect_untouched_then_rerun(dsn);
  own.stop();
}

TEST_F(Faults, ALockHeldByAServiceIsAClearMessageNotAWait) {
  ASSERT_EQ(run_tool({"schema", "up", "--target", db_->dsn()}).exit_code, 0);
  pqxx::connection service(db_->dsn());
  pqxx::work holding(service);
  holding.exec("SELECT count(*) FROM deploy.deployments");  // a reader's lock, kept until it ends
  const auto before = pg_fingerprint(db_->dsn());
  auto args = migrate_args(db_->dsn());
  args.insert(args.begin() + 1, {"--lock-timeout", "1"});
  const auto started = std::chrono::steady_clock::now();
  const auto r = run_tool(args);
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(),
            15.0);
  EXPECT_EQ(r.exit_code, 5) << r.all();
  EXPECT_THAT(r.err, HasSubstr("another session holds a lock")) << r.err;
  holding.abort();
  EXPECT_EQ(pg_fingerprint(db_->dsn()), before);
}

TEST_F(Faults, AServerThatDoesNotAnswerTimesOut) {
  // A socket that accepts connections and never says a word.
  const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(::listen(listener, 8), 0);
  socklen_t len = sizeof addr;
  ::getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len);
  const std::string dsn =
      "host=127.0.0.1 port=" + std::to_string(ntohs(addr.sin_port)) + " dbname=x user=x";
  const auto started = std::chrono::steady_clock::now();
  const auto r = run_tool({"schema", "status", "--connect-timeout", "2", "--target", dsn});
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  ::close(listener);
  EXPECT_EQ(r.exit_code, 5) << r.all();
  EXPECT_THAT(r.err, HasSubstr("cannot connect to PostgreSQL")) << r.err;
  EXPECT_LT(seconds, 10.0);
}

}  // namespace
}  // namespace s2p::test

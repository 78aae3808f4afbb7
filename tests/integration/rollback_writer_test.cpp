// rollback while a service still commits into PostgreSQL: the service's writes wait for the
// rollback, and every row committed before the files are published is in them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <pqxx/pqxx>
#include <thread>
#include <vector>

#include "integration_test.h"
#include "pg_cluster.h"
#include "tool.h"

namespace s2p::test {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// One INSERT the writer committed: whether the rollback's file was there once it returned, and
// how long it took.
struct Commit {
  int n = 0;
  bool published_after = false;
  double seconds = 0;
};

class RollbackWriter : public IntegrationTest {
 protected:
  // A cutover of the samples with `rows` more rows in one table.
  void cutover(int rows) {
    sqlite_exec(source_db("deployments"),
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
                    std::to_string(rows) +
                    ") INSERT INTO commit_ticket_map (commit_sha, ticket_id, repo, pr_number, "
                    "created_at) SELECT 'bulk' || i, 'T-' || i, 'repo', i, '2026-01-01 00:00:00' "
                    "FROM n");
    ASSERT_EQ(run({"migrate", "-q"}).exit_code, 0);
  }
};

TEST_F(RollbackWriter, AWriterWaitsAndEveryRowCommittedBeforeThePublishIsInTheFile) {
  cutover(60000);  // enough rows that the rollback takes a while to read, write and prove
  const fs::path out = dir_ / "back" / "deployments.db";
  std::vector<Commit> commits;
  std::atomic<int> committed{0};
  std::atomic<bool> stop{false}, failed{false};
  std::string writer_error;
  std::thread writer([&] {
    try {
      pqxx::connection c(dsn());
      for (int n = 1; !stop; ++n) {
        Commit commit{n};
        const auto start = Clock::now();
        pqxx::nontransaction(c).exec(
            "INSERT INTO deploy.commit_ticket_map (commit_sha, ticket_id, repo, pr_number, "
            "created_at) VALUES ('live" +
            std::to_string(n) + "', 'L', 'repo', " + std::to_string(n) +
            ", '2026-02-01 00:00:00+00')");
        commit.seconds = std::chrono::duration<double>(Clock::now() - start).count();
        // The file only ever appears: absent now, it was absent when the INSERT committed.
        commit.published_after = fs::exists(out);
        commits.push_back(commit);
        ++committed;
      }
    } catch (const std::exception& e) {
      writer_error = e.what();
      failed = true;
    }
  });
  while (committed < 20 && !failed) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  const auto started = Clock::now();
  const auto r = run({"rollback", "-q", "--out", (dir_ / "back").string()});
  const double rollback_seconds = std::chrono::duration<double>(Clock::now() - started).count();
  const int at_exit = committed;
  while (committed < at_exit + 5 && !failed)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  stop = true;
  writer.join();

  EXPECT_EQ(writer_error, "");  // the writer was not refused: it waited
  ASSERT_EQ(r.exit_code, 0) << r.all();
  long long before_publish = 0, missing = 0;
  double longest = 0;
  for (const auto& c : commits) {
    longest = std::max(longest, c.seconds);
    if (c.published_after) continue;
    ++before_publish;
    missing += sqlite_value(out, "SELECT count(*) FROM commit_ticket_map WHERE commit_sha = 'live" +
                                     std::to_string(c.n) + "'") != "1";
  }
  EXPECT_EQ(missing, 0) << "of " << before_publish << " row(s) committed before the publish";
  // Nothing committed after the publish is in the file: it holds exactly those rows.
  EXPECT_EQ(std::stoll(sqlite_value(out,
                                    "SELECT count(*) FROM commit_ticket_map WHERE "
                                    "commit_sha LIKE 'live%'")
                           .value()),
            before_publish);
  // One INSERT waited for the rollback, for most of its run.
  EXPECT_GT(longest, rollback_seconds / 4) << rollback_seconds << " s of rollback";
}

// A write already running holds its lock until it ends: rollback waits --lock-timeout for it,
// then stops, saying so, with nothing written.
TEST_F(RollbackWriter, AWriteLeftOpenStopsItAfterTheLockTimeout) {
  cutover(1);
  pqxx::connection c(dsn());
  pqxx::work open(c);
  open.exec(
      "INSERT INTO deploy.commit_ticket_map (commit_sha, ticket_id, repo) VALUES ('open', 'O', "
      "'repo')");
  const auto started = Clock::now();
  const auto r = run({"rollback", "-q", "--lock-timeout", "1", "--out", (dir_ / "back").string()});
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  open.abort();
  EXPECT_EQ(r.exit_code, 5) << r.all();
  EXPECT_THAT(r.err, ::testing::HasSubstr("rollback locks the 17 mapped table(s) against writes "
                                          "before it reads them: another session holds a lock"))
      << r.err;
  EXPECT_THAT(r.out, ::testing::HasSubstr("FAILED: no file was written")) << r.out;
  EXPECT_FALSE(fs::exists(dir_ / "back" / "deployments.db"));
  EXPECT_LT(seconds, 10.0);
}

}  // namespace
}  // namespace s2p::test

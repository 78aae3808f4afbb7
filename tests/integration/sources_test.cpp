// Source files in real conditions: never modified (not the file, its -wal/-shm, nor their
// times), readable when read-only, and a writer's lock is a bounded wait with a clear error.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "integration_test.h"
#include "pg_cluster.h"
#include "pg_query.h"
#include "tool.h"

namespace s2p::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
namespace fs = std::filesystem;

using Sources = IntegrationTest;

TEST_F(Sources, WalFilesNobodyHasOpenAreReadWithoutLeavingAnything) {
  for (const char* name : {"registry", "deployments", "swarm"}) {
    SQLite::Database d((dir_ / "src" / (std::string(name) + ".db")).string(),
                       SQLite::OPEN_READWRITE);
    d.exec("PRAGMA journal_mode = WAL");
  }
  const auto before = directory_state(dir_ / "src");
  ASSERT_THAT(before, Not(HasSubstr("-wal"))) << before;
  for (const auto& command : {"plan", "migrate", "verify"}) {
    const auto r = run_tool(args({command, "-q"}));
    EXPECT_EQ(r.exit_code, 0) << command << "\n" << r.all();
    EXPECT_EQ(directory_state(dir_ / "src"), before) << command;
  }
}

TEST_F(Sources, ALiveWalWriterDoesNotStopTheRunAndItsFileIsNotWritten) {
  const auto file = dir_ / "src" / "swarm.db";
  SQLite::Database writer(file.string(), SQLite::OPEN_READWRITE);
  writer.exec(
      "PRAGMA journal_mode = WAL; INSERT INTO roles (id, name, level) VALUES (77, 'written-live', "
      "1)");
  ASSERT_TRUE(fs::exists(file.string() + "-wal"));
  const auto main_file = read_file(file);
  const auto wal = read_file(file.string() + "-wal");
  const auto r = run_tool(args({"migrate", "-q"}));
  ASSERT_EQ(r.exit_code, 0) << r.all();
  EXPECT_EQ(pg_count(db_->dsn(), "SELECT count(*) FROM auth.roles WHERE name = 'written-live'"),
            1);  // in the WAL
  EXPECT_EQ(read_file(file), main_file);
  EXPECT_EQ(read_file(file.string() + "-wal"), wal);
}

TEST_F(Sources, ReadOnlyFilesAndDirectoriesWork) {
  for (const auto& e : fs::directory_iterator(dir_ / "src")) {
    fs::permissions(e.path(),
                    fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  }
  fs::permissions(dir_ / "src", fs::perms::owner_read | fs::perms::owner_exec);
  const auto before = directory_state(dir_ / "src");
  const auto r = run_tool(args({"migrate", "-q"}));
  EXPECT_EQ(r.exit_code, 0) << r.all();
  EXPECT_EQ(directory_state(dir_ / "src"), before);
  fs::permissions(dir_ / "src", fs::perms::owner_all);
}

TEST_F(Sources, AWritersLockIsABoundedWaitAndAClearError) {
  const auto file = dir_ / "src" / "registry.db";
  SQLite::Database writer(file.string(), SQLite::OPEN_READWRITE);
  writer.exec(
      "BEGIN EXCLUSIVE; UPDATE agents SET description = 'being written' WHERE id = 'agt_3f9a2c'");
  const auto started = std::chrono::steady_clock::now();
  const auto r = run_tool(args({"migrate", "--busy-timeout", "1"}));
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  writer.exec("ROLLBACK");
  EXPECT_EQ(r.exit_code, 3) << r.all();
  EXPECT_THAT(r.err, HasSubstr("registry.db")) << r.err;
  EXPECT_THAT(r.err, HasSubstr("write lock")) << r.err;
  EXPECT_LT(seconds, 8.0);
  EXPECT_EQ(pg_fingerprint(db_->dsn()), "");
}

TEST_F(Sources, MissingFilesAndDirectoriesAreNamed) {
  auto a = args({"migrate"});
  a.push_back("--source");
  a.push_back("swarm=" + (dir_ / "missing.db").string());
  auto r = run_tool(a);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.err, HasSubstr("missing.db): file not found")) << r.err;
  a.back() = "swarm=" + (dir_ / "src").string();
  r = run_tool(a);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.err, HasSubstr("is a directory")) << r.err;
}

}  // namespace
}  // namespace s2p::test

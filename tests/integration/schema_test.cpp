// schema up / status: ordered, transactional, recorded with checksums; changed files refused.
#include <gtest/gtest.h>

#include <fstream>

#include "pg_cluster.h"
#include "pg_query.h"
#include "tool.h"

namespace s2p::test {
namespace {
namespace fs = std::filesystem;

class Schema : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(
        std::string("schema_") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::copy(source_dir() / "migrations", dir_ / "migrations");
  }
  ToolResult schema(const std::string& action) {
    return run_tool(
        {"schema", action, "--target", db_->dsn(), "--migrations", (dir_ / "migrations").string()});
  }
  TempDir dir_;
  std::unique_ptr<TestDatabase> db_;
};

TEST_F(Schema, UpAppliesEverythingInOrderOnceAndRecordsChecksums) {
  auto status = schema("status");
  EXPECT_EQ(status.exit_code, 0) << status.all();
  EXPECT_NE(status.out.find("0 applied, 6 pending"), std::string::npos) << status.out;
  const auto up = schema("up");
  ASSERT_EQ(up.exit_code, 0) << up.all();
  EXPECT_NE(up.out.find("applied 6 migration(s)"), std::string::npos);
  // The design's four schemas, roles before users, the appendix indexes, and etl.
  EXPECT_EQ(pg_count(db_->dsn(),
                     "SELECT count(*) FROM information_schema.tables WHERE table_schema IN "
                     "('auth','registry','deploy','verification')"),
            17);
  EXPECT_EQ(pg_count(db_->dsn(), "SELECT count(*) FROM pg_indexes WHERE indexname LIKE 'idx\\_%'"),
            25);
  EXPECT_EQ(
      pg_value(db_->dsn(),
               "SELECT string_agg(version::text || ':' || name, ',' ORDER BY version) "
               "FROM etl.schema_migrations"),
      "0:000_etl.sql,1:001_auth.sql,2:002_registry.sql,3:003_deploy.sql,4:004_verification.sql,"
      "5:005_etl_row_hashes.sql");
  EXPECT_EQ(
      pg_count(db_->dsn(), "SELECT count(*) FROM etl.schema_migrations WHERE length(sha256) = 64"),
      6);
  const auto again = schema("up");
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.out.find("nothing to apply"), std::string::npos);
  status = schema("status");
  EXPECT_NE(status.out.find("6 applied, 0 pending, 0 problem(s)"), std::string::npos) << status.out;
}

TEST_F(Schema, AChangedAppliedFileIsAnErrorNotReapplied) {
  ASSERT_EQ(schema("up").exit_code, 0);
  std::ofstream(dir_ / "migrations" / "001_auth.sql", std::ios::app) << "\n-- edited\n";
  const auto up = schema("up");
  EXPECT_EQ(up.exit_code, 3) << up.all();
  EXPECT_NE(up.err.find("001_auth.sql was changed after it was applied"), std::string::npos)
      << up.err;
  const auto status = schema("status");
  EXPECT_EQ(status.exit_code, 3);
  EXPECT_NE(status.out.find("CHANGED since applied"), std::string::npos);
}

TEST_F(Schema, LineEndingsDoNotChangeAChecksum) {
  ASSERT_EQ(schema("up").exit_code, 0);
  const auto file = dir_ / "migrations" / "002_registry.sql";
  std::string text = read_file(file), crlf;
  for (char c : text) {
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  std::ofstream(file, std::ios::binary | std::ios::trunc) << crlf;
  EXPECT_EQ(schema("up").exit_code, 0);
}

TEST_F(Schema, AFailingMigrationAppliesNothing) {
  std::ofstream(dir_ / "migrations" / "009_broken.sql")
      << "CREATE TABLE deploy.extra (id int);\nSELECT no_such_fn();\n";
  const auto up = schema("up");
  EXPECT_EQ(up.exit_code, 5) << up.all();
  EXPECT_NE(up.err.find("009_broken.sql failed"), std::string::npos) << up.err;
  EXPECT_EQ(pg_value(db_->dsn(), "SELECT to_regclass('etl.schema_migrations')::text"),
            std::nullopt);
  EXPECT_EQ(pg_value(db_->dsn(), "SELECT to_regclass('auth.users')::text"), std::nullopt);
}

TEST_F(Schema, AFileNumberedBelowAppliedOnesIsRefused) {
  fs::remove(dir_ / "migrations" / "003_deploy.sql");
  ASSERT_EQ(schema("up").exit_code, 0);
  fs::copy(source_dir() / "migrations" / "003_deploy.sql", dir_ / "migrations" / "003_deploy.sql");
  const auto up = schema("up");
  EXPECT_EQ(up.exit_code, 3);
  EXPECT_NE(up.err.find("numbered below migrations already applied"), std::string::npos) << up.err;
}

}  // namespace
}  // namespace s2p::test

// schema up / status: ordered, transactional, recorded with checksums; changed files refused.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "pg_cluster.h"
#include "pg_query.h"
#include "tool.h"

namespace s2p::test {
namespace {

using ::testing::HasSubstr;
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
  EXPECT_THAT(status.out, HasSubstr("0 applied, 7 pending")) << status.out;
  const auto up = schema("up");
  ASSERT_EQ(up.exit_code, 0) << up.all();
  EXPECT_THAT(up.out, HasSubstr("applied 7 migration(s)"));
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
      "5:005_etl_row_hashes.sql,6:006_etl_run_kind.sql");
  EXPECT_EQ(
      pg_count(db_->dsn(), "SELECT count(*) FROM etl.schema_migrations WHERE length(sha256) = 64"),
      7);
  const auto again = schema("up");
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_THAT(again.out, HasSubstr("nothing to apply"));
  status = schema("status");
  EXPECT_THAT(status.out, HasSubstr("7 applied, 0 pending, 0 problem(s)")) << status.out;
}

TEST_F(Schema, AChangedAppliedFileIsAnErrorNotReapplied) {
  ASSERT_EQ(schema("up").exit_code, 0);
  std::ofstream(dir_ / "migrations" / "001_auth.sql", std::ios::app) << "\n-- edited\n";
  const auto up = schema("up");
  EXPECT_EQ(up.exit_code, 3) << up.all();
  EXPECT_THAT(up.err, HasSubstr("001_auth.sql was changed after it was applied")) << up.err;
  const auto status = schema("status");
  EXPECT_EQ(status.exit_code, 3);
  EXPECT_THAT(status.out, HasSubstr("CHANGED since applied"));
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
  EXPECT_THAT(up.err, HasSubstr("009_broken.sql failed")) << up.err;
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
  EXPECT_THAT(up.err, HasSubstr("numbered below migrations already applied")) << up.err;
}

}  // namespace
}  // namespace s2p::test

// The cutover's edges: what validation catches, empty and symlinked sources, read snapshots,
// and time zones of the client.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "pg_cluster.h"
#include "pg_query.h"
#include "sqlite2pg/extract/sqlite_source.h"
#include "sqlite2pg/util/failure.h"
#include "tool.h"

namespace s2p::test {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

std::string test_name() { return ::testing::UnitTest::GetInstance()->current_test_info()->name(); }

// A target that changes what it is given must fail validation, and the run must roll back.
TEST(CutoverValidation, ATargetThatAltersRowsFailsValidationAndRollsBack) {
  for (const char* tamper : {"CREATE FUNCTION auth.tamper() RETURNS trigger LANGUAGE plpgsql AS $$ "
                             "BEGIN NEW.name := upper(NEW.name); "
                             "RETURN NEW; END $$;\nCREATE TRIGGER tamper BEFORE INSERT ON "
                             "auth.roles FOR EACH ROW EXECUTE FUNCTION "
                             "auth.tamper();\n",
                             "CREATE FUNCTION auth.tamper() RETURNS trigger LANGUAGE plpgsql AS $$ "
                             "BEGIN IF NEW.name <> 'x' THEN "
                             "INSERT INTO auth.permissions (name) VALUES ('extra-' || NEW.name); "
                             "END IF; RETURN NEW; END $$;\n"
                             "CREATE TRIGGER tamper AFTER INSERT ON auth.roles FOR EACH ROW "
                             "EXECUTE FUNCTION auth.tamper();\n"}) {
    TempDir dir;
    TestDatabase db("validation_" + std::to_string(std::hash<std::string>{}(tamper) % 100000));
    fs::copy(source_dir() / "migrations", dir / "migrations");
    std::ofstream(dir / "migrations" / "009_tamper.sql") << tamper;
    auto args = sample_sources(dir.path());
    args.insert(args.begin(),
                {"migrate", "--target", db.dsn(), "--migrations", (dir / "migrations").string()});
    const auto r = run_tool(args);
    EXPECT_EQ(r.exit_code, 6) << r.all();
    EXPECT_THAT(r.out, HasSubstr("MISMATCH")) << r.out;
    EXPECT_THAT(r.err, HasSubstr("validation failed")) << r.err;
    EXPECT_EQ(pg_value(db.dsn(), "SELECT to_regclass('auth.roles')::text"), std::nullopt);
  }
}

TEST(CutoverSources, AnEmptyFileIsAnEmptyDatabaseAndSymlinksResolve) {
  TempDir dir;
  TestDatabase db("edges_" + test_name());
  auto args = sample_sources(dir.path());
  // swarm.db replaced by a 0-byte file; registry read through a symbolic link.
  fs::remove(dir / "swarm.db");
  std::ofstream(dir / "swarm.db").close();
  fs::create_symlink(dir / "registry.db", dir / "registry-link.db");
  for (auto& a : args) {
    if (a.rfind("registry=", 0) == 0) a = "registry=" + (dir / "registry-link.db").string();
  }
  args.insert(args.begin(),
              {"migrate", "--target", db.dsn(), "--report", (dir / "r.json").string()});
  const auto r = run_tool(args);
  ASSERT_EQ(r.exit_code, 0) << r.all();
  EXPECT_EQ(pg_count(db.dsn(), "SELECT count(*) FROM auth.users"), 0);
  EXPECT_GT(pg_count(db.dsn(), "SELECT count(*) FROM registry.agents"), 0);
  const auto report = read_file(dir / "r.json");
  EXPECT_THAT(report, HasSubstr("\"empty_file\": true"));
  EXPECT_THAT(report, HasSubstr("\"real_path\": \"" + (dir / "registry.db").string() + "\""))
      << report;
}

TEST(CutoverSources, MissingSourceOrMissingTableIsAConfigurationError) {
  TempDir dir;
  TestDatabase db("edges_" + test_name());
  auto args = sample_sources(dir.path());
  args.insert(args.begin(), {"migrate", "--target", db.dsn()});
  auto missing = args;
  missing.push_back("--source");
  missing.push_back("swarm=" + (dir / "nope.db").string());
  auto r = run_tool(missing);
  EXPECT_EQ(r.exit_code, 3) << r.all();
  EXPECT_THAT(r.err, HasSubstr("nope.db): file not found")) << r.err;
  sqlite_exec(dir / "swarm.db", "DROP TABLE permissions");
  r = run_tool(args);
  EXPECT_EQ(r.exit_code, 3) << r.all();
  EXPECT_THAT(r.err, HasSubstr("has no table 'permissions'")) << r.err;
  EXPECT_EQ(pg_fingerprint(db.dsn()), "");
}

// A writer that commits while the run reads must not be seen half-way: one snapshot per source.
TEST(CutoverSources, ASnapshotIgnoresWritesThatCommitAfterItStarted) {
  TempDir dir;
  const auto file = dir / "live.db";
  {
    SQLite::Database w(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    w.exec(
        "PRAGMA journal_mode=WAL; CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); INSERT INTO t "
        "VALUES (1, 'a');");
  }
  // A service that has the file open: its -wal and -shm exist.
  SQLite::Database writer(file.string(), SQLite::OPEN_READWRITE);
  writer.exec("SELECT count(*) FROM t");
  ASSERT_TRUE(fs::exists(file.string() + "-wal"));
  SqliteSource source("live", file.string());
  EXPECT_FALSE(source.facts().read_immutable);
  source.begin_snapshot();
  writer.exec("INSERT INTO t VALUES (2, 'b'); UPDATE t SET v = 'changed' WHERE id = 1;");
  EXPECT_EQ(source.count_rows("t"), 1);
  {
    RowCursor rows(source, "SELECT v FROM t");
    ASSERT_TRUE(rows.next());
    EXPECT_EQ(rows.value(0).bytes, "a");
  }
  source.end_snapshot();
  EXPECT_EQ(source.count_rows("t"), 2);
}

// A WAL file nobody had open is read without creating files; a writer that appears meanwhile
// makes the read fail rather than be trusted.
TEST(CutoverSources, AWriterAppearingDuringAnImmutableReadFailsTheRead) {
  TempDir dir;
  const auto file = dir / "idle.db";
  {
    SQLite::Database w(file.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    w.exec(
        "PRAGMA journal_mode=WAL; CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT); INSERT INTO t "
        "VALUES (1, 'a');");
  }
  ASSERT_FALSE(fs::exists(file.string() + "-wal"));
  SqliteSource source("idle", file.string());
  EXPECT_TRUE(source.facts().read_immutable);
  source.begin_snapshot();
  EXPECT_EQ(source.count_rows("t"), 1);
  {
    SQLite::Database writer(file.string(), SQLite::OPEN_READWRITE);
    writer.exec("INSERT INTO t VALUES (2, 'b'); PRAGMA wal_checkpoint(TRUNCATE);");
  }
  try {
    source.end_snapshot();
    FAIL() << "a write during the read went unnoticed";
  } catch (const Failure& f) {
    EXPECT_THAT(std::string(f.what()), HasSubstr("was written to while it was being read"))
        << f.what();
  }
}

TEST(CutoverTimeZones, TheClientsTimeZoneChangesNothing) {
  TempDir dir;
  TestDatabase db("edges_" + test_name());
  auto args = sample_sources(dir.path());
  args.insert(args.begin(), {"migrate", "-q", "--target", db.dsn()});
  ASSERT_EQ(run_tool(args, {{"PGTZ", "America/St_Johns"}, {"TZ", "Asia/Kathmandu"}}).exit_code, 0);
  // 'usr_admin' was created at naive '2015-03-01 00:00:00': UTC midnight, whatever the zones.
  EXPECT_EQ(pg_value(db.dsn(),
                     "SELECT extract(epoch FROM created_at)::bigint FROM auth.users "
                     "WHERE email = 'admin@example.com'"),
            "1425168000");
}

}  // namespace
}  // namespace s2p::test

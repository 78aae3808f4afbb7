// verify: the proof an operator needs before deleting the SQLite files.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "integration_test.h"
#include "pg_cluster.h"
#include "pg_query.h"
#include "tool.h"

namespace s2p::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
namespace fs = std::filesystem;

std::string sha256_of(const fs::path& file) {
  TempDir d;
  const std::string cmd = "sha256sum '" + file.string() + "' > " + (d / "sha").string();
  if (std::system(cmd.c_str()) != 0) return "";
  return read_file(d / "sha").substr(0, 64);
}

class Verify : public IntegrationTest {
 protected:
  void cutover() { ASSERT_EQ(run({"migrate", "-q"}).exit_code, 0); }
};

TEST_F(Verify, ACleanCutoverIsSafePlainAndExact) {
  cutover();
  for (const char* mode : {"--quiet", "--exact"}) {
    const auto r = run_tool(args({"verify", mode}));
    EXPECT_EQ(r.exit_code, 0) << r.all();
    EXPECT_THAT(r.out, HasSubstr("SAFE TO DELETE")) << r.out;
    EXPECT_THAT(r.out, Not(HasSubstr("NOT SAFE")));
  }
}

TEST_F(Verify, AValueChangedInPostgresIsReportedAndFailsOnlyExact) {
  cutover();
  pg_value(dsn(),
           "UPDATE auth.users SET name = 'renamed in PostgreSQL' WHERE email = 'admin@example.com' "
           "RETURNING 1");
  const auto plain = run_tool(args({"verify"}));
  EXPECT_EQ(plain.exit_code, 0) << plain.all();
  EXPECT_THAT(plain.out, HasSubstr("auth.users: 1 row(s) changed in PostgreSQL since the cutover"))
      << plain.out;
  EXPECT_THAT(plain.out, HasSubstr("id='usr_admin' -> id=")) << plain.out;
  // The row is named with the column that differs and both values.
  EXPECT_THAT(plain.out, HasSubstr(": name: 'Administrator' in SQLite, 'renamed in PostgreSQL' in "
                                   "PostgreSQL"))
      << plain.out;
  const auto exact = run_tool(args({"verify", "--exact", "--report", (dir_ / "r.json").string()}));
  EXPECT_EQ(exact.exit_code, 6) << exact.all();
  EXPECT_THAT(exact.out, HasSubstr("NOT SAFE"));
  EXPECT_THAT(exact.out, HasSubstr("id='usr_admin'"));
  const auto j = report("r.json");
  bool found = false;
  for (const auto& t : j["tables"]) {
    if (t["target_table"] != "auth.users") continue;
    EXPECT_EQ(t["differences"]["changed_in_target"], 1);
    EXPECT_EQ(t["samples"][0]["source_row"], "id='usr_admin'");
    EXPECT_THAT(t["samples"][0]["detail"].get<std::string>(), HasSubstr("name: 'Administrator'"));
    found = true;
  }
  EXPECT_TRUE(found);
}

TEST_F(Verify, ARowDeletedInPostgresIsNotSafeNamingTableAndKey) {
  cutover();
  pg_value(dsn(),
           "DELETE FROM deploy.commit_ticket_map WHERE commit_sha = (SELECT min(commit_sha) FROM "
           "deploy.commit_ticket_map) RETURNING 1");
  const auto r = run_tool(args({"verify"}));
  EXPECT_EQ(r.exit_code, 6) << r.all();
  EXPECT_THAT(r.out, HasSubstr("deploy.commit_ticket_map: 1 row(s) missing from PostgreSQL"))
      << r.out;
  EXPECT_THAT(r.out, HasSubstr("commit_sha='")) << r.out;
  EXPECT_THAT(r.out, HasSubstr("NOT SAFE"));
}

TEST_F(Verify, WritesToSqliteAfterTheCutoverAreDriftNamingTheTable) {
  struct Case {
    const char* source;
    const char* sql;
    const char* expected;
  };
  for (const auto& c :
       {Case{"swarm", "INSERT INTO roles (id, name, level) VALUES (99, 'late-role', 1)",
             "auth.roles: 1 row(s) added to SQLite after the cutover"},
        Case{"registry", "UPDATE agents SET description = 'edited later' WHERE id = 'agt_3f9a2c'",
             "registry.agents: 1 row(s) changed in SQLite after the cutover"},
        Case{"deployments", "DELETE FROM deployment_events WHERE id = 42",
             "deploy.deployment_events: 1 row(s) deleted from SQLite after the cutover"}}) {
    TestDatabase fresh(std::string("verify_drift_") + c.source);
    TempDir d;
    auto a = sample_sources(d.path());
    a.insert(a.begin(), {"--target", fresh.dsn()});
    auto migrate = a;
    migrate.insert(migrate.begin(), "migrate");
    ASSERT_EQ(run_tool(migrate).exit_code, 0);
    sqlite_exec(d / (std::string(c.source) + ".db"), c.sql);
    auto verify = a;
    verify.insert(verify.begin(), "verify");
    const auto r = run_tool(verify);
    EXPECT_EQ(r.exit_code, 6) << r.all();
    EXPECT_THAT(r.out, HasSubstr(c.expected)) << c.sql << "\n" << r.out;
    EXPECT_THAT(r.out, HasSubstr("NOT SAFE"));
  }
}

TEST_F(Verify, LeavesSourcesAndTargetExactlyAsTheyWere) {
  cutover();
  const auto sources_before = directory_state(dir_ / "src");
  const auto target_before = pg_fingerprint(dsn());
  const auto r = run_tool(args({"verify", "--exact", "--report", (dir_ / "r.json").string()}));
  EXPECT_EQ(r.exit_code, 0) << r.all();
  EXPECT_EQ(directory_state(dir_ / "src"), sources_before);  // no -wal, -shm or journal appeared
  EXPECT_EQ(pg_fingerprint(dsn()), target_before);
}

TEST_F(Verify, NoCommittedCutoverIsNotSafe) {
  ASSERT_EQ(run_tool(args({"migrate", "--dry-run", "-q"})).exit_code, 0);
  ASSERT_EQ(run_tool({"schema", "up", "--target", dsn()}).exit_code, 0);
  const auto r = run_tool(args({"verify"}));
  EXPECT_EQ(r.exit_code, 6) << r.all();
  EXPECT_THAT(r.out, HasSubstr("no committed cutover of swarm.users is recorded")) << r.out;
}

TEST_F(Verify, TheReportIsACertificate) {
  cutover();
  const auto r = run_tool(args({"verify", "--report", (dir_ / "r.json").string()}));
  ASSERT_EQ(r.exit_code, 0) << r.all();
  const auto j = report("r.json");
  EXPECT_EQ(j["tool"]["version"], SQLITE2PG_VERSION);
  EXPECT_EQ(j["verdict"].get<std::string>().rfind("SAFE TO DELETE", 0), 0u);
  EXPECT_EQ(j["mappings"].size(), 3u);
  for (const auto& m : j["mappings"]) EXPECT_EQ(m["sha256"].get<std::string>().size(), 64u);
  for (const auto& s : j["sources"]) {
    EXPECT_EQ(s["sha256"], sha256_of(s["real_path"].get<std::string>()));
    EXPECT_EQ(s["size"], fs::file_size(s["real_path"].get<std::string>()));
  }
  ASSERT_EQ(j["tables"].size(), 17u);
  for (const auto& t : j["tables"]) {
    EXPECT_EQ(t["source_rows"], t["target_rows"]);
    EXPECT_EQ(t["source_checksum"], t["target_checksum"]);
    EXPECT_TRUE(t["baseline_run"].is_number());
    for (const char* kind : {"added_in_source", "changed_in_source", "deleted_in_source",
                             "missing_in_target", "changed_in_target", "extra_in_target"}) {
      EXPECT_EQ(t["differences"][kind], 0) << kind;
    }
  }
}

TEST_F(Verify, SymlinkedPathsToOneFileAreReadOnceAndEmptyFilesAreEmptyDatabases) {
  // swarm.db split into two sources (auth and tickets), each configured through its own link.
  fs::create_directories(dir_ / "maps");
  for (const char* m : {"registry.yaml", "deployments.yaml"})
    fs::copy(source_dir() / "mappings" / m, dir_ / "maps" / m);
  std::string swarm = read_file(source_dir() / "mappings" / "swarm.yaml");
  const auto split = swarm.find("  verification_attempts:");
  std::ofstream(dir_ / "maps" / "swarm.yaml") << swarm.substr(0, split);
  std::ofstream(dir_ / "maps" / "tickets.yaml")
      << "source: tickets\npath: /opt/swarm-tickets/tickets.db\ntables:\n"
      << swarm.substr(split);
  fs::create_symlink(source_db("swarm"), dir_ / "tickets-link.db");
  fs::create_symlink(source_db("swarm"), dir_ / "swarm-link.db");
  // deployments.db is a 0-byte file.
  fs::remove(source_db("deployments"));
  std::ofstream(source_db("deployments")).close();
  std::vector<std::string> a = {"--target",   dsn(),
                                "--mappings", (dir_ / "maps").string(),
                                "--source",   "registry=" + source_db("registry").string(),
                                "--source",   "deployments=" + source_db("deployments").string(),
                                "--source",   "swarm=" + (dir_ / "swarm-link.db").string(),
                                "--source",   "tickets=" + (dir_ / "tickets-link.db").string()};
  auto migrate = a;
  migrate.insert(migrate.begin(), "migrate");
  ASSERT_EQ(run_tool(migrate).exit_code, 0) << run_tool(migrate).all();
  auto verify = a;
  verify.insert(verify.begin(), {"verify", "--report", (dir_ / "r.json").string()});
  const auto r = run_tool(verify);
  EXPECT_EQ(r.exit_code, 0) << r.all();
  EXPECT_THAT(r.err, HasSubstr("source tickets is the same file as source swarm: read once"))
      << r.err;
  EXPECT_THAT(r.err, HasSubstr("is a 0-byte file: an empty database")) << r.err;
  const auto j = report("r.json");
  for (const auto& s : j["sources"]) {
    if (s["name"] == "tickets") {
      EXPECT_EQ(s["same_file_as"], "swarm");
      EXPECT_EQ(s["symlink"], true);
      EXPECT_EQ(s["real_path"], fs::canonical(source_db("swarm")).string());
    }
    if (s["name"] == "deployments") {
      EXPECT_EQ(s["empty_file"], true);
    }
  }
}

TEST_F(Verify, AFileThatIsNotSqliteOrIsDamagedIsAClearError) {
  cutover();
  std::ofstream(dir_ / "text.db")
      << "this is not a database, just text that is long enough to be read...\n";
  auto a = args({"verify"});
  a.push_back("--source");
  a.push_back("swarm=" + (dir_ / "text.db").string());
  auto r = run_tool(a);
  EXPECT_EQ(r.exit_code, 3) << r.all();
  EXPECT_THAT(r.err, HasSubstr("text.db")) << r.err;
  // A real database with a damaged page: quick_check names it.
  fs::copy_file(source_db("registry"), dir_ / "damaged.db");
  {
    std::fstream f(dir_ / "damaged.db", std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(4096 * 2);  // the b-tree page header of page 3
    const std::string junk(64, '\x5a');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  a = args({"verify"});
  a.push_back("--source");
  a.push_back("registry=" + (dir_ / "damaged.db").string());
  r = run_tool(a);
  EXPECT_EQ(r.exit_code, 3) << r.all();
  EXPECT_THAT(r.err, HasSubstr("damaged.db")) << r.err;
}

TEST_F(Verify, TheArchiveRoundTripsAndIsOnlyWrittenWhenSafe) {
  cutover();
  const auto r = run_tool(args({"verify", "--archive", (dir_ / "archive").string(), "--report",
                                (dir_ / "r.json").string()}));
  ASSERT_EQ(r.exit_code, 0) << r.all();
  const auto j = report("r.json");
  const std::string path = j["archive"]["path"];
  EXPECT_THAT(r.out, HasSubstr("archive: " + path)) << r.out;
  EXPECT_EQ(j["archive"]["files"].size(), 3u);
  EXPECT_EQ(j["archive"]["sha256"], sha256_of(path));
  // An independent tool extracts it, and the manifest checks out against the originals.
  fs::create_directories(dir_ / "x");
  ASSERT_EQ(std::system(("tar -xzf '" + path + "' -C " + (dir_ / "x").string()).c_str()), 0);
  ASSERT_EQ(
      std::system(("cd " + (dir_ / "x").string() + " && sha256sum -c --quiet SHA256SUMS").c_str()),
      0);
  for (const char* name : {"registry", "deployments", "swarm"}) {
    EXPECT_EQ(sha256_of(dir_ / "x" / name / (std::string(name) + ".db")),
              sha256_of(source_db(name)))
        << name;
  }
  // Not safe: no archive.
  pg_value(dsn(),
           "DELETE FROM auth.permissions WHERE name = (SELECT min(name) FROM auth.permissions) "
           "RETURNING 1");
  const auto unsafe = run_tool(args({"verify", "--archive", (dir_ / "archive2").string()}));
  EXPECT_EQ(unsafe.exit_code, 6);
  EXPECT_FALSE(fs::exists(dir_ / "archive2") && !fs::is_empty(dir_ / "archive2"));
}

}  // namespace
}  // namespace s2p::test

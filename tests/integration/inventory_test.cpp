// inventory: every SQLite file on a host shaped like the Swarm one, and which of them can go.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <SQLiteCpp/SQLiteCpp.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "integration_test.h"
#include "pg_query.h"
#include "tool.h"

namespace s2p::test {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

// Every entry under `dir` (links not followed): kind, size, times and content or link target.
std::string tree_state(const fs::path& dir) {
  std::map<std::string, std::string> entries;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    struct stat st {};
    ::lstat(it->path().c_str(), &st);
    std::string e = std::to_string(st.st_mode) + " " + std::to_string(st.st_size) + " " +
                    std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec) +
                    " " + std::to_string(st.st_ctim.tv_sec) + "." +
                    std::to_string(st.st_ctim.tv_nsec);
    if (S_ISLNK(st.st_mode)) e += " -> " + fs::read_symlink(it->path()).string();
    if (S_ISREG(st.st_mode))
      e += " " + std::to_string(std::hash<std::string>{}(read_file(it->path())));
    entries[it->path().string()] = e;
  }
  std::string out;
  for (const auto& [path, e] : entries) out += path + " " + e + "\n";
  return out;
}

class Inventory : public IntegrationTest {
 protected:
  void SetUp() override {
    IntegrationTest::SetUp();
    ASSERT_EQ(run({"migrate", "-q"}).exit_code, 0);
    host_ = dir_ / "host";
    for (const auto& [name, at] :
         std::map<std::string, std::string>{{"registry", "opt/swarm-registry/registry.db"},
                                            {"deployments", "opt/swarm-deploy/data/deployments.db"},
                                            {"swarm", "opt/swarm-platform/data/swarm.db"}}) {
      fs::create_directories((host_ / at).parent_path());
      fs::copy_file(dir_ / "src" / (name + ".db"), host_ / at);
      sources_at_.insert(sources_at_.end(), {"--source", name + "=" + (host_ / at).string()});
    }
    fs::create_directories(host_ / "opt/swarm-tickets/data");
    fs::create_symlink("../../swarm-platform/data/swarm.db",
                       host_ / "opt/swarm-tickets/data/swarm.db");
    fs::create_symlink("../swarm-platform/data/swarm.db", host_ / "opt/swarm-tickets/tickets.db");
    fs::create_symlink("data/swarm.db", host_ / "opt/swarm-platform/tickets.db");
    fs::create_directories(host_ / "opt/swarm-app/apps/platform/data");
    for (const char* empty :
         {"opt/swarm-platform/data/platform.db", "opt/swarm-platform/data/swarm-platform.db",
          "opt/swarm-platform/swarm.db", "opt/swarm-app/apps/platform/data/swarm.db"})
      std::ofstream(host_ / empty);
  }

  // The rest of the Swarm host: stale copies, an unrelated file, a stray WAL, a loop.
  void add_the_rest() {
    fs::create_directories(host_ / "opt/swarm-mcp-factory.legacy");
    fs::copy_file(dir_ / "src/registry.db", host_ / "opt/swarm-mcp-factory.legacy/registry.db");
    fs::create_directories(host_ / "opt/backup");
    const auto lacking = host_ / "opt/backup/registry-2023.db";
    fs::copy_file(dir_ / "src/registry.db", lacking);
    sqlite_exec(lacking,
                "UPDATE agents SET name = 'an old name' WHERE rowid = 1;"
                "UPDATE agents SET id = 'agt_only_in_the_copy' WHERE rowid = 2");
    fs::create_directories(host_ / "opt/misc");
    SQLite::Database((host_ / "opt/misc/notes.sqlite").string(),
                     SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE)
        .exec("CREATE TABLE notes(x); INSERT INTO notes VALUES (1), (2)");
    {
      SQLite::Database wal((dir_ / "gone.db").string(),
                           SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      wal.exec(
          "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0;"
          "CREATE TABLE t(x); INSERT INTO t VALUES ('committed but never checkpointed')");
      fs::copy_file(dir_ / "gone.db-wal", host_ / "opt/misc/gone.db-wal");
    }
    fs::create_directories(host_ / "opt/loop");
    fs::create_symlink("b.db", host_ / "opt/loop/a.db");
    fs::create_symlink("a.db", host_ / "opt/loop/b.db");
    fs::create_symlink("..", host_ / "opt/loop/up");
    std::ofstream(host_ / "opt/misc/not-sqlite.db") << "just text";
    std::ofstream(host_ / "opt/misc/notes-journal") << "a diary, not SQLite's";
  }

  ToolResult inventory(std::vector<std::string> extra = {}) {
    std::vector<std::string> a{"inventory", (host_ / "opt").string(), "--target", dsn()};
    a.insert(a.end(), sources_at_.begin(), sources_at_.end());
    a.insert(a.end(), extra.begin(), extra.end());
    return run_tool(a);
  }

  std::map<std::string, nlohmann::json> files_of(const nlohmann::json& report) {
    std::map<std::string, nlohmann::json> out;
    for (const auto& f : report["files"])
      out[fs::path(f["path"].get<std::string>()).lexically_relative(host_).string()] = f;
    return out;
  }

  fs::path host_;
  std::vector<std::string> sources_at_;
};

TEST_F(Inventory, TheSwarmHostEveryKindAndVerdict) {
  add_the_rest();
  const std::string before = tree_state(host_);
  const auto r = inventory(
      {"--report", (dir_ / "inv.json").string(), "--delete-script", (dir_ / "delete.sh").string()});
  EXPECT_EQ(r.exit_code, 6) << r.all();
  EXPECT_EQ(tree_state(host_), before) << "inventory changed the tree";
  auto files = files_of(report("inv.json"));
  const auto expect = [&](const std::string& path, const std::string& kind,
                          const std::string& verdict, const std::string& reason) {
    ASSERT_TRUE(files.count(path)) << path << " not found:\n" << r.out;
    EXPECT_EQ(files[path]["kind"], kind) << path << ": " << files[path].dump();
    EXPECT_EQ(files[path]["verdict"], verdict) << path << ": " << files[path].dump();
    EXPECT_THAT(files[path]["reason"].get<std::string>(), HasSubstr(reason)) << path;
  };
  expect("opt/swarm-registry/registry.db", "mapped", "safe", "source registry: PostgreSQL holds");
  expect("opt/swarm-deploy/data/deployments.db", "mapped", "safe", "source deployments");
  expect("opt/swarm-platform/data/swarm.db", "mapped", "safe", "source swarm");
  for (const char* link : {"opt/swarm-tickets/data/swarm.db", "opt/swarm-tickets/tickets.db",
                           "opt/swarm-platform/tickets.db"}) {
    expect(link, "link", "safe", "source swarm");
    EXPECT_EQ(files[link]["same_file_as"], (host_ / "opt/swarm-platform/data/swarm.db").string());
  }
  for (const char* empty :
       {"opt/swarm-platform/data/platform.db", "opt/swarm-platform/data/swarm-platform.db",
        "opt/swarm-platform/swarm.db", "opt/swarm-app/apps/platform/data/swarm.db"})
    expect(empty, "empty", "safe", "0 bytes");
  expect("opt/swarm-mcp-factory.legacy/registry.db", "legacy", "safe", "PostgreSQL holds all");
  expect("opt/backup/registry-2023.db", "legacy", "keep",
         "PostgreSQL lacks 1 row(s), holds 1 with other values");
  EXPECT_THAT(files["opt/backup/registry-2023.db"]["reason"].get<std::string>(),
              HasSubstr("'an old name' in SQLite"));
  EXPECT_THAT(files["opt/backup/registry-2023.db"]["reason"].get<std::string>(),
              HasSubstr("id='agt_only_in_the_copy' is missing"));
  expect("opt/misc/notes.sqlite", "unknown", "keep", "notes (2 rows)");
  EXPECT_EQ(files["opt/misc/notes.sqlite"]["tables"][0]["rows"], 2);
  expect("opt/misc/gone.db-wal", "leftover", "keep", "3 committed frame(s)");
  expect("opt/loop/a.db", "link", "safe", "a loop of symbolic links");
  EXPECT_FALSE(files.count("opt/misc/not-sqlite.db"));
  EXPECT_FALSE(files.count("opt/misc/notes-journal"));
  EXPECT_EQ(files.size(), 16u) << r.out;
  EXPECT_EQ(files["opt/swarm-registry/registry.db"]["sha256"].get<std::string>().size(), 64u);

  // The script removes the safe files, links before their targets, and nothing else.
  const std::string script = read_file(dir_ / "delete.sh");
  EXPECT_LT(script.find("opt/swarm-platform/tickets.db"),
            script.find("opt/swarm-platform/data/swarm.db'"));
  EXPECT_EQ(script.find("notes.sqlite"), std::string::npos);
  ASSERT_EQ(std::system(("sh " + (dir_ / "delete.sh").string() + " > /dev/null").c_str()), 0);
  for (const auto& [path, f] : files)
    EXPECT_EQ(fs::exists(fs::symlink_status(host_ / path)), f["verdict"] == "keep") << path;
}

TEST_F(Inventory, AllSafeExitsZeroAndTheScriptIsStdoutsLastLines) {
  const std::string before = tree_state(host_);
  const auto r = inventory();
  EXPECT_EQ(r.exit_code, 0) << r.all();
  EXPECT_THAT(r.out, HasSubstr("SAFE TO DELETE: all 10 file(s) found"));
  const auto script_at = r.out.rfind("#!/bin/sh");
  ASSERT_NE(script_at, std::string::npos) << r.out;
  EXPECT_THAT(r.out.substr(script_at), HasSubstr("echo 'removed 10 file(s)'\n"));
  EXPECT_EQ(tree_state(host_), before);
}

TEST_F(Inventory, ASourceWrittenAfterTheCutoverIsKeptAndSoAreItsLinks) {
  sqlite_exec(host_ / "opt/swarm-platform/data/swarm.db", "DELETE FROM roles WHERE rowid = 1");
  const auto r = inventory({"--report", (dir_ / "inv.json").string()});
  EXPECT_EQ(r.exit_code, 6) << r.all();
  auto files = files_of(report("inv.json"));
  ASSERT_EQ(files.size(), 10u) << r.all();
  EXPECT_EQ(files["opt/swarm-platform/data/swarm.db"]["verdict"], "keep");
  EXPECT_THAT(files["opt/swarm-platform/tickets.db"]["reason"].get<std::string>(),
              HasSubstr("deleted from SQLite after the cutover"));
  EXPECT_EQ(files["opt/swarm-platform/tickets.db"]["verdict"], "keep");
  EXPECT_EQ(files["opt/swarm-registry/registry.db"]["verdict"], "safe");
}

TEST_F(Inventory, TheReportNamesTheDeletionScriptOrSaysThereIsNone) {
  inventory({"--report", (dir_ / "none.json").string()});
  const auto none = report("none.json");
  ASSERT_TRUE(none.contains("files")) << none.dump();
  ASSERT_TRUE(none.contains("delete_script")) << none.dump();
  EXPECT_TRUE(none["delete_script"].is_null()) << none.dump();
  const auto script = dir_ / "delete.sh";
  inventory({"--report", (dir_ / "with.json").string(), "--delete-script", script.string()});
  EXPECT_EQ(report("with.json")["delete_script"], script.string());
  EXPECT_TRUE(fs::exists(script));
}

TEST_F(Inventory, ArchiveCoversTheDeletionList) {
  const auto r = inventory({"--archive", (dir_ / "arch").string(), "--delete-script",
                            (dir_ / "d.sh").string(), "--report", (dir_ / "inv.json").string()});
  EXPECT_EQ(r.exit_code, 0) << r.all();
  const auto rep = report("inv.json");
  // The three sources and the four empty files; links hold nothing of their own.
  EXPECT_EQ(rep["archive"]["files"].size(), 7u) << rep["archive"].dump();
}

TEST_F(Inventory, ADatabaseInUseOrWithFramesInItsWalIsKept) {
  fs::create_directories(host_ / "opt/live");
  const auto live = host_ / "opt/live/cache.db";
  fs::copy_file(dir_ / "src/registry.db", live);
  SQLite::Database open(live.string(), SQLite::OPEN_READWRITE);
  open.exec("PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0");
  open.exec("SELECT count(*) FROM agents");  // holds the -shm lock from here on
  auto r = inventory({"--report", (dir_ / "open.json").string()});
  EXPECT_EQ(r.exit_code, 6) << r.all();
  auto files = files_of(report("open.json"));
  EXPECT_EQ(files["opt/live/cache.db"]["kind"], "legacy") << r.out;
  EXPECT_EQ(files["opt/live/cache.db"]["verdict"], "keep");
  EXPECT_THAT(files["opt/live/cache.db"]["reason"].get<std::string>(),
              HasSubstr("in use: process"));
  EXPECT_EQ(files["opt/live/cache.db-shm"]["verdict"], "keep") << r.out;

  // Closed with a write left in its WAL (copied out while open): the rows are not in the file.
  open.exec("UPDATE agents SET name = 'written later' WHERE rowid = 1");
  const auto stale = host_ / "opt/live/stale.db";
  fs::copy_file(live, stale);
  fs::copy_file(live.string() + "-wal", stale.string() + "-wal");
  r = inventory({"--report", (dir_ / "frames.json").string()});
  files = files_of(report("frames.json"));
  EXPECT_EQ(files["opt/live/stale.db"]["verdict"], "keep") << r.out;
  EXPECT_THAT(files["opt/live/stale.db"]["reason"].get<std::string>(),
              HasSubstr("committed frame(s) not in the file"));
  EXPECT_EQ(files["opt/live/stale.db-wal"]["kind"], "leftover");
  EXPECT_EQ(files["opt/live/stale.db-wal"]["verdict"], "keep");
  EXPECT_FALSE(fs::exists(stale.string() + "-shm")) << "inventory created a -shm file";
}

}  // namespace
}  // namespace s2p::test

// verify of a source in WAL mode: committed rows can live in its -wal and nowhere else, so the
// certificate and the archive must name and hold the -wal verify read, and a -wal that moved
// while verify read it is not certified.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "integration_test.h"
#include "pg_cluster.h"
#include "sqlite2pg/util/sha256.h"
#include "tool.h"

namespace s2p::test {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

class VerifyWal : public IntegrationTest {
 protected:
  fs::path swarm() const { return fs::canonical(source_db("swarm")); }
  fs::path wal() const { return swarm().string() + "-wal"; }
  // The service: swarm.db in WAL mode, open, a committed row left in its -wal.
  void open_service() {
    service_ = std::make_unique<SQLite::Database>(swarm().string(), SQLite::OPEN_READWRITE);
    service_->exec(
        "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0; CREATE TABLE scratch (n "
        "INTEGER); INSERT INTO roles (id, name, level) VALUES (77, 'in-the-wal', 1)");
  }
  // Frames of a -wal that a single unbroken run of commits wrote, counted from its size alone.
  std::uint64_t frames_by_size() const {
    const auto page = std::stoull(sqlite_value(swarm(), "PRAGMA page_size").value());
    return (fs::file_size(wal()) - 32) / (24 + page);
  }
  std::unique_ptr<SQLite::Database> service_;
};

nlohmann::json source_named(const nlohmann::json& report, const std::string& name) {
  for (const auto& s : report["sources"]) {
    if (s["name"] == name) return s;
  }
  return nullptr;
}

TEST_F(VerifyWal, TheReportAndTheArchiveHoldTheWalVerifyRead) {
  open_service();
  ASSERT_EQ(run({"migrate", "-q"}).exit_code, 0);
  const auto r = run(
      {"verify", "--report", (dir_ / "r.json").string(), "--archive", (dir_ / "archive").string()});
  ASSERT_EQ(r.exit_code, 0) << r.all();
  const auto j = report("r.json");
  const auto s = source_named(j, "swarm");
  const std::string wal_sha = sha256_file(wal());
  ASSERT_TRUE(s["wal"].is_object()) << s.dump();
  EXPECT_EQ(s["wal"]["path"], wal().string());
  EXPECT_EQ(s["wal"]["size"], fs::file_size(wal()));
  EXPECT_EQ(s["wal"]["sha256"], wal_sha);
  EXPECT_GE(frames_by_size(), 2u);
  EXPECT_EQ(s["wal"]["committed_frames"], frames_by_size());
  EXPECT_TRUE(source_named(j, "registry")["wal"].is_null());
  const std::string verdict = j["verdict"];
  EXPECT_THAT(verdict, HasSubstr("after the cutover. The proof covers exactly source ")) << verdict;
  EXPECT_THAT(
      verdict,
      HasSubstr("source swarm (" + swarm().string() + ") at sha256 " + sha256_file(swarm()) +
                " with its -wal at " + std::to_string(fs::file_size(wal())) + " bytes, sha256 " +
                wal_sha + ", " + std::to_string(frames_by_size()) + " committed frame(s)"))
      << verdict;
  EXPECT_THAT(verdict, HasSubstr("registry.db) at sha256 " + sha256_file(source_db("registry")) +
                                 " with no -wal"))
      << verdict;

  // A write after verify: the database file stays as certified, its -wal does not.
  service_->exec("INSERT INTO roles (id, name, level) VALUES (78, 'after-verify', 1)");
  EXPECT_EQ(sha256_file(swarm()), s["sha256"]);
  EXPECT_NE(sha256_file(wal()), s["wal"]["sha256"]);

  // The archive restores the state proved: the row in the -wal, not the one written after.
  fs::create_directories(dir_ / "x");
  const std::string path = j["archive"]["path"];
  ASSERT_EQ(std::system(("tar -xzf '" + path + "' -C " + (dir_ / "x").string()).c_str()), 0);
  ASSERT_EQ(
      std::system(("cd " + (dir_ / "x").string() + " && sha256sum -c --quiet SHA256SUMS").c_str()),
      0);
  const auto manifest = nlohmann::json::parse(read_file(dir_ / "x" / "MANIFEST.json"));
  bool listed = false;
  for (const auto& f : manifest["files"]) {
    if (f["name"] != "swarm/swarm.db-wal") continue;
    listed = true;
    EXPECT_EQ(f["kind"], "wal");
    EXPECT_EQ(f["sha256"], wal_sha);
    EXPECT_EQ(f["size"], s["wal"]["size"]);
    EXPECT_EQ(f["committed_frames"], s["wal"]["committed_frames"]);
  }
  EXPECT_TRUE(listed) << manifest.dump();
  // Opened as the service would open it: SQLite replays the -wal's committed frames.
  SQLite::Database restored((dir_ / "x" / "swarm" / "swarm.db").string(), SQLite::OPEN_READWRITE);
  EXPECT_EQ(restored.execAndGet("SELECT group_concat(name) FROM roles WHERE id >= 77").getString(),
            "in-the-wal");
}

TEST_F(VerifyWal, AWalWrittenWhileVerifyReadsIsNotCertified) {
  open_service();
  ASSERT_EQ(run({"migrate", "-q"}).exit_code, 0);
  // The service goes on writing, to a table no mapping reads: nothing verify compares moves.
  std::atomic<bool> stop{false};
  std::atomic<int> writes{0};
  std::thread writer([&] {
    SQLite::Database w(swarm().string(), SQLite::OPEN_READWRITE);
    w.exec("PRAGMA busy_timeout = 5000");
    while (!stop) {
      w.exec("INSERT INTO scratch VALUES (1)");
      ++writes;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  });
  while (writes < 5) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  // Each run must see the -wal move while it reads: writes during it are counted.
  std::vector<int> during;
  const auto verify = [&](std::vector<std::string> extra) {
    const int before = writes;
    extra.insert(extra.begin(), "verify");
    auto r = run(extra);
    during.push_back(writes - before);
    return r;
  };
  const auto plain = verify({"--report", (dir_ / "r.json").string()});
  const auto archived = verify({"--archive", (dir_ / "archive").string()});
  stop = true;
  writer.join();
  for (const int n : during) ASSERT_GT(n, 0);
  const std::string reason = "source swarm (" + swarm().string() +
                             "): its -wal changed while verify read it (its -wal at ";
  for (const auto* r : {&plain, &archived}) {
    EXPECT_EQ(r->exit_code, 6) << r->all();
    EXPECT_THAT(r->out, HasSubstr(reason)) << r->out;
    EXPECT_THAT(r->out, HasSubstr("NOT SAFE")) << r->out;
  }
  EXPECT_EQ(report("r.json")["exit_code"], 6);
  EXPECT_FALSE(fs::exists(dir_ / "archive") && !fs::is_empty(dir_ / "archive"));
}

}  // namespace
}  // namespace s2p::test

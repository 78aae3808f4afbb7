// inventory against what a live host does to it: writers holding SQLite's locks, writes that
// land after the inventory, files named like SQLite's that are not, and hostile files.
#include <fcntl.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "integration_test.h"
#include "tool.h"

namespace s2p::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// The sqlite3 shell as a separate process, as a service would hold a database: statements go
// to its standard input one line at a time, and run() waits until it has run them.
class SqliteShell {
 public:
  explicit SqliteShell(const fs::path& db) : marker_(db.string() + ".shell-marker") {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0)
      throw std::runtime_error("pipe");  // no other shell inherits it
    pid_ = ::fork();
    if (pid_ == 0) {
      ::dup2(fds[0], 0);
      const int null = ::open("/dev/null", O_WRONLY);
      ::dup2(null, 1);
      ::dup2(null, 2);
      ::close(fds[1]);
      ::execlp("sqlite3", "sqlite3", db.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(fds[0]);
    in_ = fds[1];
  }
  ~SqliteShell() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    if (in_ >= 0) ::close(in_);
  }
  // Sends `sql` (statements, the last one's ';' left out) and returns once the shell ran it.
  bool run(const std::string& sql) {
    fs::remove(marker_);
    send(sql + ";\n.system touch '" + marker_ + "'\n");
    for (int i = 0; i < 200 && !fs::exists(marker_); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const bool ran = fs::exists(marker_);
    fs::remove(marker_);
    return ran;
  }
  // Ends the shell the way a crash would: no checkpoint, no cleanup.
  void kill() {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  // Sends `sql`, closes its input and returns its exit status.
  int finish(const std::string& sql) {
    send(sql + "\n");
    ::close(in_);
    in_ = -1;
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

 private:
  void send(const std::string& text) {
    if (::write(in_, text.data(), text.size()) != static_cast<ssize_t>(text.size()))
      throw std::runtime_error("write to sqlite3");
  }
  std::string marker_;
  pid_t pid_ = -1;
  int in_ = -1;
};

class InventoryWriters : public IntegrationTest {
 protected:
  void SetUp() override {
    IntegrationTest::SetUp();
    ASSERT_EQ(run({"migrate", "-q"}).exit_code, 0);
    host_ = dir_ / "host";
    fs::create_directories(host_);
  }

  // A copy of the registry source PostgreSQL holds every row of: safe while nobody uses it.
  fs::path copy(const std::string& name, const std::string& journal_mode = "DELETE") {
    const auto path = host_ / name;
    fs::copy_file(source_db("registry"), path);
    sqlite_exec(path, "PRAGMA journal_mode=" + journal_mode);
    return path;
  }

  std::vector<std::string> inventory_args(const std::vector<std::string>& extra = {}) const {
    std::vector<std::string> a{"inventory", host_.string(), "--target", dsn()};
    a.insert(a.end(), sources_.begin(), sources_.end());
    a.insert(a.end(), extra.begin(), extra.end());
    return a;
  }
  ToolResult inventory(const std::vector<std::string>& extra = {}) {
    return run_tool(inventory_args(extra));
  }

  // The files of a --report, by name under the host folder.
  std::map<std::string, nlohmann::json> files(const std::string& report_name) {
    std::map<std::string, nlohmann::json> out;
    const auto r = report(report_name);
    for (const auto& f : r["files"])
      out[fs::path(f["path"].get<std::string>()).lexically_relative(host_).string()] = f;
    return out;
  }

  // Runs `args`, still running two seconds later, then sends SIGTERM: how it ended, and how
  // long after the signal.
  struct Stopped {
    int exit_code = -1;
    Clock::duration took{};
    std::string err;
  };
  static Stopped terminated_while_running(const std::vector<std::string>& args) {
    RunningTool tool(args);
    std::this_thread::sleep_for(std::chrono::seconds(2));
    if (tool.wait_exit(0) != -1) ADD_FAILURE() << "it ended before the signal: " << tool.err();
    const auto signalled = Clock::now();
    tool.signal(SIGTERM);
    Stopped out;
    out.exit_code = tool.wait_exit(5);
    out.took = Clock::now() - signalled;
    out.err = tool.err();
    return out;
  }

  ToolResult run_script(const fs::path& script) {
    return run_tool_command({"sh", script.string()});
  }

  static ToolResult run_tool_command(const std::vector<std::string>& argv) {
    std::string cmd;
    for (const auto& a : argv) cmd += "'" + a + "' ";
    const std::string out = (fs::temp_directory_path() / "inventory-script-out").string();
    ToolResult r;
    const int status = std::system((cmd + "> " + out + " 2> " + out + ".err").c_str());
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    r.out = read_file(out);
    r.err = read_file(out + ".err");
    return r;
  }

  fs::path host_;
};

TEST_F(InventoryWriters, AWriteAfterTheInventoryStopsTheScriptBeforeItRemovesAnything) {
  const auto wal = copy("wal.db", "WAL");
  const auto empty_wal = copy("empty-wal.db", "WAL");
  std::ofstream(empty_wal.string() + "-wal");  // a 0-byte -wal, as a checkpoint leaves it
  const auto plain = copy("plain.db");
  const auto r = inventory({"--delete-script", (dir_ / "d.sh").string()});
  ASSERT_EQ(r.exit_code, 0) << r.all();
  const std::string script = read_file(dir_ / "d.sh");
  EXPECT_THAT(script, HasSubstr("absent '" + wal.string() + "-wal'"));

  // Two services write after the inventory and die before any checkpoint: their rows are only
  // in the -wal files, one new, one that was empty.
  for (const auto& db : {wal, empty_wal}) {
    SqliteShell writer(db);
    ASSERT_TRUE(writer.run("PRAGMA wal_autocheckpoint=0; UPDATE agents SET description = 'later'"));
    writer.kill();
  }
  const auto s = run_script(dir_ / "d.sh");
  EXPECT_EQ(s.exit_code, 1) << s.all();
  EXPECT_THAT(s.err, HasSubstr(wal.string() + "-wal: appeared since the inventory"));
  EXPECT_THAT(s.err, HasSubstr(empty_wal.string() + "-wal: its size changed"));
  EXPECT_THAT(s.err, HasSubstr("nothing was removed"));
  for (const auto& f : {wal, fs::path(wal.string() + "-wal"), empty_wal, plain})
    EXPECT_TRUE(fs::exists(f)) << f << " was removed";
  EXPECT_EQ(sqlite_value(wal, "SELECT count(*) FROM agents WHERE description = 'later'"),
            sqlite_value(source_db("registry"), "SELECT count(*) FROM agents"));
}

TEST_F(InventoryWriters, TheScriptRemovesADatabaseAndItsFilesTogether) {
  const auto db = copy("quiet.db", "WAL");
  std::ofstream(db.string() + "-wal");
  const auto r = inventory({"--delete-script", (dir_ / "d.sh").string()});
  ASSERT_EQ(r.exit_code, 0) << r.all();
  const auto s = run_script(dir_ / "d.sh");
  EXPECT_EQ(s.exit_code, 0) << s.all();
  EXPECT_THAT(s.out, HasSubstr("removed 2 file(s)"));
  EXPECT_FALSE(fs::exists(db));
  EXPECT_FALSE(fs::exists(db.string() + "-wal"));
}

TEST_F(InventoryWriters, WritersAndReadersHoldingLocksOrDescriptorsKeepTheirDatabase) {
  const auto reserved = copy("reserved.db");
  SqliteShell writer(reserved);
  ASSERT_TRUE(writer.run("BEGIN IMMEDIATE; UPDATE agents SET description = 'pending'"));
  const auto exclusive = copy("exclusive.db", "WAL");
  SqliteShell exclusive_writer(exclusive);
  ASSERT_TRUE(exclusive_writer.run(
      "PRAGMA locking_mode=EXCLUSIVE; BEGIN IMMEDIATE; UPDATE agents SET description = 'mine'"));
  const auto idle = copy("idle.db");
  SqliteShell reader(idle);
  ASSERT_TRUE(reader.run("SELECT count(*) FROM agents"));  // open, holding no lock
  const auto quiet = copy("quiet.db");

  const auto r = inventory(
      {"--report", (dir_ / "r.json").string(), "--delete-script", (dir_ / "d.sh").string()});
  EXPECT_EQ(r.exit_code, 6) << r.all();
  auto f = files("r.json");
  EXPECT_EQ(f["reserved.db"]["verdict"], "keep") << r.out;
  EXPECT_THAT(f["reserved.db"]["reason"].get<std::string>(), HasSubstr("RESERVED lock"));
  EXPECT_EQ(f["exclusive.db"]["verdict"], "keep") << r.out;
  EXPECT_THAT(f["exclusive.db"]["reason"].get<std::string>(), HasSubstr("in use: process"));
  EXPECT_FALSE(fs::exists(exclusive.string() + "-shm"));
  EXPECT_EQ(f["idle.db"]["verdict"], "keep") << r.out;
  EXPECT_THAT(f["idle.db"]["reason"].get<std::string>(), HasSubstr("idle.db open"));
  EXPECT_EQ(f["quiet.db"]["verdict"], "safe") << r.out;
  const auto s = run_script(dir_ / "d.sh");
  EXPECT_EQ(s.exit_code, 0) << s.all();
  for (const auto& kept : {reserved, exclusive, idle}) EXPECT_TRUE(fs::exists(kept)) << kept;

  // The writers' transactions were not disturbed: they commit, and their rows are there.
  EXPECT_EQ(writer.finish("COMMIT;"), 0);
  EXPECT_EQ(exclusive_writer.finish("COMMIT;"), 0);
  EXPECT_EQ(sqlite_value(reserved, "SELECT count(*) FROM agents WHERE description <> 'pending'"),
            "0");
  EXPECT_EQ(sqlite_value(exclusive, "SELECT count(*) FROM agents WHERE description <> 'mine'"),
            "0");
}

TEST_F(InventoryWriters, AProcessThatOpensADatabaseAfterTheInventoryStopsTheScript) {
  const auto db = copy("later.db");
  const auto r = inventory({"--delete-script", (dir_ / "d.sh").string()});
  ASSERT_EQ(r.exit_code, 0) << r.all();
  SqliteShell reader(db);
  ASSERT_TRUE(reader.run("SELECT count(*) FROM agents"));
  const auto s = run_script(dir_ / "d.sh");
  EXPECT_EQ(s.exit_code, 1) << s.all();
  EXPECT_THAT(s.err, HasSubstr("later.db: open in process"));
  EXPECT_TRUE(fs::exists(db));
}

TEST_F(InventoryWriters, FilesNamedLikeSqlitesCompanionsAreNotItsLeftovers) {
  std::ofstream(host_ / "app.log") << "a log line\n";
  std::ofstream(host_ / "app.log-wal") << "another log line\n";
  std::ofstream(host_ / "service") << "#!/bin/sh\n";
  std::ofstream(host_ / "service-shm") << "shared notes";
  const auto db = copy("real.db");
  std::ofstream(db.string() + "-wal") << "not a WAL at all";
  // With no database beside them: a file whose first 8 bytes are zeros is no journal; a WAL
  // holding nothing goes, and the -shm beside it, which nothing tells apart, stays.
  std::ofstream(host_ / "events-journal") << std::string(8, '\0') << "binary records";
  {
    SqliteShell writer(dir_ / "gone.db");
    ASSERT_TRUE(writer.run("PRAGMA journal_mode=WAL; CREATE TABLE t(x); INSERT INTO t VALUES (1)"));
    writer.kill();
  }
  fs::copy_file(dir_ / "gone.db-wal", host_ / "orphan.db-wal");
  fs::resize_file(host_ / "orphan.db-wal", 32);  // its header alone
  std::ofstream(host_ / "orphan.db-shm") << std::string(32768, '\0');
  const auto r = inventory(
      {"--report", (dir_ / "r.json").string(), "--delete-script", (dir_ / "d.sh").string()});
  EXPECT_EQ(r.exit_code, 6) << r.all();
  auto f = files("r.json");
  EXPECT_FALSE(f.count("app.log-wal")) << r.out;
  EXPECT_FALSE(f.count("service-shm")) << r.out;
  EXPECT_FALSE(f.count("events-journal")) << r.out;
  EXPECT_FALSE(f.count("orphan.db-shm")) << r.out;
  EXPECT_EQ(f["orphan.db-wal"]["verdict"], "safe") << r.out;
  EXPECT_EQ(f["real.db-wal"]["verdict"], "keep");
  EXPECT_THAT(f["real.db-wal"]["reason"].get<std::string>(), HasSubstr("no WAL header"));
  EXPECT_TRUE(f["real.db-wal"]["sha256"].is_null()) << "a file SQLite did not write was hashed";
  EXPECT_EQ(f["real.db"]["verdict"], "keep");
  EXPECT_THAT(f["real.db"]["reason"].get<std::string>(), HasSubstr("not a file SQLite wrote"));
  const std::string script = read_file(dir_ / "d.sh");
  EXPECT_THAT(script, Not(HasSubstr("app.log")));
  EXPECT_THAT(script, Not(HasSubstr("service")));
  const auto s = run_script(dir_ / "d.sh");
  EXPECT_EQ(s.exit_code, 0) << s.all();
  for (const char* kept : {"app.log", "app.log-wal", "service", "service-shm", "real.db",
                           "events-journal", "orphan.db-shm"})
    EXPECT_TRUE(fs::exists(host_ / kept)) << kept;
  EXPECT_FALSE(fs::exists(host_ / "orphan.db-wal"));
}

// A stale-looking copy whose view named like a mapped table never ends.
TEST_F(InventoryWriters, ViewsInFilesItFindsAreNeverRun) {
  const auto db = host_ / "hostile.db";
  fs::copy_file(source_db("deployments"), db);
  sqlite_exec(db,
              "DROP TABLE commit_ticket_map; CREATE VIEW commit_ticket_map(commit_sha, ticket_id, "
              "repo, pr_number, created_at) AS WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT "
              "n + 1 FROM r) SELECT 'c', 't', 'r', n, '2024-01-01 00:00:00' FROM r WHERE n < 0");
  // A run that read the view would never end: it is given 60 s.
  RunningTool inventory(inventory_args({"--report", (dir_ / "r.json").string()}));
  ASSERT_EQ(inventory.wait_exit(60), 0) << inventory.out() << inventory.err();
  EXPECT_EQ(files("r.json")["hostile.db"]["kind"], "legacy") << inventory.out();
}

// A mapped source whose table is such a view: the first SIGTERM stops SQLite mid-query.
TEST_F(InventoryWriters, TheFirstSignalStopsAnEndlessQuery) {
  const auto db = dir_ / "endless.db";
  fs::copy_file(source_db("deployments"), db);
  sqlite_exec(db,
              "ALTER TABLE commit_ticket_map RENAME TO stored_map; CREATE VIEW commit_ticket_map "
              "AS SELECT * FROM stored_map WHERE (WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL "
              "SELECT n + 1 FROM r) SELECT count(*) FROM r) > 0");
  std::vector<std::string> a{"verify", "--target", dsn()};
  for (const auto& s : sources_)
    a.push_back(s.rfind("deployments=", 0) == 0 ? "deployments=" + db.string() : s);
  const auto verify = terminated_while_running(a);
  EXPECT_EQ(verify.exit_code, 143) << verify.err;
  EXPECT_LT(verify.took, std::chrono::seconds(3));
  EXPECT_THAT(verify.err, HasSubstr("SIGTERM"));
}

// A sparse 50 GB -wal is not hashed; a sparse 50 GB database is, but a signal stops it.
TEST_F(InventoryWriters, LongReadsAreBoundedAndStopOnASignal) {
  const auto db = copy("x");  // found by its header, whatever its name
  {
    std::ofstream wal(db.string() + "-wal", std::ios::binary);
    const unsigned char header[12] = {0x37, 0x7f, 0x06, 0x82, 0, 0x2d, 0xe2, 0x18, 0, 0, 0x10, 0};
    wal.write(reinterpret_cast<const char*>(header), sizeof header);
  }
  fs::resize_file(db.string() + "-wal", 50ull << 30);
  const auto started = Clock::now();
  const auto r = inventory({"--report", (dir_ / "r.json").string()});
  EXPECT_LT(Clock::now() - started, std::chrono::seconds(20));
  EXPECT_EQ(r.exit_code, 6) << r.all();
  auto f = files("r.json");
  EXPECT_THAT(f["x-wal"]["reason"].get<std::string>(), HasSubstr("a sparse file")) << r.out;
  EXPECT_EQ(f["x"]["verdict"], "keep");

  fs::remove(db.string() + "-wal");
  const auto huge = host_ / "huge.db";
  fs::copy_file(source_db("registry"), huge);
  fs::resize_file(huge, 50ull << 30);
  const auto slow = terminated_while_running(inventory_args());
  EXPECT_EQ(slow.exit_code, 143) << slow.err;
  EXPECT_LT(slow.took, std::chrono::seconds(2));
  EXPECT_THAT(slow.err, HasSubstr("while reading " + huge.string()));
}

}  // namespace
}  // namespace s2p::test

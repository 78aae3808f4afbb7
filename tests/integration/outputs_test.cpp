// The files sqlite2pg writes: every output an option names is a regular file of its own, never
// the target of a link found at its name and never a FIFO it would wait on. A refusal names the
// option and the path, gives the documented exit code, leaves the file a link points to as it
// was, creates nothing where a dangling link points, and leaves the target untouched.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <ctime>
#include <fstream>
#include <functional>
#include <stdexcept>

#include "integration_test.h"
#include "pg_query.h"

namespace s2p::test {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

enum class Plant { link, dangling, fifo };

// Puts a link to `victim`, a link to `nowhere` (which does not exist) or a FIFO at `at`.
void plant_at(Plant kind, const fs::path& at, const fs::path& victim, const fs::path& nowhere) {
  if (kind == Plant::link) fs::create_symlink(victim, at);
  if (kind == Plant::dangling) fs::create_symlink(nowhere, at);
  if (kind == Plant::fifo && ::mkfifo(at.c_str(), 0600) != 0)
    throw std::runtime_error("mkfifo " + at.string() + " failed");
}

const char* planted_word(Plant plant) {
  return plant == Plant::fifo ? "is a named pipe (FIFO)" : "is a symbolic link";
}

// One output option: how a run names it at `at`, and the exit code its refusal gives.
struct OutputCase {
  std::string option;  // as the error names it
  int exit_code;
  std::function<std::vector<std::string>(const fs::path& at)> args;
};

class Outputs : public IntegrationTest {
 protected:
  void SetUp() override {
    IntegrationTest::SetUp();
    std::ofstream(victim_) << victim_bytes_;
    fs::permissions(victim_, fs::perms(0644));
  }

  // The real binary, given `seconds` to end: a run that blocks fails the test instead of it.
  static ToolResult run_within(const std::vector<std::string>& args, double seconds = 20) {
    RunningTool tool(args);
    const int code = tool.wait_exit(seconds);
    return {code, tool.out(), tool.err()};
  }

  void expect_nothing_written(Plant plant) const {
    EXPECT_EQ(read_file(victim_), victim_bytes_) << "the link's target was written";
    EXPECT_EQ(file_mode(victim_), 0644u) << "the link's target changed mode";
    EXPECT_FALSE(fs::exists(fs::symlink_status(nowhere_))) << "a dangling link was followed";
    if (plant != Plant::fifo) {
      EXPECT_TRUE(fs::is_symlink(fs::symlink_status(victim_link())));
    }
  }

  fs::path victim_link() const { return dir_ / "out.file"; }

  // A copy of the bundled mappings where registry.agents rejects bad rows, so --rejects is used.
  fs::path reject_mappings() const {
    const auto dir = dir_ / "mappings";
    fs::create_directories(dir);
    for (const char* m : {"deployments.yaml", "swarm.yaml"})
      fs::copy(source_dir() / "mappings" / m, dir / m);
    std::string registry = read_file(source_dir() / "mappings" / "registry.yaml");
    registry.replace(registry.find("    target: registry.agents\n"), 28,
                     "    target: registry.agents\n    on_error: reject\n");
    std::ofstream(dir / "registry.yaml") << registry;
    return dir;
  }

  std::vector<OutputCase> cases() const {
    const auto mappings = reject_mappings().string();
    const auto src = (dir_ / "src").string();
    const auto scaffold_db = source_db("registry").string();
    return {
        {"--report", 2,
         [=, this](const fs::path& at) {
           return args({"migrate", "--report", at});
         }},
        {"--log-file", 2,
         [=, this](const fs::path& at) {
           return args({"migrate", "--log-file", at});
         }},
        {"--rejects", 2,
         [=, this](const fs::path& at) {
           return args({"migrate", "--mappings", mappings, "--rejects", at});
         }},
        {"--delete-script", 2,
         [=, this](const fs::path& at) {
           return args({"inventory", src, "--delete-script", at});
         }},
        {"--output", 2,
         [=](const fs::path& at) {
           return std::vector<std::string>{"scaffold", scaffold_db, "-o", at};
         }},
        {"--ddl", 2,
         [=](const fs::path& at) {
           return std::vector<std::string>{"scaffold", scaffold_db, "--ddl", at};
         }},
    };
  }

  // Every option in turn, with `plant` at the path it names.
  void expect_each_refused(Plant kind) {
    for (const auto& c : cases()) {
      SCOPED_TRACE(c.option);
      const auto at = victim_link();
      plant_at(kind, at, victim_, nowhere_);
      const auto started = std::chrono::steady_clock::now();
      const auto r = run_within(c.args(at));
      const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
      EXPECT_EQ(r.exit_code, c.exit_code) << r.all();
      EXPECT_LT(took.count(), 10) << "a refusal must not wait";
      EXPECT_THAT(r.err, HasSubstr(c.option + " " + at.string() + " " + planted_word(kind)))
          << r.err;
      expect_nothing_written(kind);
      EXPECT_EQ(pg_fingerprint(dsn()), "") << "the target was touched";
      fs::remove(at);
    }
  }

  const fs::path victim_ = dir_ / "victim.txt";
  const fs::path nowhere_ = dir_ / "nowhere.txt";
  const std::string victim_bytes_ = "precious: whatever a link points to stays as it is\n";
};

TEST_F(Outputs, ALinkToAFileIsRefusedAndTheFileUnchanged) { expect_each_refused(Plant::link); }

TEST_F(Outputs, ADanglingLinkIsRefusedAndNothingCreatedWhereItPoints) {
  expect_each_refused(Plant::dangling);
}

TEST_F(Outputs, AFifoIsRefusedAtOnceWithoutWaitingForAReader) { expect_each_refused(Plant::fifo); }

// The log carries value excerpts: 0600 like reports, whatever the umask, an old one made so.
TEST_F(Outputs, TheLogFileIsPrivate) {
  const mode_t saved = ::umask(022);
  const auto fresh = dir_ / "logs" / "fresh.log";  // its folder created, as it always was
  auto r = run_within(args({"plan", "--log-file", fresh}));
  EXPECT_NE(r.exit_code, -1) << r.all();
  EXPECT_EQ(file_mode(fresh), 0600u);
  EXPECT_FALSE(read_file(fresh).empty()) << r.all();

  const auto old = dir_ / "old.log";
  std::ofstream(old) << "an earlier run\n";
  fs::permissions(old, fs::perms(0644));
  r = run_within(args({"plan", "--log-file", old}));
  EXPECT_NE(r.exit_code, -1) << r.all();
  EXPECT_EQ(file_mode(old), 0600u);
  const auto text = read_file(old);
  EXPECT_EQ(text.rfind("an earlier run\n", 0), 0u) << "the log is appended to";
  EXPECT_GT(text.size(), std::string("an earlier run\n").size());
  ::umask(saved);
}

// A second name of another file would be written (and made executable) with it: refused.
TEST_F(Outputs, TheDeletionScriptIsNeverASecondNameAndIsItsOwnersAlone) {
  const auto migrated = run_within(args({"migrate", "-q"}), 120);
  ASSERT_EQ(migrated.exit_code, 0) << migrated.all();
  const auto script = dir_ / "delete.sh";
  fs::create_hard_link(victim_, script);
  const auto inventory = args({"inventory", (dir_ / "src").string(), "--delete-script", script});
  auto r = run_within(inventory);
  EXPECT_EQ(r.exit_code, 2) << r.all();
  EXPECT_THAT(r.err, HasSubstr("--delete-script " + script.string() + " has other hard links"));
  EXPECT_EQ(read_file(victim_), victim_bytes_);
  EXPECT_EQ(file_mode(victim_), 0644u);
  fs::remove(script);
  r = run_within(inventory);
  EXPECT_NE(r.exit_code, -1) << r.all();
  EXPECT_EQ(file_mode(script), 0700u) << r.all();
  EXPECT_THAT(read_file(script), HasSubstr("#!")) << r.all();
}

// rollback --out: a link at DIR/<source>.db, dangling or not, is there already (exit 7), found
// before anything is read; --replace replaces the link itself, never the file it points to.
TEST_F(Outputs, RollbackCountsALinkAtAnOutputNameAndReplacesOnlyTheLink) {
  const auto migrated = run_within(args({"migrate", "-q"}), 120);
  ASSERT_EQ(migrated.exit_code, 0) << migrated.all();
  const auto back = dir_ / "back";
  fs::create_directories(back);
  fs::create_symlink(nowhere_, back / "registry.db");
  auto r = run_within(args({"rollback", "-q", "--out", back.string()}), 120);
  EXPECT_EQ(r.exit_code, 7) << r.all();
  EXPECT_THAT(r.all(), HasSubstr("there already:\n  - " + (back / "registry.db").string()));
  EXPECT_FALSE(fs::exists(fs::symlink_status(nowhere_))) << "a dangling link was followed";

  fs::remove(back / "registry.db");
  fs::create_symlink(victim_, back / "registry.db");
  r = run_within(args({"rollback", "-q", "--out", back.string(), "--replace"}), 120);
  EXPECT_EQ(r.exit_code, 0) << r.all();
  EXPECT_TRUE(fs::is_regular_file(fs::symlink_status(back / "registry.db")));
  EXPECT_EQ(read_file(victim_), victim_bytes_);
  EXPECT_EQ(file_mode(victim_), 0644u);
}

// The archive's name carries the time to the millisecond: something is planted at every name
// the next minute could give it: the .tar.gz, or its .sha256 alone (written after the archive).
class ArchiveOutputs : public Outputs {
 protected:
  void plant_window(Plant kind, const fs::path& dir, const std::string& ext) {
    fs::create_directories(dir);
    const auto now = std::chrono::system_clock::now();
    for (int ms = 0; ms < 60'000; ++ms) {
      const auto at = now + std::chrono::milliseconds(ms);
      const auto t = std::chrono::system_clock::to_time_t(at);
      const auto millis =
          std::chrono::duration_cast<std::chrono::milliseconds>(at.time_since_epoch()).count() %
          1000;
      std::tm tm{};
      gmtime_r(&t, &tm);
      char name[96];
      std::snprintf(name, sizeof name, "sqlite2pg-sources-%04d-%02d-%02dT%02d-%02d-%02d.%03dZ",
                    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                    static_cast<int>(millis));
      plant_at(kind, dir / (std::string(name) + ext), victim_, nowhere_);
    }
  }
};

TEST_F(ArchiveOutputs, TheArchiveFilesAreNeverALinksTargetOrAFifo) {
  const auto migrated = run_within(args({"migrate", "-q"}), 120);
  ASSERT_EQ(migrated.exit_code, 0) << migrated.all();
  const std::string before = pg_fingerprint(dsn());
  int n = 0;
  for (const Plant kind : {Plant::link, Plant::dangling, Plant::fifo})
    for (const std::string ext : {".tar.gz", ".tar.gz.sha256"}) {
      SCOPED_TRACE(std::string(planted_word(kind)) + " at " + ext);
      const auto dir = dir_ / ("archive-" + std::to_string(++n));
      plant_window(kind, dir, ext);
      const auto r = run_within(args({"verify", "-q", "--archive", dir}), 60);
      EXPECT_EQ(r.exit_code, 3) << r.all();
      EXPECT_THAT(r.err, HasSubstr("--archive " + (dir / "sqlite2pg-sources-").string())) << r.err;
      EXPECT_THAT(r.err, HasSubstr(planted_word(kind))) << r.err;
      EXPECT_EQ(read_file(victim_), victim_bytes_) << "the link's target was written";
      EXPECT_EQ(file_mode(victim_), 0644u);
      EXPECT_FALSE(fs::exists(fs::symlink_status(nowhere_))) << "a dangling link was followed";
      EXPECT_EQ(pg_fingerprint(dsn()), before);
    }
}

}  // namespace
}  // namespace s2p::test

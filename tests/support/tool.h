#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace s2p::test {

struct ToolResult {
  int exit_code = -1;
  std::string out;
  std::string err;
  std::string all() const { return out + err; }
};

// Runs the real sqlite2pg binary with `args` from the source tree (so ./mappings and
// ./migrations resolve), capturing its output.
ToolResult run_tool(const std::vector<std::string>& args,
                    const std::map<std::string, std::string>& env = {});

// The same, but with the process attached to a pseudo-terminal (stdout and stderr both), as an
// operator's shell would run it; `out` holds everything the terminal received.
ToolResult run_tool_in_terminal(const std::vector<std::string>& args);

// A SQLite file with the benchmark's deployments and `events` events (bench/generate.sql):
// big enough that a migrate takes a few seconds.
void build_bench_sqlite(const std::filesystem::path& db, int events);

// Builds a SQLite file from a SQL script (schema and data).
void build_sqlite(const std::filesystem::path& db, const std::filesystem::path& sql_script);
void sqlite_exec(const std::filesystem::path& db, const std::string& sql);
// The first column of the first row `sql` returns, as text; nullopt for no row or NULL.
std::optional<std::string> sqlite_value(const std::filesystem::path& db, const std::string& sql);

// A fresh temporary directory, removed with the object.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

 private:
  std::filesystem::path path_;
};

std::filesystem::path source_dir();

// The three bundled sample databases built into `dir`; returns the --source arguments.
std::vector<std::string> sample_sources(const std::filesystem::path& dir);

std::string read_file(const std::filesystem::path& file);

// The permission bits of `file` itself (a link is not followed); 0 when nothing is there.
unsigned file_mode(const std::filesystem::path& file);

// Every file in a directory with its size, modification time and content hash: equal before
// and after means nothing there was written, created or touched.
std::string directory_state(const std::filesystem::path& dir);

// The real binary running in the background, its output going to files, for tests that act on
// it while it runs (signals, a server stopped under it).
class RunningTool {
 public:
  explicit RunningTool(const std::vector<std::string>& args);
  ~RunningTool();  // kills it if it is still running
  // Waits until stderr contains `text`; false after `seconds`.
  bool wait_for(const std::string& text, double seconds);
  void signal(int sig);
  // The exit code (128 + signal for a signal), or -1 if still running after `seconds`.
  int wait_exit(double seconds);
  std::string out() const;
  std::string err() const;

 private:
  TempDir io_;
  int pid_ = -1;
  bool reaped_ = false;
  int code_ = -1;
};

}  // namespace s2p::test

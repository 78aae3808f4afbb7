#include "tool.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>
#include <algorithm>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace s2p::test {
namespace fs = std::filesystem;

fs::path source_dir() { return SQLITE2PG_SOURCE_DIR; }

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

unsigned file_mode(const fs::path& file) {
  struct stat st {};
  if (::lstat(file.c_str(), &st) != 0) return 0;
  return st.st_mode & 07777;
}

std::string directory_state(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir)) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  std::string out;
  for (const auto& f : files) {
    struct stat st {};
    ::stat(f.c_str(), &st);
    const auto content = fs::is_regular_file(f) ? read_file(f) : std::string();
    out += f.filename().string() + " " + std::to_string(st.st_size) + " " +
           std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec) + " " +
           std::to_string(std::hash<std::string>{}(content)) + "\n";
  }
  return out;
}

TempDir::TempDir() {
  char tmpl[] = "/tmp/sqlite2pg-test-XXXXXX";
  if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

namespace {

// In a forked child: runs the binary from the source tree, or exits 127.
[[noreturn]] void exec_tool(const std::vector<std::string>& args) {
  if (chdir(source_dir().c_str()) != 0) _exit(127);
  std::vector<char*> argv;
  std::string binary = SQLITE2PG_BINARY;
  argv.push_back(binary.data());
  std::vector<std::string> copy = args;
  for (auto& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  execv(binary.c_str(), argv.data());
  _exit(127);
}

}  // namespace

ToolResult run_tool(const std::vector<std::string>& args,
                    const std::map<std::string, std::string>& env) {
  TempDir io;
  const auto out_file = io / "out";
  const auto err_file = io / "err";
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    const int out = ::open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(out, 1);
    dup2(err, 2);
    for (const auto& [k, v] : env) setenv(k.c_str(), v.c_str(), 1);
    exec_tool(args);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  ToolResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = read_file(out_file);
  r.err = read_file(err_file);
  return r;
}

ToolResult run_tool_in_terminal(const std::vector<std::string>& args) {
  int master = -1;
  struct winsize size {};
  size.ws_col = 160;
  size.ws_row = 50;
  const pid_t pid = forkpty(&master, nullptr, nullptr, &size);
  if (pid < 0) throw std::runtime_error("forkpty failed");
  if (pid == 0) exec_tool(args);
  ToolResult r;
  char buf[4096];
  for (;;) {
    const ssize_t n = ::read(master, buf, sizeof buf);
    if (n <= 0) break;  // EIO once the child has exited and the terminal closed
    r.out.append(buf, static_cast<std::size_t>(n));
  }
  ::close(master);
  int status = 0;
  waitpid(pid, &status, 0);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

RunningTool::RunningTool(const std::vector<std::string>& args) {
  const auto out_file = io_ / "out";
  const auto err_file = io_ / "err";
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    const int out = ::open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int err = ::open(err_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    dup2(out, 1);
    dup2(err, 2);
    exec_tool(args);
  }
}

RunningTool::~RunningTool() {
  if (!reaped_ && pid_ > 0) {
    ::kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
}

bool RunningTool::wait_for(const std::string& text, double seconds) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < until) {
    if (err().find(text) != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

void RunningTool::signal(int sig) { ::kill(pid_, sig); }

int RunningTool::wait_exit(double seconds) {
  if (reaped_) return code_;
  const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < until) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      reaped_ = true;
      code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      return code_;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return -1;
}

std::string RunningTool::out() const { return read_file(io_ / "out"); }
std::string RunningTool::err() const { return read_file(io_ / "err"); }

void build_bench_sqlite(const fs::path& db, int events) {
  SQLite::Database d(db.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  d.exec(read_file(source_dir() / "bench" / "schema.sql"));
  std::string generate = read_file(source_dir() / "bench" / "generate.sql");
  for (std::size_t at; (at = generate.find(":EVENTS")) != std::string::npos;) {
    generate.replace(at, 7, std::to_string(events));
  }
  d.exec(generate);
}

void build_sqlite(const fs::path& db, const fs::path& sql_script) {
  SQLite::Database d(db.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  d.exec(read_file(sql_script));
}

void sqlite_exec(const fs::path& db, const std::string& sql) {
  SQLite::Database d(db.string(), SQLite::OPEN_READWRITE);
  d.exec(sql);
}

std::optional<std::string> sqlite_value(const fs::path& db, const std::string& sql) {
  SQLite::Database d(db.string(), SQLite::OPEN_READONLY);
  SQLite::Statement s(d, sql);
  if (!s.executeStep() || s.getColumn(0).isNull()) return std::nullopt;
  return s.getColumn(0).getString();
}

std::vector<std::string> sample_sources(const fs::path& dir) {
  std::vector<std::string> args;
  for (const char* name : {"registry", "deployments", "swarm"}) {
    const auto db = dir / (std::string(name) + ".db");
    build_sqlite(db, source_dir() / "samples" / (std::string(name) + ".sql"));
    args.push_back("--source");
    args.push_back(std::string(name) + "=" + db.string());
  }
  return args;
}

}  // namespace s2p::test

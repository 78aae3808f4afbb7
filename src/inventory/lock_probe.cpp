#include "sqlite2pg/inventory/lock_probe.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <fstream>

namespace s2p {
namespace fs = std::filesystem;
namespace {

// SQLite's lock bytes (os_unix.c, wal.c): on the database, PENDING, RESERVED and the 510-byte
// SHARED range from 0x40000000; on the -shm, the WAL write, checkpoint, recovery and read-mark
// locks (120 to 127) and the "deadman switch" byte 128 every open WAL connection read-locks.
struct LockRange {
  const char* suffix;
  off_t start, length;
  const char* meaning;
};
const LockRange kLocks[] = {
    {"", 0x40000000, 1, "holds its PENDING lock (a writer about to commit)"},
    {"", 0x40000001, 1, "holds its RESERVED lock (a writer in the middle of a transaction)"},
    {"", 0x40000002, 510, "holds a lock on it (a reader, or locking_mode=EXCLUSIVE)"},
    {"-shm", 120, 1, "holds its WAL write lock (a writer in the middle of a transaction)"},
    {"-shm", 121, 7, "holds a WAL checkpoint, recovery or read lock"},
    {"-shm", 128, 1, "has it open (its WAL index lock)"},
};

std::string process_name(const std::string& pid) {
  std::ifstream in("/proc/" + pid + "/comm");
  std::string name;
  std::getline(in, name);
  return "process " + pid + (name.empty() ? "" : " (" + name + ")");
}

// Who holds a lock that a write lock on the range would conflict with ("process 812 (name)",
// or "a process" for an open file description lock, which has no pid); nullopt when nobody.
// F_GETLK only asks.
std::optional<std::string> lock_holder(const fs::path& file, off_t start, off_t length) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) return std::nullopt;
  struct flock probe {};
  probe.l_type = F_WRLCK;
  probe.l_whence = SEEK_SET;
  probe.l_start = start;
  probe.l_len = length;
  struct stat st {};
  const bool regular = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  const bool held = regular && ::fcntl(fd, F_GETLK, &probe) == 0 && probe.l_type != F_UNLCK;
  ::close(fd);
  if (!held) return std::nullopt;
  return probe.l_pid > 0 ? process_name(std::to_string(probe.l_pid)) : std::string("a process");
}

bool all_digits(const std::string& s) {
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return !s.empty();
}

}  // namespace

OpenFiles OpenFiles::scan() {
  OpenFiles out;
  const std::string self = std::to_string(::getpid());
  std::error_code ec;
  for (fs::directory_iterator p("/proc", ec), end; !ec && p != end; p.increment(ec)) {
    const std::string pid = p->path().filename().string();
    if (!all_digits(pid) || pid == self) continue;
    std::error_code fd_ec;  // a process that ended, or one of another user's
    for (fs::directory_iterator fd(p->path() / "fd", fd_ec), fd_end; !fd_ec && fd != fd_end;
         fd.increment(fd_ec)) {
      struct stat st {};
      if (::stat(fd->path().c_str(), &st) != 0 || !S_ISREG(st.st_mode)) continue;
      out.users_.emplace(std::make_pair(std::uint64_t{st.st_dev}, std::uint64_t{st.st_ino}), pid);
    }
  }
  return out;
}

std::optional<std::string> OpenFiles::user(std::uint64_t device, std::uint64_t inode) const {
  const auto it = users_.find({device, inode});
  if (it == users_.end()) return std::nullopt;
  return process_name(it->second);
}

std::optional<std::string> database_user(const fs::path& database, const OpenFiles& open_files) {
  for (const auto& lock : kLocks) {
    const fs::path file = database.string() + lock.suffix;
    if (const auto who = lock_holder(file, lock.start, lock.length))
      return *who + " " + lock.meaning + " on " + file.string();
  }
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    const std::string file = database.string() + suffix;
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0) continue;
    if (auto who = open_files.user(st.st_dev, st.st_ino)) return *who + " has " + file + " open";
  }
  return std::nullopt;
}

}  // namespace s2p

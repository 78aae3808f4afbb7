#include "sqlite2pg/util/private_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "sqlite2pg/util/failure.h"

namespace s2p {
namespace {

std::string kind_of(mode_t mode) {
  if (S_ISFIFO(mode)) return "a named pipe (FIFO)";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISDIR(mode)) return "a directory";
  return "not a regular file";
}

// Why what is at the path (from lstat or fstat) may not be written; empty when it may.
std::string refusal(const struct stat& st) {
  if (S_ISLNK(st.st_mode))
    return "is a symbolic link; sqlite2pg does not follow links for the files it writes";
  if (!S_ISREG(st.st_mode))
    return "is " + kind_of(st.st_mode) + "; sqlite2pg writes only regular files";
  // Writing it would change the file under its other names too.
  if (st.st_nlink > 1)
    return "has other hard links; sqlite2pg writes only files no other name shares";
  // Its owner could read what is written, whatever mode it is given (root writes anyone's).
  if (st.st_uid != ::geteuid())
    return "belongs to another user (uid " + std::to_string(st.st_uid) +
           "); sqlite2pg writes only its own files";
  return "";
}

struct Target {
  const std::filesystem::path& path;
  const std::string& option;
  ExitCode code;

  [[noreturn]] void fail(const std::string& why, int fd = -1) const {
    if (fd >= 0) ::close(fd);
    throw Failure(code, option + " " + path.string() + " " + why);
  }
  [[noreturn]] void fail_errno(const std::string& doing, int fd = -1) const {
    const std::string reason = std::strerror(errno);
    fail(doing + ": " + reason, fd);
  }
};

// Refuses what is at the path before opening it: opening a device or a FIFO can block or act.
void check_existing(const Target& t, Existing existing) {
  struct stat st {};
  if (::lstat(t.path.c_str(), &st) != 0) return;  // absent, or open() says why
  if (const auto why = refusal(st); !why.empty()) t.fail(why);
  if (existing == Existing::refuse) t.fail("is there already");
}

int open_flags(Existing existing) {
  // O_NOFOLLOW refuses a link, a dangling one too (O_CREAT would create its target); O_NONBLOCK
  // keeps a FIFO without a reader from holding the run (and its signals) in open().
  int flags = O_WRONLY | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY;
  if (existing == Existing::append) flags |= O_APPEND;
  if (existing == Existing::refuse) flags |= O_EXCL;
  return flags;
}

}  // namespace

int open_private_file(const std::filesystem::path& path, const std::string& option,
                      Existing existing, ExitCode failure_code, mode_t mode) {
  const Target t{path, option, failure_code};
  check_existing(t, existing);
  const int fd = ::open(path.c_str(), open_flags(existing), mode);
  if (fd < 0) {
    const int open_errno = errno;
    check_existing(t, existing);  // replaced meanwhile: say what is there now
    errno = open_errno;
    t.fail_errno("cannot be created");
  }
  // The descriptor, not the name, is what gets written: check what it is.
  struct stat st {};
  if (::fstat(fd, &st) != 0) t.fail_errno("cannot be examined", fd);
  if (const auto why = refusal(st); !why.empty()) t.fail(why, fd);
  if (::fchmod(fd, mode) != 0) t.fail_errno("cannot be made private to this user", fd);
  const int flags = ::fcntl(fd, F_GETFL);
  if (flags < 0 || ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0)
    t.fail_errno("cannot be opened for blocking writes", fd);
  if (existing == Existing::truncate && ::ftruncate(fd, 0) != 0)
    t.fail_errno("cannot be emptied", fd);
  return fd;
}

void check_private_file(const std::filesystem::path& path, const std::string& option,
                        ExitCode failure_code) {
  const Target t{path, option, failure_code};
  check_existing(t, Existing::truncate);
  const auto folder = path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
  if (::access(folder.c_str(), W_OK | X_OK) != 0) t.fail_errno("cannot be created");
}

void write_private_file(const std::filesystem::path& path, const std::string& option,
                        std::string_view text, ExitCode failure_code, mode_t mode) {
  const int fd = open_private_file(path, option, Existing::truncate, failure_code, mode);
  const bool written = write_all(fd, text);
  const int write_errno = errno;
  // close() reports a write the file system deferred and then refused.
  if (::close(fd) != 0 || !written) {
    throw Failure(failure_code, option + " " + path.string() + " cannot be written: " +
                                    std::strerror(written ? errno : write_errno));
  }
}

bool write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const auto n = ::write(fd, text.data(), text.size());
    if (n <= 0) return false;
    text.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

std::FILE* anonymous_temp_file() {
  std::error_code ignored;
  auto dir = std::filesystem::temp_directory_path(ignored);  // $TMPDIR, else /tmp
  if (dir.empty()) dir = "/tmp";
  std::string name = (dir / "sqlite2pg-XXXXXX").string();
  const int fd = ::mkstemp(name.data());  // 0600
  if (fd < 0) {
    throw Failure(ExitCode::internal,
                  "cannot create a temporary file in " + dir.string() +
                      " (set TMPDIR to another directory): " + std::strerror(errno));
  }
  ::unlink(name.c_str());
  std::FILE* file = ::fdopen(fd, "w+b");
  if (!file) {
    ::close(fd);
    throw Failure(ExitCode::internal,
                  std::string("cannot open a temporary file: ") + std::strerror(errno));
  }
  return file;
}

}  // namespace s2p

#include "sqlite2pg/util/private_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "sqlite2pg/util/failure.h"

namespace s2p {

int open_private_file(const std::filesystem::path& path, const std::string& what, bool truncate,
                      ExitCode failure_code) {
  const int fd =
      ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | (truncate ? O_TRUNC : 0), 0600);
  if (fd < 0) {
    throw Failure(failure_code,
                  "cannot create " + what + " " + path.string() + ": " + std::strerror(errno));
  }
  ::fchmod(fd, 0600);  // an existing file keeps its mode otherwise
  return fd;
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

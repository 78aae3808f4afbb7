#include "sqlite2pg/util/file_reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "sqlite2pg/util/failure.h"
#include "sqlite2pg/util/interrupt.h"

namespace s2p {

FileReader::FileReader(const std::filesystem::path& path) : path_(path) {
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd_ < 0) {
    throw Failure(ExitCode::config, "cannot read " + path.string() + ": " + std::strerror(errno));
  }
  struct stat st {};
  if (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd_);
    throw Failure(ExitCode::config, "cannot read " + path.string() + ": not a regular file");
  }
  size_ = static_cast<std::uintmax_t>(st.st_size);
  allocated_ = static_cast<std::uintmax_t>(st.st_blocks) * 512;
}

FileReader::~FileReader() { ::close(fd_); }

std::size_t FileReader::read(char* out, std::size_t n) {
  if (interrupted()) throw_if_interrupted("reading " + path_.string());
  for (;;) {
    const auto got = ::read(fd_, out, n);
    if (got >= 0) return static_cast<std::size_t>(got);
    if (errno != EINTR) {
      throw Failure(ExitCode::config,
                    "error while reading " + path_.string() + ": " + std::strerror(errno));
    }
  }
}

bool FileReader::read_exact(char* out, std::size_t n) {
  while (n > 0) {
    const std::size_t got = read(out, n);
    if (got == 0) return false;
    out += got;
    n -= got;
  }
  return true;
}

}  // namespace s2p

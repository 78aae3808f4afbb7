#include "sqlite2pg/util/sha256.h"

#include <fcntl.h>
#include <openssl/evp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <vector>

#include "sqlite2pg/util/failure.h"
#include "sqlite2pg/util/interrupt.h"
#include "sqlite2pg/util/text.h"

namespace s2p {
namespace {

struct Digest {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx{EVP_MD_CTX_new(), EVP_MD_CTX_free};
  Digest() { EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr); }
  void update(const void* data, std::size_t size) { EVP_DigestUpdate(ctx.get(), data, size); }
  std::string hex() {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx.get(), md, &len);
    std::string out;
    append_hex(out, std::string_view(reinterpret_cast<const char*>(md), len));
    return out;
  }
};

}  // namespace

struct Sha256Stream::Impl : Digest {};

Sha256Stream::Sha256Stream() : impl_(std::make_unique<Impl>()) {}
Sha256Stream::~Sha256Stream() = default;
void Sha256Stream::update(std::string_view bytes) { impl_->update(bytes.data(), bytes.size()); }
std::string Sha256Stream::hex() { return impl_->hex(); }

std::string sha256_hex(std::string_view bytes) {
  Digest d;
  d.update(bytes.data(), bytes.size());
  return d.hex();
}

std::string sha256_file(const std::filesystem::path& path) {
  // Never blocks (a FIFO put in a file's place) and stops within a chunk on SIGINT or SIGTERM,
  // whatever the file's size.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) {
    throw Failure(ExitCode::config, "cannot read " + path.string() + ": " + std::strerror(errno));
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
    throw Failure(ExitCode::config, "cannot read " + path.string() + ": not a regular file");
  Digest d;
  std::vector<char> buf(1 << 20);
  for (;;) {
    throw_if_interrupted("reading " + path.string());
    const auto n = ::read(fd, buf.data(), buf.size());
    if (n == 0) break;
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      throw Failure(ExitCode::config,
                    "error while reading " + path.string() + ": " + std::strerror(errno));
    }
    d.update(buf.data(), static_cast<std::size_t>(n));
  }
  return d.hex();
}

}  // namespace s2p

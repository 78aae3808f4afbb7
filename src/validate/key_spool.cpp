#include "sqlite2pg/validate/key_spool.h"

#include <cerrno>
#include <cstring>

#include "sqlite2pg/util/bytes.h"
#include "sqlite2pg/util/failure.h"
#include "sqlite2pg/util/private_file.h"

namespace s2p {
namespace {

constexpr std::size_t kBuffer = 1 << 20;

[[noreturn]] void fail(const char* what) {
  throw Failure(ExitCode::internal,
                std::string(what) + " a temporary file failed: " + std::strerror(errno));
}

}  // namespace

KeySpool::KeySpool(std::size_t buffer)
    : file_(anonymous_temp_file(), &std::fclose), limit_(buffer) {
  buffer_.reserve(limit_ + 4096);
}

void KeySpool::seal() {
  flush();
  buffer_ = std::string();
}

void KeySpool::add(std::string_view key, const Hash128& hash, std::uint64_t locator) {
  put_u32(buffer_, static_cast<std::uint32_t>(key.size()));
  buffer_.append(key);
  put_u64(buffer_, hash.high);
  put_u64(buffer_, hash.low);
  put_u64(buffer_, locator);
  if (buffer_.size() >= limit_) flush();
}

void KeySpool::flush() {
  if (buffer_.empty()) return;
  if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_.get()) != buffer_.size())
    fail("writing");
  buffer_.clear();
}

void KeySpool::replay(
    const std::function<void(std::string_view, const Hash128&, std::uint64_t)>& visit) {
  flush();
  std::rewind(file_.get());
  std::string data(kBuffer, '\0');
  std::size_t have = 0;
  for (;;) {
    const std::size_t n = std::fread(data.data() + have, 1, data.size() - have, file_.get());
    if (n == 0 && std::ferror(file_.get())) fail("reading");
    have += n;
    std::size_t at = 0;
    while (have - at >= 4) {
      const std::size_t len = get_u32(data, at);
      if (have - at < 4 + len + 24) break;
      const std::string_view key(data.data() + at + 4, len);
      const std::size_t h = at + 4 + len;
      visit(key, Hash128{get_u64(data, h + 8), get_u64(data, h)}, get_u64(data, h + 16));
      at = h + 24;
    }
    data.erase(0, at);
    have -= at;
    if (n == 0) break;
    if (data.size() < have + kBuffer) data.resize(have + kBuffer);
  }
  if (have != 0) throw Failure(ExitCode::internal, "a temporary file ended inside a row");
  std::fseek(file_.get(), 0, SEEK_END);
}

}  // namespace s2p

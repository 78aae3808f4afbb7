#include "sqlite2pg/transform/inet.h"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>

namespace s2p {
namespace {

// PostgreSQL's own family numbers (utils/inet.h), not the operating system's.
constexpr unsigned char kPgInet = 2, kPgInet6 = 3;

// True when no bit past the first `bits` of `addr` is set.
bool host_bits_clear(const unsigned char* addr, int length, int bits) {
  for (int i = 0; i < length; ++i) {
    const int keep = std::min(8, std::max(0, bits - 8 * i));
    const unsigned char mask = keep == 8 ? 0xff : static_cast<unsigned char>(0xff << (8 - keep));
    if (addr[i] & ~mask) return false;
  }
  return true;
}

}  // namespace

std::string parse_inet_text(std::string_view text, bool cidr, std::string& binary, Value& out) {
  const auto slash = text.find('/');
  const std::string address(text.substr(0, slash));
  unsigned char bytes[16];
  int length = 0;
  unsigned char family = 0;
  if (inet_pton(AF_INET, address.c_str(), bytes) == 1) {
    length = 4, family = kPgInet;
  } else if (inet_pton(AF_INET6, address.c_str(), bytes) == 1) {
    length = 16, family = kPgInet6;
  } else {
    return "not an IPv4 or IPv6 address";
  }
  int bits = 8 * length;
  if (slash != std::string_view::npos) {
    const auto prefix = text.substr(slash + 1);
    const auto [end, ec] = std::from_chars(prefix.data(), prefix.data() + prefix.size(), bits);
    if (prefix.empty() || ec != std::errc() || end != prefix.data() + prefix.size() || bits < 0 ||
        bits > 8 * length)
      return "prefix length is not 0 to " + std::to_string(8 * length);
  }
  if (cidr && !host_bits_clear(bytes, length, bits))
    return "cidr has bits set to the right of its mask (PostgreSQL refuses it)";
  binary.assign({static_cast<char>(family), static_cast<char>(bits), static_cast<char>(cidr),
                 static_cast<char>(length)});
  binary.append(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(length));
  out = {.kind = ValueKind::inet, .bytes = binary};
  return {};
}

std::string format_inet(std::string_view b) {
  if (b.size() < 4) return {};
  const auto family = static_cast<unsigned char>(b[0]);
  const int bits = static_cast<unsigned char>(b[1]);
  const bool cidr = b[2] != 0;
  const std::size_t length = static_cast<unsigned char>(b[3]);
  const bool v4 = family == kPgInet && length == 4, v6 = family == kPgInet6 && length == 16;
  if ((!v4 && !v6) || b.size() != 4 + length) return {};
  char text[INET6_ADDRSTRLEN];
  if (!inet_ntop(v4 ? AF_INET : AF_INET6, b.data() + 4, text, sizeof text)) return {};
  std::string out = text;
  if (cidr || bits != static_cast<int>(8 * length)) out += "/" + std::to_string(bits);
  return out;
}

}  // namespace s2p

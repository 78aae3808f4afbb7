#include "sqlite2pg/util/uuid.h"

#include <algorithm>

#include <openssl/evp.h>

#include <memory>

#include "sqlite2pg/util/text.h"

namespace s2p {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<Uuid> parse_uuid(std::string_view text) {
  if (text.size() != 36) return std::nullopt;
  Uuid out{};
  std::size_t byte = 0;
  for (std::size_t i = 0; i < 36;) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (text[i] != '-') return std::nullopt;
      ++i;
      continue;
    }
    const int hi = hex_value(text[i]);
    const int lo = hex_value(text[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out[byte++] = static_cast<std::uint8_t>(hi << 4 | lo);
    i += 2;
  }
  return out;
}

std::optional<Uuid> parse_uuid_hex(std::string_view text) {
  if (text.size() != 32) return std::nullopt;
  Uuid out{};
  for (std::size_t byte = 0; byte < 16; ++byte) {
    const int hi = hex_value(text[2 * byte]);
    const int lo = hex_value(text[2 * byte + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out[byte] = static_cast<std::uint8_t>(hi << 4 | lo);
  }
  return out;
}

std::string format_uuid_hex(const Uuid& uuid) {
  std::string out = format_uuid(uuid);
  out.erase(std::remove(out.begin(), out.end(), '-'), out.end());
  return out;
}

std::string format_uuid(const Uuid& uuid) {
  std::string out;
  out.reserve(36);
  for (std::size_t i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHexDigits[uuid[i] >> 4]);
    out.push_back(kHexDigits[uuid[i] & 0xf]);
  }
  return out;
}

Uuid uuid_v5(const Uuid& name_space, std::string_view name) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestInit_ex(ctx.get(), EVP_sha1(), nullptr);
  EVP_DigestUpdate(ctx.get(), name_space.data(), name_space.size());
  EVP_DigestUpdate(ctx.get(), name.data(), name.size());
  EVP_DigestFinal_ex(ctx.get(), digest, &length);
  Uuid out{};
  for (std::size_t i = 0; i < 16; ++i) out[i] = digest[i];
  out[6] = static_cast<std::uint8_t>((out[6] & 0x0f) | 0x50);  // version 5
  out[8] = static_cast<std::uint8_t>((out[8] & 0x3f) | 0x80);  // RFC 4122 variant
  return out;
}

}  // namespace s2p

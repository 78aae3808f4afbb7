#include "sqlite2pg/copy/row_checksum.h"

#include <xxhash.h>

#include "sqlite2pg/util/text.h"

namespace s2p {

Hash128 hash_row(std::string_view tuple_bytes) {
  const XXH128_hash_t h = XXH3_128bits(tuple_bytes.data(), tuple_bytes.size());
  return {h.low64, h.high64};
}

std::int32_t key_slot(std::string_view key_bytes) {
  return static_cast<std::int32_t>(XXH3_64bits(key_bytes.data(), key_bytes.size()) >> 33);
}

std::string RowChecksum::hex() const {
  std::string out(32, '0');
  Uint128 v = sum_;
  for (int i = 31; i >= 0; --i) {
    out[static_cast<std::size_t>(i)] = kHexDigits[static_cast<unsigned>(v & 0xf)];
    v >>= 4;
  }
  return out;
}

std::optional<RowChecksum> RowChecksum::parse(std::string_view hex, std::uint64_t rows) {
  if (hex.size() != 32) return std::nullopt;
  RowChecksum out;
  for (const char c : hex) {
    const auto digit = std::string_view(kHexDigits).find(c);
    if (digit == std::string_view::npos) return std::nullopt;
    out.sum_ = out.sum_ << 4 | digit;
  }
  out.rows_ = rows;
  return out;
}

}  // namespace s2p

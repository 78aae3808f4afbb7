#include "sqlite2pg/transform/tsvector.h"

#include <cstdint>

namespace s2p {
namespace {

std::uint32_t be32(std::string_view b, std::size_t at) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) << 24 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 8 |
         static_cast<unsigned char>(b[at + 3]);
}

std::uint16_t be16(std::string_view b, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) << 8 |
                                    static_cast<unsigned char>(b[at + 1]));
}

// tsvectorout's quoting: the lexeme in single quotes, a quote or a backslash doubled.
void append_lexeme(std::string_view lexeme, std::string& out) {
  out.push_back('\'');
  for (const char ch : lexeme) {
    if (ch == '\'' || ch == '\\') out.push_back(ch);
    out.push_back(ch);
  }
  out.push_back('\'');
}

// A position: weight in the top two bits (3 is A, 0 is D, which is not shown), then 14 bits.
void append_position(std::uint16_t pos, std::string& out) {
  out += std::to_string(pos & 0x3fff);
  static constexpr char kWeights[] = {0, 'C', 'B', 'A'};
  if (const char w = kWeights[pos >> 14]) out.push_back(w);
}

}  // namespace

std::optional<std::string> format_tsvector(std::string_view b) {
  if (b.size() < 4) return std::nullopt;
  const std::uint32_t count = be32(b, 0);
  std::size_t at = 4;
  std::string out;
  for (std::uint32_t i = 0; i < count; ++i) {
    const auto end = b.find('\0', at);
    if (end == std::string_view::npos || b.size() - end < 3) return std::nullopt;
    if (i) out.push_back(' ');
    append_lexeme(b.substr(at, end - at), out);
    const std::uint16_t positions = be16(b, end + 1);
    at = end + 3;
    if (b.size() - at < 2u * positions) return std::nullopt;
    for (std::uint16_t p = 0; p < positions; ++p, at += 2) {
      out.push_back(p ? ',' : ':');
      append_position(be16(b, at), out);
    }
  }
  if (at != b.size()) return std::nullopt;
  return out;
}

}  // namespace s2p

#pragma once
// Big-endian integers as PostgreSQL's binary formats write them.
#include <cstdint>
#include <string>
#include <string_view>

namespace s2p {

inline void put_u16(std::string& out, std::uint16_t v) {
  const char b[2] = {static_cast<char>(v >> 8), static_cast<char>(v)};
  out.append(b, 2);
}
inline void put_u32(std::string& out, std::uint32_t v) {
  const char b[4] = {static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                     static_cast<char>(v >> 8), static_cast<char>(v)};
  out.append(b, 4);
}
inline void put_u64(std::string& out, std::uint64_t v) {
  put_u32(out, static_cast<std::uint32_t>(v >> 32));
  put_u32(out, static_cast<std::uint32_t>(v));
}

// Reads back what put_u16/32/64 wrote: a big-endian unsigned integer of `bytes` bytes at `at`.
inline std::uint64_t get_be(std::string_view in, std::size_t at, std::size_t bytes) {
  std::uint64_t v = 0;
  for (std::size_t i = 0; i < bytes; ++i) v = v << 8 | static_cast<unsigned char>(in[at + i]);
  return v;
}
inline std::uint16_t get_u16(std::string_view in, std::size_t at) {
  return static_cast<std::uint16_t>(get_be(in, at, 2));
}
inline std::uint32_t get_u32(std::string_view in, std::size_t at) {
  return static_cast<std::uint32_t>(get_be(in, at, 4));
}
inline std::uint64_t get_u64(std::string_view in, std::size_t at) { return get_be(in, at, 8); }

}  // namespace s2p

#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sqlite2pg/transform/value.h"

namespace s2p {

// Writes one value in PostgreSQL's binary send format of a target type. Returns an empty
// string on success, otherwise why the value does not fit the type (nothing written then).
using EncodeFn = std::string (*)(const Value&, std::string& out);

struct TargetEncoder {
  std::string_view pg_type;  // pg_type.typname
  ValueKind accepts;
  EncodeFn encode;
};

// The table of target types the loader can write; nullptr for a type it cannot.
const TargetEncoder* find_encoder(std::string_view pg_type);
const std::vector<TargetEncoder>& encoders();

// Builds a binary COPY stream (header, tuples, trailer) in one reused buffer. Rows are appended
// field by field; the bytes of the last finished row stay addressable so they can be hashed.
class CopyEncoder {
 public:
  static std::string_view header();
  static std::string_view trailer();

  std::string& buffer() { return buffer_; }
  void begin_row(std::uint16_t fields);
  void add_null();
  // Appends a value through `encoder`; on failure the row is left unfinished and the caller
  // must discard it with abandon_row().
  std::string add(const TargetEncoder& encoder, const Value& value);
  std::string_view finish_row();  // returns the row's bytes
  void abandon_row() { buffer_.resize(row_start_); }
  void clear() { buffer_.clear(); }

 private:
  std::string buffer_;
  std::size_t row_start_ = 0;
};

void put_u16(std::string& out, std::uint16_t v);
void put_u32(std::string& out, std::uint32_t v);
void put_u64(std::string& out, std::uint64_t v);

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

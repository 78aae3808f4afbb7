#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sqlite2pg/transform/value.h"
#include "sqlite2pg/util/bytes.h"

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


}  // namespace s2p

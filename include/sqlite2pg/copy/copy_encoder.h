#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sqlite2pg/transform/value.h"
#include "sqlite2pg/util/bytes.h"

namespace s2p {

struct ColumnWriter;

// What an encoder needs to know of its column beyond the type: the modifier that numeric(p,s),
// varchar(n) and char(n) carry, an enum's labels, an array's element type.
struct TypeParams {
  std::int32_t typmod = -1;  // pg_attribute.atttypmod (or the domain's); -1 when none
  std::shared_ptr<const std::vector<std::string>> labels;  // an enum's, in order
  std::shared_ptr<const ColumnWriter> element;             // an array's element writer
  std::uint32_t element_oid = 0;                           // and its pg_type oid
};

// Writes one value in PostgreSQL's binary send format of a target type, exactly as PostgreSQL
// itself sends the stored value back (so a read-back compares bytes). Returns an empty string on
// success, otherwise why the value does not fit the column: it would be rounded, truncated or
// refused (part of the value may have been written then; the caller abandons the row).
using EncodeFn = std::string (*)(const Value&, const TypeParams&, std::string& out);
// The binary form back as readable text, for messages: "12.50", "2024-01-02".
using ShowFn = std::string (*)(std::string_view bytes, const TypeParams&);

struct TargetEncoder {
  std::string_view pg_type;  // pg_type.typname; "enum" and "array" stand for every enum and array
  ValueKind accepts;
  EncodeFn encode;
  ShowFn show;
};

// The table of target types the loader can write; nullptr for a type it cannot.
const TargetEncoder* find_encoder(std::string_view pg_type);
const std::vector<TargetEncoder>& encoders();

// One target column's writer: its type's encoder with the column's parameters.
struct ColumnWriter {
  const TargetEncoder* encoder = nullptr;  // nullptr: the type cannot be loaded
  TypeParams params;

  std::string encode(const Value& v, std::string& out) const {
    return encoder->encode(v, params, out);
  }
  std::string show(std::string_view bytes) const { return encoder->show(bytes, params); }
};

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
  std::string add(const ColumnWriter& writer, const Value& value);
  std::string_view finish_row();  // returns the row's bytes
  void abandon_row() { buffer_.resize(row_start_); }
  void clear() { buffer_.clear(); }

 private:
  std::string buffer_;
  std::size_t row_start_ = 0;
};

}  // namespace s2p

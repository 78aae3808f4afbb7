#pragma once
// Binary COPY data written field by field, for the streams that are not a table's rows (keys,
// id maps, fingerprints): the framing in one place. A table's typed values go through
// CopyEncoder's table of writers instead.
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace s2p {

void put_tuple_start(std::string& out, std::uint16_t fields);  // the field count
void put_field(std::string& out, std::string_view bytes);      // length, then the bytes
void put_int4_field(std::string& out, std::int32_t value);
void put_int8_field(std::string& out, std::int64_t value);

// A producer for PgSession::copy_in: the header first, then tuples from `next` (which appends
// one and returns false when none is left) in pieces of about 1 MB, then the trailer.
class CopyFeed {
 public:
  explicit CopyFeed(std::function<bool(std::string& out)> next) : next_(std::move(next)) {}
  bool operator()(std::string& out);

 private:
  std::function<bool(std::string&)> next_;
  bool started_ = false, done_ = false;
};

}  // namespace s2p

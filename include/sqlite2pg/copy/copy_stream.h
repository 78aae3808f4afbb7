#pragma once
// Reading binary COPY data (COPY ... TO STDOUT (FORMAT binary)) as it arrives, tuple by tuple.
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace s2p {

// Splits a binary COPY stream, fed in arbitrary chunks, into tuples (the bytes from the field
// count through the last field, exactly as the loader wrote them).
class CopyTupleParser {
 public:
  explicit CopyTupleParser(std::function<void(std::string_view tuple)> on_tuple);
  void feed(std::string_view chunk);
  void finish();  // throws if the stream ended inside a tuple or without its trailer

 private:
  std::function<void(std::string_view)> on_tuple_;
  std::string pending_;
  std::size_t pos_ = 0;
  bool header_done_ = false;
  bool trailer_seen_ = false;
};

// A COPY ... TO STDOUT (FORMAT binary) that hands its data, in chunks, to the consumer given.
using CopyOut = std::function<void(const std::function<void(std::string_view)>&)>;

// Streams every tuple of such a COPY to `on_tuple`.
void read_back_rows(const CopyOut& copy_out,
                    const std::function<void(std::string_view tuple)>& on_tuple);

}  // namespace s2p

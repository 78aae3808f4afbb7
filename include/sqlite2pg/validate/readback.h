#pragma once
#include <functional>
#include <string>
#include <string_view>

#include "sqlite2pg/pg/session.h"
#include "sqlite2pg/copy/row_checksum.h"

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

// Streams every tuple of a COPY ... TO STDOUT (FORMAT binary) to `on_tuple`.
void read_back_rows(PgSession& pg, const std::string& copy_out_sql,
                    const std::function<void(std::string_view tuple)>& on_tuple);

// Reads a table back with `copy_out_sql` (a COPY ... TO STDOUT (FORMAT binary)) and sums its rows.
RowChecksum read_back_checksum(PgSession& pg, const std::string& copy_out_sql);

}  // namespace s2p

#pragma once
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>

#include "sqlite2pg/validate/row_checksum.h"
#include "sqlite2pg/validate/tuple_key.h"

namespace s2p {

// Collects a table's (row key, row hash) pairs as etl.row_hashes COPY tuples in a temporary
// file while the table loads (one connection cannot run two COPYs at once), then replays them.
// Memory stays one buffer; the file is gone when the spool is.
class RowHashSpool {
 public:
  RowHashSpool(std::int64_t run_id, std::string source, std::string table, TupleKey key);
  void add(std::string_view tuple, const Hash128& hash);
  // After the last add(): the complete binary COPY stream, in chunks. False when done.
  bool fill(std::string& out);

 private:
  void flush();

  std::int64_t run_id_;
  std::string source_, table_;
  TupleKey key_;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file_;
  std::string buffer_, key_scratch_;
  bool reading_ = false;
  bool done_ = false;
};

constexpr const char* kRowHashesCopySql =
    "COPY etl.row_hashes (run_id, source, source_table, row_key, row_hash) FROM STDIN (FORMAT "
    "binary)";

}  // namespace s2p

#pragma once
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "sqlite2pg/copy/row_checksum.h"
#include "sqlite2pg/copy/tuple_key.h"

namespace s2p {

// Collects a table's (row key, row hash) pairs, packed into chunks of about 1 MB, as
// etl.row_hashes COPY tuples in a temporary file while the table loads (one connection cannot
// run two COPYs at once), then replays them. Memory stays one chunk; the file goes with the spool.
class RowHashSpool {
 public:
  RowHashSpool(std::int64_t run_id, std::string source, std::string table, TupleKey key);
  void add(std::string_view tuple, const Hash128& hash);
  void add_keyed(std::string_view key, const Hash128& hash);  // the key already extracted
  // After the last add(): the complete binary COPY stream, in chunks. False when done.
  bool fill(std::string& out);

 private:
  void write_chunk();

  std::int64_t run_id_;
  std::string source_, table_;
  TupleKey key_;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file_;
  std::string chunk_, tuple_, key_scratch_;
  std::int32_t chunk_no_ = 0;
  bool reading_ = false;
  bool done_ = false;
};

// A sync that records only the rows it changed records a deleted row's key with this hash (no
// row's XXH3-128 is all zeros but with probability 2^-128).
inline constexpr Hash128 kDeletedRow{0, 0};

// Calls `visit(key, hash)` for every fingerprint packed in one chunk.
void for_each_fingerprint(
    std::string_view chunk,
    const std::function<void(std::string_view key, const Hash128& hash)>& visit);

}  // namespace s2p

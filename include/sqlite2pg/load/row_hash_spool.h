#pragma once
#include <array>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "sqlite2pg/copy/row_checksum.h"
#include "sqlite2pg/copy/tuple_key.h"

namespace s2p {

// Collects a table's (row key, row hash) pairs as they go by (one connection cannot run two
// COPYs at once), then replays them as etl.row_hashes COPY tuples filed by key: chunks of about
// 2 kB in key_slot() order, each numbered by its lowest slot, so the fingerprints of a few keys
// are found again by reading a few chunks (fingerprints_of()). The pairs wait in 256 temporary
// files by slot; memory holds one of them at a time, and the files go with the spool.
class RowHashSpool {
 public:
  RowHashSpool(std::int64_t run_id, std::string source, std::string table, TupleKey key);
  ~RowHashSpool();
  void add(std::string_view tuple, const Hash128& hash);
  void add_keyed(std::string_view key, const Hash128& hash);  // the key already extracted
  // After the last add(): the complete binary COPY stream. False when done.
  bool fill(std::string& out);

 private:
  bool next_partition(std::string& out);

  std::int64_t run_id_;
  std::string source_, table_;
  TupleKey key_;
  std::array<std::FILE*, 256> parts_{};
  std::string key_scratch_, entry_;
  std::size_t next_part_ = 0;
  bool header_sent_ = false;
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

#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace s2p {

__extension__ using Uint128 = unsigned __int128;  // GCC and Clang provide it on 64-bit targets

// A table's checksum: the row count and the sum, modulo 2^128, of XXH3-128 over each row's
// binary COPY tuple. A sum does not depend on row order (source and target read in different
// orders), and unlike XOR it does not cancel out when a row appears twice.
struct Hash128 {
  std::uint64_t low = 0, high = 0;
  bool operator==(const Hash128&) const = default;
  Uint128 value() const { return (static_cast<Uint128>(high) << 64) | low; }
};

// XXH3-128 of a row's binary COPY tuple: the row's fingerprint everywhere in sqlite2pg.
Hash128 hash_row(std::string_view tuple_bytes);

// Where a row key's fingerprint is filed in etl.row_hashes: the top 31 bits of its key's
// XXH3-64, so a chunk number (a PostgreSQL INTEGER) is the lowest of the keys it holds.
std::int32_t key_slot(std::string_view key_bytes);

class RowChecksum {
 public:
  void add_row(std::string_view tuple_bytes) { add(hash_row(tuple_bytes)); }
  void add(const Hash128& row_hash) {
    sum_ += row_hash.value();
    ++rows_;
  }
  // Takes a row back out: a table's checksum after some of its rows were replaced.
  void remove(const Hash128& row_hash) {
    sum_ -= row_hash.value();
    --rows_;
  }
  std::uint64_t rows() const { return rows_; }
  std::string hex() const;  // 32 hex digits
  // A checksum recorded as hex() and a row count; nullopt for text that is not 32 hex digits.
  static std::optional<RowChecksum> parse(std::string_view hex, std::uint64_t rows);
  bool operator==(const RowChecksum& other) const = default;

 private:
  std::uint64_t rows_ = 0;
  Uint128 sum_ = 0;
};

}  // namespace s2p

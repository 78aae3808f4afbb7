#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace s2p {

// Picks a row's key fields out of its binary COPY tuple: the bytes (length and data of each key
// field) are the same whether the tuple was encoded from SQLite or read back from PostgreSQL,
// so source and target rows can be matched by key without decoding anything.
class TupleKey {
 public:
  explicit TupleKey(std::vector<int> fields);  // positions in the tuple, ascending
  void extract(std::string_view tuple, std::string& out) const;

 private:
  std::vector<int> fields_;
};

}  // namespace s2p

#pragma once
// One side of a comparison, kept on disk: each row's key, hash and locator, written as the
// side streams by once and replayed as often as the keyed comparison needs. Memory stays one
// buffer, however large the table; the file goes with the spool.
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "sqlite2pg/copy/row_checksum.h"

namespace s2p {

class KeySpool {
 public:
  // `buffer`: bytes gathered before each write to the file.
  explicit KeySpool(std::size_t buffer = 1 << 20);
  void add(std::string_view key, const Hash128& hash, std::uint64_t locator);
  // Writes what is gathered and frees the buffer: for many spools written at once.
  void seal();
  // Every row added, in the order added; may be called more than once.
  void replay(const std::function<void(std::string_view key, const Hash128& hash,
                                       std::uint64_t locator)>& visit);

 private:
  void flush();

  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file_;
  std::string buffer_;
  std::size_t limit_;
};

}  // namespace s2p

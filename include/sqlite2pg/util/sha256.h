#pragma once
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace s2p {

std::string sha256_hex(std::string_view bytes);

// Incremental SHA-256 for data that arrives in pieces.
class Sha256Stream {
 public:
  Sha256Stream();
  ~Sha256Stream();
  Sha256Stream(const Sha256Stream&) = delete;
  Sha256Stream& operator=(const Sha256Stream&) = delete;
  void update(std::string_view bytes);
  std::string hex();  // once, at the end

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Streams the file; throws Failure(config) naming the path when it cannot be read or is not a
// regular file, and Failure(interrupted or terminated) within a chunk of a signal.
std::string sha256_file(const std::filesystem::path& path);

}  // namespace s2p

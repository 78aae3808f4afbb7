#pragma once
// Reading a file that someone else may swap or grow: a regular file only (a FIFO or device in
// its place is refused, never waited on), in pieces that stop on SIGINT or SIGTERM.
#include <cstddef>
#include <cstdint>
#include <filesystem>

namespace s2p {

class FileReader {
 public:
  // Throws Failure(config) naming the path when it cannot be opened or is not a regular file.
  explicit FileReader(const std::filesystem::path& path);
  ~FileReader();
  FileReader(const FileReader&) = delete;
  FileReader& operator=(const FileReader&) = delete;
  std::uintmax_t size() const { return size_; }
  std::uintmax_t allocated() const { return allocated_; }  // bytes on disk: less when sparse
  // Up to `n` bytes into `out`; 0 at the end. Throws Failure(interrupted or terminated) once a
  // signal arrived, naming the file, and Failure(config) on a read error.
  std::size_t read(char* out, std::size_t n);
  // Exactly `n` bytes, or false at the end of the file; throws as read() does.
  bool read_exact(char* out, std::size_t n);

 private:
  std::filesystem::path path_;
  int fd_ = -1;
  std::uintmax_t size_ = 0;
  std::uintmax_t allocated_ = 0;
};

}  // namespace s2p

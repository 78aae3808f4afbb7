#include "sqlite2pg/inventory/sqlite_files.h"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cstring>
#include <fstream>
#include <vector>

namespace s2p {
namespace fs = std::filesystem;
namespace {

// SQLite's lock bytes (os_unix.c): the -shm "deadman switch" every open WAL connection holds
// read-locked, and the database's RESERVED byte a writer holds.
constexpr off_t kShmDmsByte = 128;
constexpr off_t kReservedByte = 0x40000001;

// Whether another process holds a lock that a write lock on `byte` would conflict with.
// F_GETLK only asks: it takes nothing and changes nothing.
bool locked_by_other(const fs::path& file, off_t byte) {
  const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) return false;
  struct flock probe {};
  probe.l_type = F_WRLCK;
  probe.l_whence = SEEK_SET;
  probe.l_start = byte;
  probe.l_len = 1;
  const bool held = ::fcntl(fd, F_GETLK, &probe) == 0 && probe.l_type != F_UNLCK;
  ::close(fd);
  return held;
}

std::uint32_t big_endian(const unsigned char* p) {
  return std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 | p[3];
}

// SQLite's WAL checksum over `n` bytes (a multiple of 8), continuing from s[0], s[1].
void wal_checksum(const unsigned char* data, std::size_t n, bool big, std::uint32_t s[2]) {
  for (std::size_t i = 0; i + 8 <= n; i += 8) {
    std::uint32_t x[2];
    for (int k = 0; k < 2; ++k) {
      const unsigned char* p = data + i + 4 * k;
      x[k] = big ? big_endian(p)
                 : std::uint32_t{p[3]} << 24 | std::uint32_t{p[2]} << 16 |
                       std::uint32_t{p[1]} << 8 | p[0];
    }
    s[0] += x[0] + s[1];
    s[1] += x[1] + s[0];
  }
}

}  // namespace

bool has_sqlite_header(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  char header[16] = {};
  return in.read(header, sizeof header) && std::memcmp(header, "SQLite format 3", 16) == 0;
}

bool has_sqlite_name(const fs::path& file) {
  const std::string ext = file.extension().string();
  return ext == ".db" || ext == ".sqlite" || ext == ".sqlite3" || ext == ".db3";
}

std::string companion_suffix(const fs::path& file) {
  const std::string name = file.filename().string();
  for (const char* suffix : {"-wal", "-shm", "-journal"}) {
    const std::size_t n = std::strlen(suffix);
    if (name.size() > n && name.compare(name.size() - n, n, suffix) == 0) return suffix;
  }
  return "";
}

bool held_open(const fs::path& database) {
  return locked_by_other(database.string() + "-shm", kShmDmsByte);
}

bool hot_journal(const fs::path& journal, const fs::path& database) {
  std::ifstream in(journal, std::ios::binary);
  char first = 0;
  if (!in.get(first) || first == 0) return false;  // empty, or zeroed by journal_mode=PERSIST
  return !locked_by_other(database, kReservedByte);
}

std::uint64_t committed_wal_frames(const fs::path& wal) {
  std::ifstream in(wal, std::ios::binary);
  std::array<unsigned char, 32> header{};
  if (!in.read(reinterpret_cast<char*>(header.data()), header.size())) return 0;
  const std::uint32_t magic = big_endian(header.data());
  if (magic != 0x377f0682 && magic != 0x377f0683) return 0;
  const bool big = magic & 1;
  const std::uint32_t page_size = big_endian(header.data() + 8);
  if (page_size < 512 || page_size > 65536 || (page_size & (page_size - 1))) return 0;
  std::uint32_t sum[2] = {0, 0};
  wal_checksum(header.data(), 24, big, sum);
  if (sum[0] != big_endian(header.data() + 24) || sum[1] != big_endian(header.data() + 28))
    return 0;
  std::vector<unsigned char> frame(24 + page_size);
  std::uint64_t frames = 0, committed = 0;
  while (
      in.read(reinterpret_cast<char*>(frame.data()), static_cast<std::streamsize>(frame.size()))) {
    // A frame of this generation carries the header's salts and continues its checksum chain.
    if (std::memcmp(frame.data() + 8, header.data() + 16, 8) != 0) break;
    wal_checksum(frame.data(), 8, big, sum);
    wal_checksum(frame.data() + 24, page_size, big, sum);
    if (sum[0] != big_endian(frame.data() + 16) || sum[1] != big_endian(frame.data() + 20)) break;
    ++frames;
    if (big_endian(frame.data() + 4) != 0) committed = frames;  // a commit frame
  }
  return committed;
}

}  // namespace s2p

#include "sqlite2pg/inventory/sqlite_files.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <optional>
#include <vector>

#include "sqlite2pg/util/failure.h"
#include "sqlite2pg/util/file_reader.h"
#include "sqlite2pg/util/interrupt.h"

namespace s2p {
namespace fs = std::filesystem;
namespace {

// A companion's or database's bytes through FileReader (a FIFO or device in its place is
// refused, never waited on; a signal stops the run), where a file that cannot be read or ends
// early is an answer about the file, not a failure of the run.
class Reader {
 public:
  explicit Reader(const fs::path& file) {
    attempt([&] { in_.emplace(file); });
  }
  bool ok() const { return in_.has_value(); }
  std::uintmax_t size() const { return in_ ? in_->size() : 0; }
  std::uintmax_t allocated() const { return in_ ? in_->allocated() : 0; }
  // Exactly `n` bytes, or false.
  bool read(unsigned char* out, std::size_t n) {
    bool whole = false;
    if (in_) attempt([&] { whole = in_->read_exact(reinterpret_cast<char*>(out), n); });
    return whole;
  }

 private:
  template <typename F>
  static void attempt(F&& f) {
    try {
      f();
    } catch (const Failure&) {
      if (interrupted()) throw;
    }
  }
  std::optional<FileReader> in_;
};

constexpr unsigned char kJournalMagic[8] = {0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7};
constexpr std::uintmax_t kShmBlock = 32768;

std::uint32_t big_endian(const unsigned char* p) {
  return std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 | p[3];
}

bool valid_page_size(std::uint32_t n) { return n >= 512 && n <= 65536 && (n & (n - 1)) == 0; }

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

// Bytes 18 and 19 of a SQLite header are 2 for a database in WAL mode.
bool wal_database(const fs::path& database) {
  Reader in(database);
  unsigned char header[20] = {};
  return in.read(header, sizeof header) && std::memcmp(header, "SQLite format 3", 16) == 0 &&
         header[18] == 2 && header[19] == 2;
}

// What the first bytes of a companion must be; empty when they are.
std::string format_problem(Reader& in, const std::string& suffix, const fs::path& database) {
  const auto size = in.size();
  unsigned char head[28] = {};
  if (suffix == "-shm") {
    if (!wal_database(database)) return "a -shm beside a database not in WAL mode";
    return size % kShmBlock ? "not in SQLite's 32 KiB blocks of a WAL index" : "";
  }
  if (size == 0) return "";
  if (suffix == "-wal") {
    if (!in.read(head, 12)) return "shorter than a WAL header";
    const std::uint32_t magic = big_endian(head);
    if (magic != 0x377f0682 && magic != 0x377f0683) return "no WAL header";
    return valid_page_size(big_endian(head + 8)) ? "" : "a WAL header with no valid page size";
  }
  if (!in.read(head, std::min<std::size_t>(sizeof head, size))) return "cannot be read";
  if (std::memcmp(head, kJournalMagic, 8) == 0) return "";
  // A journal not yet synced (a writer mid-transaction), or one journal_mode=PERSIST ended,
  // has its magic zeroed.
  const bool zeroed = std::all_of(head, head + std::min<std::uintmax_t>(size, 8),
                                  [](unsigned char c) { return c == 0; });
  return zeroed ? "" : "no rollback journal header";
}

}  // namespace

bool has_sqlite_header(const fs::path& file) {
  Reader in(file);
  unsigned char header[16] = {};
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

std::string companion_problem(const fs::path& companion, const fs::path& database) {
  Reader in(companion);
  if (!in.ok()) return "cannot be read, or is not a regular file";
  // Allowing for a partly filled last block: SQLite writes every byte of these files.
  if (in.allocated() + 65536 < in.size()) {
    return "a sparse file (" + std::to_string(in.size()) + " bytes, " +
           std::to_string(in.allocated()) + " on disk), which SQLite never writes";
  }
  return format_problem(in, companion_suffix(companion), database);
}

bool has_own_magic(const fs::path& companion) {
  Reader in(companion);
  unsigned char head[8] = {};
  if (!in.read(head, sizeof head)) return false;
  const std::uint32_t magic = big_endian(head);
  return magic == 0x377f0682 || magic == 0x377f0683 || std::memcmp(head, kJournalMagic, 8) == 0;
}

bool journal_has_pages(const fs::path& journal) {
  Reader in(journal);
  unsigned char first = 0;
  return in.read(&first, 1) && first != 0;  // empty, not yet synced, or ended by PERSIST
}

std::uint64_t committed_wal_frames(const fs::path& wal) {
  Reader in(wal);
  std::array<unsigned char, 32> header{};
  if (!in.read(header.data(), header.size())) return 0;
  const std::uint32_t magic = big_endian(header.data());
  if (magic != 0x377f0682 && magic != 0x377f0683) return 0;
  const bool big = magic & 1;
  const std::uint32_t page_size = big_endian(header.data() + 8);
  if (!valid_page_size(page_size)) return 0;
  std::uint32_t sum[2] = {0, 0};
  wal_checksum(header.data(), 24, big, sum);
  if (sum[0] != big_endian(header.data() + 24) || sum[1] != big_endian(header.data() + 28))
    return 0;
  std::vector<unsigned char> frame(24 + page_size);
  std::uint64_t frames = 0, committed = 0;
  while (in.read(frame.data(), frame.size())) {
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

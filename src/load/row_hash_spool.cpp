#include "sqlite2pg/load/row_hash_spool.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <vector>

#include "sqlite2pg/copy/copy_encoder.h"
#include "sqlite2pg/copy/copy_feed.h"
#include "sqlite2pg/util/failure.h"
#include "sqlite2pg/util/private_file.h"

namespace s2p {
namespace {

// A chunk's size: small enough that a lookup of a few keys reads little, large enough that a
// table's chunks stay few next to its rows (about 50 rows each), and under PostgreSQL's TOAST
// threshold, so a chunk is read with its row.
constexpr std::size_t kChunk = 1900;

void write_all(std::FILE* f, std::string_view bytes) {
  if (std::fwrite(bytes.data(), 1, bytes.size(), f) != bytes.size()) {
    throw Failure(ExitCode::internal,
                  std::string("cannot write a temporary file: ") + std::strerror(errno));
  }
}

// One fingerprint as filed: slot, key length, key, hash (the chunk's own layout after the slot).
struct Filed {
  std::int32_t slot;
  std::string_view entry;  // key length, key, hash
};

}  // namespace

RowHashSpool::RowHashSpool(std::int64_t run_id, std::string source, std::string table, TupleKey key)
    : run_id_(run_id), source_(std::move(source)), table_(std::move(table)), key_(std::move(key)) {}

RowHashSpool::~RowHashSpool() {
  for (auto* f : parts_) {
    if (f) std::fclose(f);
  }
}

void RowHashSpool::add(std::string_view tuple, const Hash128& hash) {
  key_.extract(tuple, key_scratch_);
  add_keyed(key_scratch_, hash);
}

void RowHashSpool::add_keyed(std::string_view key, const Hash128& hash) {
  const std::int32_t slot = key_slot(key);
  auto*& part = parts_[static_cast<std::size_t>(slot) >> 23];
  if (!part) part = anonymous_temp_file();
  entry_.clear();
  put_u32(entry_, static_cast<std::uint32_t>(slot));
  put_u32(entry_, static_cast<std::uint32_t>(key.size()));
  entry_.append(key);
  put_u64(entry_, hash.high);
  put_u64(entry_, hash.low);
  write_all(part, entry_);
}

// One partition's fingerprints, sorted by slot, as chunk tuples; false when none is left. Keys
// of one slot never straddle two chunks, so each chunk's number is the lowest slot it holds and
// above the previous chunk's highest.
bool RowHashSpool::next_partition(std::string& out) {
  while (next_part_ < parts_.size() && !parts_[next_part_]) ++next_part_;
  if (next_part_ == parts_.size()) return false;
  std::FILE* f = parts_[next_part_++];
  std::string data;
  std::rewind(f);
  char buf[1 << 16];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) data.append(buf, n);
  std::vector<Filed> filed;
  for (std::size_t at = 0; at + 8 <= data.size();) {
    const auto slot = static_cast<std::int32_t>(get_u32(data, at));
    const std::size_t len = 4 + get_u32(data, at + 4) + 16;
    filed.push_back({slot, std::string_view(data).substr(at + 4, len)});
    at += 4 + len;
  }
  std::stable_sort(filed.begin(), filed.end(),
                   [](const Filed& a, const Filed& b) { return a.slot < b.slot; });
  std::string chunk;
  const auto emit = [&](std::int32_t number) {
    put_tuple_start(out, 5);
    put_int8_field(out, run_id_);
    put_field(out, source_);
    put_field(out, table_);
    put_int4_field(out, number);
    put_field(out, chunk);
    chunk.clear();
  };
  std::int32_t number = 0;
  for (std::size_t i = 0; i < filed.size(); ++i) {
    if (chunk.empty()) number = filed[i].slot;
    chunk.append(filed[i].entry);
    const bool slot_ends = i + 1 == filed.size() || filed[i + 1].slot != filed[i].slot;
    if (slot_ends && chunk.size() >= kChunk) emit(number);
  }
  if (!chunk.empty()) emit(number);
  std::fclose(f);
  parts_[next_part_ - 1] = nullptr;
  return true;
}

bool RowHashSpool::fill(std::string& out) {
  if (done_) return false;
  if (!header_sent_) {
    out.append(CopyEncoder::header());
    header_sent_ = true;
  }
  while (out.size() < (1 << 20)) {
    if (!next_partition(out)) {
      out.append(CopyEncoder::trailer());
      done_ = true;
      break;
    }
  }
  return !done_;
}

void for_each_fingerprint(
    std::string_view chunk,
    const std::function<void(std::string_view key, const Hash128& hash)>& visit) {
  std::size_t at = 0;
  while (at + 4 <= chunk.size()) {
    const std::size_t key_len = get_u32(chunk, at);
    at += 4;
    if (at + key_len + 16 > chunk.size()) {
      throw Failure(ExitCode::target, "etl.row_hashes holds a damaged chunk");
    }
    const auto key = chunk.substr(at, key_len);
    at += key_len;
    visit(key, Hash128{get_u64(chunk, at + 8), get_u64(chunk, at)});
    at += 16;
  }
}

}  // namespace s2p

#include "sqlite2pg/load/row_hash_spool.h"

#include <cerrno>
#include <cstring>

#include "sqlite2pg/copy/copy_encoder.h"
#include "sqlite2pg/util/failure.h"
#include "sqlite2pg/util/private_file.h"

namespace s2p {
namespace {

constexpr std::size_t kChunk = 1 << 20;

void put_field(std::string& out, std::string_view bytes) {
  put_u32(out, static_cast<std::uint32_t>(bytes.size()));
  out.append(bytes);
}

}  // namespace

RowHashSpool::RowHashSpool(std::int64_t run_id, std::string source, std::string table, TupleKey key)
    : run_id_(run_id),
      source_(std::move(source)),
      table_(std::move(table)),
      key_(std::move(key)),
      file_(anonymous_temp_file(), &std::fclose) {
  chunk_.reserve(kChunk + 4096);
}

void RowHashSpool::add(std::string_view tuple, const Hash128& hash) {
  key_.extract(tuple, key_scratch_);
  add_keyed(key_scratch_, hash);
}

void RowHashSpool::add_keyed(std::string_view key, const Hash128& hash) {
  put_u32(chunk_, static_cast<std::uint32_t>(key.size()));
  chunk_.append(key);
  put_u64(chunk_, hash.high);
  put_u64(chunk_, hash.low);
  if (chunk_.size() >= kChunk) write_chunk();
}

void RowHashSpool::write_chunk() {
  if (chunk_.empty()) return;
  tuple_.clear();
  put_u16(tuple_, 5);
  put_u32(tuple_, 8);
  put_u64(tuple_, static_cast<std::uint64_t>(run_id_));
  put_field(tuple_, source_);
  put_field(tuple_, table_);
  put_u32(tuple_, 4);
  put_u32(tuple_, static_cast<std::uint32_t>(chunk_no_++));
  put_field(tuple_, chunk_);
  chunk_.clear();
  if (std::fwrite(tuple_.data(), 1, tuple_.size(), file_.get()) != tuple_.size()) {
    throw Failure(ExitCode::internal,
                  std::string("cannot write a temporary file: ") + std::strerror(errno));
  }
}

bool RowHashSpool::fill(std::string& out) {
  if (done_) return false;
  if (!reading_) {
    write_chunk();
    std::rewind(file_.get());
    reading_ = true;
    out.append(CopyEncoder::header());
  }
  const std::size_t start = out.size();
  out.resize(start + kChunk);
  const std::size_t n = std::fread(out.data() + start, 1, kChunk, file_.get());
  out.resize(start + n);
  if (n < kChunk) {
    out.append(CopyEncoder::trailer());
    done_ = true;
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

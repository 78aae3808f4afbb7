#include "sqlite2pg/load/row_hash_spool.h"

#include <cerrno>
#include <cstring>

#include "sqlite2pg/load/copy_encoder.h"
#include "sqlite2pg/util/failure.h"

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
      file_(std::tmpfile(), &std::fclose) {
  if (!file_) {
    throw Failure(ExitCode::internal,
                  std::string("cannot create a temporary file: ") + std::strerror(errno));
  }
  buffer_.reserve(kChunk + 4096);
}

void RowHashSpool::add(std::string_view tuple, const Hash128& hash) {
  key_.extract(tuple, key_scratch_);
  put_u16(buffer_, 5);
  put_u32(buffer_, 8);
  put_u64(buffer_, static_cast<std::uint64_t>(run_id_));
  put_field(buffer_, source_);
  put_field(buffer_, table_);
  put_field(buffer_, key_scratch_);
  put_u32(buffer_, 16);
  put_u64(buffer_, hash.high);
  put_u64(buffer_, hash.low);
  if (buffer_.size() >= kChunk) flush();
}

void RowHashSpool::flush() {
  if (!buffer_.empty() &&
      std::fwrite(buffer_.data(), 1, buffer_.size(), file_.get()) != buffer_.size()) {
    throw Failure(ExitCode::internal,
                  std::string("cannot write a temporary file: ") + std::strerror(errno));
  }
  buffer_.clear();
}

bool RowHashSpool::fill(std::string& out) {
  if (done_) return false;
  if (!reading_) {
    flush();
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

}  // namespace s2p

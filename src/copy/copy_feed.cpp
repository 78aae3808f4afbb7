#include "sqlite2pg/copy/copy_feed.h"

#include "sqlite2pg/copy/copy_encoder.h"
#include "sqlite2pg/util/bytes.h"

namespace s2p {

void put_tuple_start(std::string& out, std::uint16_t fields) { put_u16(out, fields); }

void put_field(std::string& out, std::string_view bytes) {
  put_u32(out, static_cast<std::uint32_t>(bytes.size()));
  out.append(bytes);
}

void put_int4_field(std::string& out, std::int32_t value) {
  put_u32(out, 4);
  put_u32(out, static_cast<std::uint32_t>(value));
}

void put_int8_field(std::string& out, std::int64_t value) {
  put_u32(out, 8);
  put_u64(out, static_cast<std::uint64_t>(value));
}

bool CopyFeed::operator()(std::string& out) {
  if (done_) return false;
  if (!started_) out.append(CopyEncoder::header());
  started_ = true;
  while (out.size() < (1u << 20)) {
    if (!next_(out)) {
      out.append(CopyEncoder::trailer());
      done_ = true;
      return false;
    }
  }
  return true;
}

}  // namespace s2p

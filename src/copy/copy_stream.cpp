#include "sqlite2pg/copy/copy_stream.h"

#include "sqlite2pg/copy/copy_encoder.h"
#include "sqlite2pg/util/bytes.h"
#include "sqlite2pg/util/failure.h"

namespace s2p {
namespace {

[[noreturn]] void malformed(const std::string& what) {
  throw Failure(ExitCode::target, "malformed binary COPY data from PostgreSQL: " + what);
}

}  // namespace

CopyTupleParser::CopyTupleParser(std::function<void(std::string_view)> on_tuple)
    : on_tuple_(std::move(on_tuple)) {}

void CopyTupleParser::feed(std::string_view chunk) {
  if (trailer_seen_ && !chunk.empty()) malformed("data after the end of the stream");
  pending_.append(chunk);
  std::string_view s(pending_);
  if (!header_done_) {
    if (s.size() < 19) return;
    if (s.substr(0, 11) != CopyEncoder::header().substr(0, 11)) malformed("bad header");
    const std::size_t ext = get_u32(s, 15);
    if (s.size() < 19 + ext) return;
    pos_ = 19 + ext;
    header_done_ = true;
  }
  while (!trailer_seen_) {
    if (s.size() - pos_ < 2) break;
    const std::uint16_t fields = get_u16(s, pos_);
    if (fields == 0xffff) {
      trailer_seen_ = true;
      pos_ += 2;
      break;
    }
    std::size_t at = pos_ + 2;
    bool complete = true;
    for (std::uint16_t f = 0; f < fields; ++f) {
      if (s.size() - at < 4) {
        complete = false;
        break;
      }
      const std::uint32_t len = get_u32(s, at);
      at += 4;
      if (len == 0xffffffffu) continue;  // NULL
      if (s.size() - at < len) {
        complete = false;
        break;
      }
      at += len;
    }
    if (!complete) break;
    on_tuple_(s.substr(pos_, at - pos_));
    pos_ = at;
  }
  // Keep only the unparsed tail, so memory stays one tuple plus one chunk.
  pending_.erase(0, pos_);
  pos_ = 0;
}

void CopyTupleParser::finish() {
  if (!header_done_) malformed("no header");
  if (!trailer_seen_) malformed("stream ended inside a row");
  if (!pending_.empty()) malformed("data after the end of the stream");
}

void read_back_rows(const CopyOut& copy_out,
                    const std::function<void(std::string_view tuple)>& on_tuple) {
  CopyTupleParser parser(on_tuple);
  copy_out([&](std::string_view chunk) { parser.feed(chunk); });
  parser.finish();
}

}  // namespace s2p

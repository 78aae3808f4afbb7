// Timestamps: any text either parses or is refused with a reason; what parses prints back as
// text that parses to the same instant; so do dates and times of day. Any integer is either a
// plausible epoch or refused.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "sqlite2pg/transform/timestamp.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  s2p::UnixMicros micros = 0;
  const std::string why = s2p::parse_timestamp_text(text, micros);
  if (why.empty()) {
    s2p::UnixMicros again = 0;
    if (!s2p::parse_timestamp_text(s2p::format_timestamp_utc(micros), again).empty() ||
        again != micros) {
      __builtin_trap();
    }
  }
  std::int64_t days = 0, time = 0, again = 0;
  if (s2p::parse_date_text(text, days).empty() &&
      (!s2p::parse_date_text(s2p::format_date(days), again).empty() || again != days))
    __builtin_trap();
  if (s2p::parse_time_text(text, time).empty() &&
      (!s2p::parse_time_text(s2p::format_time(time), again).empty() || again != time))
    __builtin_trap();
  if (size >= 8) {
    std::int64_t value;
    std::memcpy(&value, data, 8);
    for (auto unit : {s2p::EpochUnit::seconds, s2p::EpochUnit::milliseconds}) {
      s2p::UnixMicros out = 0;
      s2p::epoch_to_micros(value, unit, out);
    }
  }
  return 0;
}

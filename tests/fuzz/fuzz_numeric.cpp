// Decimals and arrays: any text either normalizes or is refused with a reason; what normalizes
// is a fixed point of normalization, encodes to numeric's binary form and reads back as the
// same text, and numeric(10,2) either takes it unchanged in value or refuses it. Any text as a
// JSON or delimited array converts or is refused, never crashes.
#include <cstdint>
#include <string>
#include <string_view>

#include "sqlite2pg/copy/copy_encoder.h"
#include "sqlite2pg/transform/array.h"
#include "sqlite2pg/transform/decimal.h"

namespace {

void check_decimal(std::string_view text) {
  std::string plain, again;
  if (!s2p::normalize_decimal(text, plain).empty()) return;
  if (!s2p::normalize_decimal(plain, again).empty() || again != plain) __builtin_trap();
  const s2p::ColumnWriter any{s2p::find_encoder("numeric"), {}};
  std::string bytes;
  const s2p::Value v{.kind = s2p::ValueKind::numeric, .bytes = plain};
  if (!any.encode(v, bytes).empty() || any.show(bytes) != plain) __builtin_trap();
  const s2p::ColumnWriter money{s2p::find_encoder("numeric"), {((10 << 16) | 2) + 4, nullptr}};
  bytes.clear();
  if (money.encode(v, bytes).empty()) {
    std::string shown = money.show(bytes), back;
    if (!s2p::normalize_decimal(shown, back).empty()) __builtin_trap();
    std::string a = plain, b = shown;  // equal in value: same digits once trailing zeros go
    for (auto* s : {&a, &b}) {
      if (s->find('.') == std::string::npos) continue;
      while (s->back() == '0') s->pop_back();
      if (s->back() == '.') s->pop_back();
    }
    if (a != b) __builtin_trap();
  }
}

void check_array(std::string_view text) {
  for (auto kind : {s2p::ValueKind::text, s2p::ValueKind::integer, s2p::ValueKind::numeric,
                    s2p::ValueKind::uuid}) {
    for (const char* separator : {"", ","}) {
      s2p::ConvertContext ctx{"s", "t", {}, s2p::element_transform(kind), separator};
      s2p::Value out;
      std::string scratch;
      const s2p::SourceValue v{.type = s2p::SqliteType::text, .bytes = text};
      if (!s2p::to_array(v, ctx, out, scratch).empty()) continue;
      std::int64_t n = 0;
      s2p::for_each_element(out.bytes, [&](const s2p::Value&) { ++n; });
      if (n != out.integer) __builtin_trap();
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check_decimal(text);
  check_array(text);
  return 0;
}

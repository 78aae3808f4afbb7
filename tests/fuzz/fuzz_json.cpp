// JSON: any text is either canonical jsonb or refused with a reason; the canonical form is a
// fixed point (canonicalizing it again changes nothing) and refusing appends nothing.
#include <cstdint>
#include <string>
#include <string_view>

#include "sqlite2pg/transform/json_canonical.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string out;
  const std::string why = s2p::canonicalize_jsonb(text, out);
  if (!why.empty()) {
    if (!out.empty()) __builtin_trap();
    return 0;
  }
  std::string again;
  if (!s2p::canonicalize_jsonb(out, again).empty() || again != out) __builtin_trap();
  return 0;
}

// UUIDs: what parses formats back to the same value, lower-cased; any legacy id remaps without
// failing, the same way twice.
#include <cctype>
#include <cstdint>
#include <string>
#include <string_view>

#include "sqlite2pg/transform/converter.h"
#include "sqlite2pg/util/uuid.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (const auto uuid = s2p::parse_uuid(text)) {
    const std::string formatted = s2p::format_uuid(*uuid);
    std::string lower(text);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (formatted != lower || s2p::parse_uuid(formatted) != uuid) __builtin_trap();
  }
  if (s2p::remapped_id("src", "table", text) != s2p::remapped_id("src", "table", text))
    __builtin_trap();
  return 0;
}

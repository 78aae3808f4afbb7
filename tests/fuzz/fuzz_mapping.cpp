// Mapping files: any text is a mapping or a configuration error with a message; nothing else
// (no crash, no other exception) may come out of the loader.
#include <cstdint>
#include <string>

#include "sqlite2pg/config/mapping.h"
#include "sqlite2pg/util/failure.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    s2p::parse_mapping(text, "fuzz.yaml");
  } catch (const s2p::Failure& f) {
    if (f.code() != s2p::ExitCode::config || std::string(f.what()).empty()) __builtin_trap();
  }
  return 0;
}

#include "sqlite2pg/util/printable.h"

#include <cstdio>

#include "sqlite2pg/util/text.h"

namespace s2p {
namespace {

// The byte length of the UTF-8 sequence `lead` starts; 0 for a byte none starts with.
std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xe0) == 0xc0) return 2;
  if ((lead & 0xf0) == 0xe0) return 3;
  if ((lead & 0xf8) == 0xf0) return 4;
  return 0;
}

// A well-formed character that a reader may take for a line end or a terminal control: C1
// (NEL among them), LINE SEPARATOR, PARAGRAPH SEPARATOR. Its code point, or 0.
unsigned hidden_code_point(std::string_view c) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(c[i]); };
  if (c.size() == 2 && byte(0) == 0xc2 && byte(1) < 0xa0) return byte(1);
  if (c.size() == 3 && byte(0) == 0xe2 && byte(1) == 0x80 && (byte(2) == 0xa8 || byte(2) == 0xa9))
    return 0x2000 + (byte(2) - 0x80);
  return 0;
}

// Appends `text` escaped to `out` (when given); returns whether anything but a backslash
// needed escaping.
bool escape(std::string_view text, std::string* out) {
  bool changed = false;
  const auto put = [&](std::string_view s) {
    if (out) out->append(s);
  };
  char buf[16];
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t n = sequence_length(c);
    const std::string_view one = text.substr(i, n ? n : 1);
    if (c == '\\') {
      put("\\\\");
    } else if (c == '\n' || c == '\r' || c == '\t') {
      put(c == '\n' ? "\\n" : c == '\r' ? "\\r" : "\\t");
      changed = true;
    } else if (c < 0x20 || c == 0x7f || n == 0 || one.size() < n || !is_valid_utf8(one)) {
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      put(buf);
      changed = true;
      i += 1;
      continue;
    } else if (const unsigned hidden = hidden_code_point(one)) {
      std::snprintf(buf, sizeof buf, "\\u%04x", hidden);
      put(buf);
      changed = true;
    } else {
      put(one);
    }
    i += one.size();
  }
  return changed;
}

}  // namespace

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  escape(text, &out);
  return out;
}

bool is_printable(std::string_view text) { return !escape(text, nullptr); }

}  // namespace s2p

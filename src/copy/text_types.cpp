#include <algorithm>

#include "sqlite2pg/util/text.h"
#include "type_codecs.h"

namespace s2p {
namespace {

// UTF-8 characters: every byte that does not continue a sequence starts one.
std::size_t characters(std::string_view s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string too_long(std::size_t chars, std::int32_t typmod, const char* type) {
  return "text of " + std::to_string(chars) + " characters is longer than " + type + "(" +
         std::to_string(typmod - 4) + ") allows";
}

}  // namespace

std::string encode_varchar(const Value& v, const TypeParams& p, std::string& out) {
  if (p.typmod >= 4) {
    if (const auto n = characters(v.bytes); n > static_cast<std::size_t>(p.typmod - 4))
      return too_long(n, p.typmod, "varchar");
  }
  out.append(v.bytes);
  return {};
}

std::string encode_bpchar(const Value& v, const TypeParams& p, std::string& out) {
  const std::size_t n = characters(v.bytes);
  // PostgreSQL would silently cut trailing blanks beyond the length; nothing is cut here.
  if (p.typmod >= 4 && n > static_cast<std::size_t>(p.typmod - 4))
    return too_long(n, p.typmod, "char");
  out.append(v.bytes);
  if (p.typmod >= 4) out.append(static_cast<std::size_t>(p.typmod - 4) - n, ' ');
  return {};
}

std::string encode_enum(const Value& v, const TypeParams& p, std::string& out) {
  const auto& labels = *p.labels;
  if (std::find(labels.begin(), labels.end(), v.bytes) == labels.end()) {
    std::string allowed;
    for (const auto& l : labels) allowed += (allowed.empty() ? "'" : ", '") + l + "'";
    return excerpt(v.bytes, 60) + " is not a label of the enum (allowed: " + allowed + ")";
  }
  out.append(v.bytes);
  return {};
}

}  // namespace s2p

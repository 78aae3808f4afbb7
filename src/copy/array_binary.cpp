// An array's binary form: int32 dimensions (0 when empty), int32 has-nulls flag, int32 element
// type oid, then per dimension int32 length and lower bound, then each element as a field.
#include "sqlite2pg/transform/array.h"
#include "type_codecs.h"

namespace s2p {

std::string encode_array(const Value& v, const TypeParams& p, std::string& out) {
  bool has_null = false;
  for_each_element(v.bytes, [&](const Value& e) { has_null |= e.kind == ValueKind::null; });
  put_u32(out, v.integer > 0 ? 1 : 0);
  put_u32(out, has_null ? 1 : 0);
  put_u32(out, p.element_oid);
  if (v.integer > 0) {
    put_u32(out, static_cast<std::uint32_t>(v.integer));
    put_u32(out, 1);
  }
  std::string why;
  std::int64_t index = 0;
  for_each_element(v.bytes, [&](const Value& e) {
    ++index;
    if (!why.empty()) return;
    if (e.kind == ValueKind::null) return put_u32(out, 0xffffffffu);
    const std::size_t length_at = out.size();
    put_u32(out, 0);
    if (auto w = p.element->encode(e, out); !w.empty()) {
      why = "element " + std::to_string(index) + ": " + w;
      return;
    }
    std::string len;
    put_u32(len, static_cast<std::uint32_t>(out.size() - length_at - 4));
    out.replace(length_at, 4, len);
  });
  return why;
}

std::string show_array(std::string_view b, const TypeParams& p) {
  if (b.size() < 12) return "?";
  const std::uint32_t dims = get_u32(b, 0);
  if (dims == 0) return "{}";
  if (dims != 1 || b.size() < 20) return "?";
  const std::uint32_t n = get_u32(b, 12);
  std::string out = "{";
  std::size_t at = 20;
  for (std::uint32_t i = 0; i < n && at + 4 <= b.size(); ++i) {
    const std::uint32_t len = get_u32(b, at);
    at += 4;
    out += i ? ", " : "";
    if (len == 0xffffffffu) {
      out += "NULL";
      continue;
    }
    out += p.element->show(b.substr(at, len));
    at += len;
  }
  return out + "}";
}

}  // namespace s2p

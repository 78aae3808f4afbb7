#include "sqlite2pg/transform/array.h"

#include <cmath>
#include <cstdio>

#include "sqlite2pg/util/text.h"

// Arrays run backwards: the elements' inverses written as the array transform reads them, a
// JSON array or delimited text, and read back to check they come back the same.
namespace s2p {
namespace {

void append_json_string(std::string& out, std::string_view s) {
  out.push_back('"');
  for (const char c : s) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char esc[8];
      std::snprintf(esc, sizeof esc, "\\u%04x", static_cast<unsigned>(c));
      out += esc;
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
}

// A REAL's shortest text, with a point where it would read as an INTEGER (beyond 2^53 the real
// transform refuses integers).
std::string real_text(double d) {
  std::string s = format_real(d);
  if (s.find_first_not_of("-0123456789") == std::string::npos) s += ".0";
  return s;
}

// numeric's plain text is also a JSON number: no leading zeros, no '+', no exponent.
bool is_json_number(std::string_view s) {
  if (!s.empty() && s[0] == '-') s.remove_prefix(1);
  const auto point = s.find('.');
  const auto whole = s.substr(0, point);
  if (whole.empty() || (whole.size() > 1 && whole[0] == '0')) return false;
  if (whole.find_first_not_of("0123456789") != std::string_view::npos) return false;
  if (point == std::string_view::npos) return true;
  const auto fraction = s.substr(point + 1);
  return !fraction.empty() && fraction.find_first_not_of("0123456789") == std::string_view::npos;
}

// One element's SQLite value as the JSON token the array transform reads back into it.
std::string json_element(const SourceValue& s, ValueKind kind, std::string& out) {
  if (s.type == SqliteType::integer) {
    out += kind == ValueKind::boolean ? (s.integer ? "true" : "false") : std::to_string(s.integer);
  } else if (s.type == SqliteType::real) {
    if (!std::isfinite(s.real)) return "a REAL that is not finite has no JSON form";
    out += real_text(s.real);
  } else if (!is_valid_utf8(s.bytes)) {
    return "bytes that are not UTF-8 have no JSON string form";
  } else if (kind == ValueKind::numeric && is_json_number(s.bytes)) {
    out += s.bytes;
  } else {
    append_json_string(out, s.bytes);
  }
  return {};
}

// One element's SQLite value as a piece of delimited text.
std::string split_element(const SourceValue& s, const std::string& separator, std::string& out) {
  std::string piece;
  if (s.type == SqliteType::integer) piece = std::to_string(s.integer);
  if (s.type == SqliteType::real) piece = real_text(s.real);
  if (s.type == SqliteType::text || s.type == SqliteType::blob) piece = s.bytes;
  if (piece.find(separator) != std::string::npos)
    return "'" + excerpt(piece) + "' contains the separator '" + separator + "'";
  out += piece;
  return {};
}

// One element as the array transform reads it: a JSON token, or a piece of delimited text.
std::string element_text(const Value& e, InvertFn element, const InverseContext& ctx,
                         std::string& scratch, std::string& text) {
  const ConvertContext& convert = *ctx.convert;
  const bool json = convert.separator.empty();
  if (e.kind == ValueKind::null) {
    if (!json) return "NULL has no place in delimited text";
    text += "null";
    return {};
  }
  SourceValue s;
  if (auto why = element(e, ctx, s, scratch); !why.empty()) return why;
  return json ? json_element(s, convert.element->produces, text)
              : split_element(s, convert.separator, text);
}

std::string array_text(const Value& v, const InverseContext& ctx, InvertFn element,
                       std::string& text) {
  const bool json = ctx.convert->separator.empty();
  InverseContext element_ctx = ctx;
  element_ctx.integer_column = false;  // elements are JSON or delimited text, not the column
  std::string why, scratch;
  std::int64_t index = 0;
  text = json ? "[" : "";
  for_each_element(v.bytes, [&](const Value& e) {
    if (!why.empty()) return;
    if (index++ > 0) text += json ? "," : ctx.convert->separator;
    if (auto w = element_text(e, element, element_ctx, scratch, text); !w.empty())
      why = "element " + std::to_string(index) + ": " + w;
  });
  if (json) text += "]";
  return why;
}

}  // namespace

std::string invert_array(const Value& v, const InverseContext& ctx, InvertFn element,
                         SourceValue& out, std::string& scratch) {
  std::string text;
  if (auto why = array_text(v, ctx, element, text); !why.empty()) return why;
  // Read back as the array transform reads it: what does not come back the same is refused.
  Value back;
  std::string packed;
  const SourceValue source{.type = SqliteType::text, .bytes = text};
  if (auto why = to_array(source, *ctx.convert, back, packed); !why.empty())
    return "its TEXT form '" + excerpt(text) + "' does not read back: " + why;
  if (back.integer != v.integer || back.bytes != v.bytes)
    return "its TEXT form '" + excerpt(text) + "' reads back as another array";
  scratch = std::move(text);
  out = {.type = SqliteType::text, .bytes = scratch};
  return {};
}

}  // namespace s2p

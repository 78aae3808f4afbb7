#include "sqlite2pg/copy/text_copy.h"

#include <cmath>

#include "sqlite2pg/transform/array.h"
#include "sqlite2pg/transform/inet.h"
#include "sqlite2pg/transform/interval.h"
#include "sqlite2pg/transform/timestamp.h"
#include "sqlite2pg/transform/tsvector.h"
#include "sqlite2pg/util/text.h"

namespace s2p {
namespace {

void append_escaped(std::string_view s, std::string& out) {
  for (char c : s) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out.push_back(c);
    }
  }
}

std::string real_text(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  return format_real(d);
}

void append_value_text(const ColumnWriter& w, const Value& v, std::string& out);

// An array literal: every element double-quoted (quotes and backslashes escaped), NULL bare.
void append_array_text(const ColumnWriter& element, const Value& v, std::string& out) {
  out.push_back('{');
  bool first = true;
  std::string text;
  for_each_element(v.bytes, [&](const Value& e) {
    if (!first) out.push_back(',');
    first = false;
    if (e.kind == ValueKind::null) {
      out += "NULL";
      return;
    }
    text.clear();
    append_value_text(element, e, text);
    out.push_back('"');
    for (char c : text) {
      if (c == '"' || c == '\\') out.push_back('\\');
      out.push_back(c);
    }
    out.push_back('"');
  });
  out.push_back('}');
}

// The value as the type's input function reads it, before COPY's escaping.
void append_value_text(const ColumnWriter& w, const Value& v, std::string& out) {
  switch (v.kind) {
    case ValueKind::null:
      return;
    case ValueKind::integer:
      out += std::to_string(v.integer);
      return;
    case ValueKind::real:
      out += real_text(v.real);
      return;
    case ValueKind::boolean:
      out.push_back(v.integer ? 't' : 'f');
      return;
    case ValueKind::text:
    case ValueKind::json:
    case ValueKind::json_text:
    case ValueKind::numeric:
      out += v.bytes;
      return;
    case ValueKind::bytes:
      out += "\\x";  // bytea's hex input
      append_hex(out, v.bytes);
      return;
    case ValueKind::uuid:
      out += format_uuid(v.uuid);
      return;
    case ValueKind::timestamp: {
      std::string t = format_timestamp_utc(v.integer);
      if (w.encoder->pg_type == "timestamp") t.pop_back();  // no zone without time zone
      out += t;
      return;
    }
    case ValueKind::date:
      out += format_date(v.integer);
      return;
    case ValueKind::time:
      out += format_time(v.integer);
      return;
    case ValueKind::array:
      append_array_text(*w.params.element, v, out);
      return;
    case ValueKind::interval:
      out += format_interval_iso(v);
      return;
    case ValueKind::inet:
      out += format_inet(v.bytes);
      return;
    case ValueKind::tsvector:
      out += format_tsvector(v.bytes).value_or("");
      return;
  }
}

}  // namespace

void append_copy_text(const ColumnWriter& w, const Value& v, std::string& out) {
  if (v.kind == ValueKind::null) {
    out += kCopyTextNull;
    return;
  }
  thread_local std::string text;
  text.clear();
  append_value_text(w, v, text);
  append_escaped(text, out);
}

}  // namespace s2p

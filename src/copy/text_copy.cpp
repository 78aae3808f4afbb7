#include "sqlite2pg/copy/text_copy.h"

#include <cmath>

#include "sqlite2pg/transform/timestamp.h"
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

}  // namespace

void append_copy_text(std::string_view pg_type, const Value& v, std::string& out) {
  switch (v.kind) {
    case ValueKind::null:
      out += kCopyTextNull;
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
      append_escaped(v.bytes, out);
      return;
    case ValueKind::numeric:
      out += v.bytes;  // plain decimal: nothing to escape
      return;
    case ValueKind::date:
      out += format_date(v.integer);
      return;
    case ValueKind::time:
      out += format_time(v.integer);
      return;
    case ValueKind::bytes:
      out += "\\\\x";  // bytea's hex input, its backslash escaped for COPY
      append_hex(out, v.bytes);
      return;
    case ValueKind::uuid:
      out += format_uuid(v.uuid);
      return;
    case ValueKind::timestamp: {
      std::string t = format_timestamp_utc(v.integer);
      if (pg_type == "timestamp") t.pop_back();  // no zone for a timestamp without time zone
      out += t;
      return;
    }
  }
}

}  // namespace s2p

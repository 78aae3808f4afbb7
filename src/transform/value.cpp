#include "sqlite2pg/transform/value.h"

#include "sqlite2pg/util/text.h"

namespace s2p {

const char* value_kind_name(ValueKind kind) {
  switch (kind) {
    case ValueKind::null:
      return "null";
    case ValueKind::integer:
      return "integer";
    case ValueKind::real:
      return "real";
    case ValueKind::boolean:
      return "boolean";
    case ValueKind::text:
      return "text";
    case ValueKind::bytes:
      return "bytes";
    case ValueKind::uuid:
      return "uuid";
    case ValueKind::timestamp:
      return "timestamp";
    case ValueKind::json:
      return "jsonb";
    case ValueKind::json_text:
      return "json";
    case ValueKind::numeric:
      return "numeric";
    case ValueKind::date:
      return "date";
    case ValueKind::time:
      return "time";
    case ValueKind::array:
      return "array";
    case ValueKind::interval:
      return "interval";
    case ValueKind::inet:
      return "inet";
    case ValueKind::tsvector:
      return "tsvector";
  }
  return "?";
}

std::string value_excerpt(const SourceValue& v, std::size_t max_chars) {
  switch (v.type) {
    case SqliteType::integer:
      return std::to_string(v.integer);
    case SqliteType::real:
      return format_real(v.real);
    case SqliteType::null:
      return "NULL";
    case SqliteType::blob:
      return "BLOB of " + std::to_string(v.bytes.size()) + " bytes";
    case SqliteType::text:
      return excerpt(v.bytes, max_chars);
  }
  return "?";
}

}  // namespace s2p

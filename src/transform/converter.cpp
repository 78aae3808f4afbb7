#include "sqlite2pg/transform/converter.h"

#include <cmath>

#include "sqlite2pg/transform/array.h"
#include "sqlite2pg/transform/decimal.h"
#include "sqlite2pg/transform/inet.h"
#include "sqlite2pg/transform/interval.h"
#include "sqlite2pg/transform/json_canonical.h"
#include "sqlite2pg/transform/timestamp.h"
#include "sqlite2pg/util/text.h"

namespace s2p {
namespace {

// Namespace of every remapped id; changing it would change every remapped UUID.
constexpr Uuid kRemapNamespace = {0xe2, 0x70, 0xda, 0x27, 0x49, 0x69, 0x48, 0xc0,
                                  0xaf, 0xfb, 0xe4, 0xbe, 0xab, 0x7b, 0x8a, 0x15};

const char* storage_name(SqliteType t) {
  switch (t) {
    case SqliteType::integer:
      return "an INTEGER";
    case SqliteType::real:
      return "a REAL";
    case SqliteType::text:
      return "a TEXT";
    case SqliteType::blob:
      return "a BLOB";
    case SqliteType::null:
      return "a NULL";
  }
  return "an unknown";
}

std::string wrong_storage(const SourceValue& v, const char* wanted) {
  return std::string("holds ") + storage_name(v.type) + " value where " + wanted + " is expected";
}

// Text PostgreSQL can store: valid UTF-8 without NUL bytes.
std::string check_text(std::string_view bytes) {
  if (bytes.find('\0') != std::string_view::npos) return "text contains a NUL byte";
  if (!is_valid_utf8(bytes)) return "text is not valid UTF-8";
  return {};
}

std::string to_text(const SourceValue& v, const ConvertContext&, Value& out, std::string& scratch) {
  // Numbers as their exact text (a REAL as its shortest round-trip form), so mixed columns load.
  if (v.type == SqliteType::integer || v.type == SqliteType::real) {
    if (v.type == SqliteType::real && !std::isfinite(v.real)) return "REAL value is not finite";
    scratch = v.type == SqliteType::integer ? std::to_string(v.integer) : format_real(v.real);
    out = {.kind = ValueKind::text, .bytes = scratch};
    return {};
  }
  if (v.type != SqliteType::text) return wrong_storage(v, "TEXT");
  if (auto why = check_text(v.bytes); !why.empty()) return why;
  out = {.kind = ValueKind::text, .bytes = v.bytes};
  return {};
}

std::string to_integer(const SourceValue& v, const ConvertContext&, Value& out, std::string&) {
  if (v.type != SqliteType::integer) return wrong_storage(v, "an INTEGER");
  out = {.kind = ValueKind::integer, .integer = v.integer};
  return {};
}

std::string to_real(const SourceValue& v, const ConvertContext&, Value& out, std::string&) {
  if (v.type == SqliteType::integer) {
    // Beyond 2^53 not every integer has a double; refuse rather than round.
    constexpr std::int64_t kExact = std::int64_t{1} << 53;
    if (v.integer > kExact || v.integer < -kExact) return "integer too large for an exact REAL";
    const auto d = static_cast<double>(v.integer);
    out = {.kind = ValueKind::real, .real = d};
    return {};
  }
  if (v.type != SqliteType::real) return wrong_storage(v, "a REAL");
  out = {.kind = ValueKind::real, .real = v.real};
  return {};
}

std::string to_boolean(const SourceValue& v, const ConvertContext&, Value& out, std::string&) {
  if (v.type != SqliteType::integer) return wrong_storage(v, "an INTEGER 0 or 1");
  if (v.integer != 0 && v.integer != 1) return "boolean must be 0 or 1";
  out = {.kind = ValueKind::boolean, .integer = v.integer};
  return {};
}

std::string to_bytea(const SourceValue& v, const ConvertContext&, Value& out, std::string&) {
  if (v.type != SqliteType::blob && v.type != SqliteType::text) return wrong_storage(v, "a BLOB");
  out = {.kind = ValueKind::bytes, .bytes = v.bytes};
  return {};
}

std::string to_jsonb(const SourceValue& v, const ConvertContext&, Value& out,
                     std::string& scratch) {
  if (v.type != SqliteType::text) return wrong_storage(v, "JSON TEXT");
  scratch.clear();
  if (auto why = canonicalize_jsonb(v.bytes, scratch); !why.empty()) return why;
  out = {.kind = ValueKind::json, .bytes = scratch};
  return {};
}

std::string to_json(const SourceValue& v, const ConvertContext&, Value& out, std::string& scratch) {
  if (v.type != SqliteType::text) return wrong_storage(v, "JSON TEXT");
  if (auto why = check_text(v.bytes); !why.empty()) return why;
  scratch.clear();
  if (auto why = canonicalize_jsonb(v.bytes, scratch); !why.empty()) return why;  // validates
  out = {.kind = ValueKind::json_text, .bytes = v.bytes};
  return {};
}

std::string to_numeric(const SourceValue& v, const ConvertContext&, Value& out,
                       std::string& scratch) {
  if (v.type == SqliteType::integer) {
    scratch = std::to_string(v.integer);
  } else if (v.type == SqliteType::real) {
    if (!std::isfinite(v.real)) return "REAL value is not finite";
    if (auto why = normalize_decimal(format_real(v.real), scratch); !why.empty()) return why;
  } else if (v.type == SqliteType::text) {
    if (auto why = normalize_decimal(v.bytes, scratch); !why.empty()) return why;
  } else {
    return wrong_storage(v, "a decimal TEXT, INTEGER or REAL");
  }
  out = {.kind = ValueKind::numeric, .bytes = scratch};
  return {};
}

std::string to_date(const SourceValue& v, const ConvertContext&, Value& out, std::string&) {
  if (v.type != SqliteType::text) return wrong_storage(v, "date TEXT");
  out = {.kind = ValueKind::date};
  return parse_date_text(v.bytes, out.integer);
}

std::string to_time(const SourceValue& v, const ConvertContext& ctx, Value& out, std::string&) {
  if (v.type != SqliteType::text) return wrong_storage(v, "time TEXT");
  out = {.kind = ValueKind::time};
  return parse_time_text(v.bytes, out.integer, ctx.finer);
}

std::string to_timestamptz(const SourceValue& v, const ConvertContext& ctx, Value& out,
                           std::string&) {
  if (v.type != SqliteType::text) return wrong_storage(v, "timestamp TEXT");
  out = {.kind = ValueKind::timestamp};
  return parse_timestamp_text(v.bytes, out.integer, ctx.finer);
}

std::string from_epoch(const SourceValue& v, EpochUnit unit, Value& out) {
  if (v.type != SqliteType::integer) return wrong_storage(v, "an INTEGER epoch");
  out = {.kind = ValueKind::timestamp};
  return epoch_to_micros(v.integer, unit, out.integer);
}

std::string epoch_s(const SourceValue& v, const ConvertContext&, Value& out, std::string&) {
  return from_epoch(v, EpochUnit::seconds, out);
}

std::string epoch_ms(const SourceValue& v, const ConvertContext&, Value& out, std::string&) {
  return from_epoch(v, EpochUnit::milliseconds, out);
}

std::string to_uuid(const SourceValue& v, const ConvertContext& ctx, Value& out, std::string&) {
  if (v.type != SqliteType::text) return wrong_storage(v, "UUID TEXT");
  if (auto it = ctx.constants.find(v.bytes); it != ctx.constants.end()) {
    out = {.kind = ValueKind::uuid, .uuid = it->second};
    return {};
  }
  auto uuid = parse_uuid(v.bytes);
  if (!uuid) return "not a UUID (expected 8-4-4-4-12 hex digits)";
  out = {.kind = ValueKind::uuid, .uuid = *uuid};
  return {};
}

std::string to_uuid_hex(const SourceValue& v, const ConvertContext&, Value& out, std::string&) {
  if (v.type != SqliteType::text) return wrong_storage(v, "UUID TEXT");
  auto uuid = parse_uuid_hex(v.bytes);
  if (!uuid) uuid = parse_uuid(v.bytes);
  if (!uuid) return "not a UUID (expected 32 hex digits, or 8-4-4-4-12)";
  out = {.kind = ValueKind::uuid, .uuid = *uuid};
  return {};
}

std::string to_interval_micros(const SourceValue& v, const ConvertContext&, Value& out,
                               std::string&) {
  if (v.type != SqliteType::integer) return wrong_storage(v, "INTEGER microseconds");
  out = interval_from_micros(v.integer);
  return {};
}

std::string to_interval(const SourceValue& v, const ConvertContext&, Value& out, std::string&) {
  if (v.type != SqliteType::text) return wrong_storage(v, "interval TEXT");
  return parse_interval_text(v.bytes, out);
}

std::string address(const SourceValue& v, bool cidr, Value& out, std::string& scratch) {
  if (v.type != SqliteType::text) return wrong_storage(v, "address TEXT");
  return parse_inet_text(v.bytes, cidr, scratch, out);
}

std::string to_inet(const SourceValue& v, const ConvertContext&, Value& out, std::string& s) {
  return address(v, false, out, s);
}

std::string to_cidr(const SourceValue& v, const ConvertContext&, Value& out, std::string& s) {
  return address(v, true, out, s);
}

std::string remap(const SourceValue& v, const ConvertContext& ctx, Value& out,
                  std::string& scratch) {
  auto legacy = legacy_id_text(v, scratch);
  if (!legacy) return wrong_storage(v, "a TEXT or INTEGER id");
  if (v.type == SqliteType::text) {
    if (auto why = check_text(v.bytes); !why.empty()) return why;
    if (legacy->empty()) return "empty id";
  }
  if (ctx.recorded) {
    if (const auto at = ctx.recorded->find(*legacy); at != ctx.recorded->end()) {
      out = {.kind = ValueKind::uuid, .uuid = at->second};
      return {};
    }
  }
  out = {.kind = ValueKind::uuid, .uuid = remapped_id(ctx.source, ctx.id_table, *legacy)};
  return {};
}

}  // namespace

const std::vector<Transform>& transforms() {
  static const std::vector<Transform> table = {
      {"text", ValueKind::text, to_text,
       "TEXT as is; INTEGER and REAL as their exact text; into text, varchar(n), char(n), enums"},
      {"integer", ValueKind::integer, to_integer, "INTEGER, range-checked by the target type"},
      {"real", ValueKind::real, to_real, "REAL or INTEGER as double precision"},
      {"boolean", ValueKind::boolean, to_boolean, "INTEGER 0/1 as false/true"},
      {"bytea", ValueKind::bytes, to_bytea, "BLOB bytes exactly"},
      {"jsonb", ValueKind::json, to_jsonb, "JSON text, parsed and validated"},
      {"json", ValueKind::json_text, to_json, "JSON text, validated and kept exactly as written"},
      {"numeric", ValueKind::numeric, to_numeric,
       "decimal TEXT, INTEGER or REAL (shortest round-trip) into numeric(p,s); never rounded"},
      {"date", ValueKind::date, to_date, "YYYY-MM-DD text, or a timestamp text at midnight UTC"},
      {"time", ValueKind::time, to_time, "HH:MM[:SS[.ffffff]] text"},
      {"array", ValueKind::array, to_array,
       "JSON array text (or text split on `separator`) into T[], each element as T's transform"},
      {"timestamptz", ValueKind::timestamp, to_timestamptz, "timestamp text; no zone means UTC"},
      {"epoch_seconds", ValueKind::timestamp, epoch_s, "INTEGER seconds since 1970 UTC"},
      {"epoch_milliseconds", ValueKind::timestamp, epoch_ms, "INTEGER milliseconds since 1970 UTC"},
      {"uuid", ValueKind::uuid, to_uuid, "UUID text, case folded; `constants` map other words"},
      {"interval_microseconds", ValueKind::interval, to_interval_micros,
       "INTEGER microseconds (Django's DurationField) as days and a time, as psycopg2 writes"},
      {"interval", ValueKind::interval, to_interval,
       "ISO 8601 (P1DT2H), PostgreSQL (1 day 02:03:04) or Python (-1 day, 23:59:59) text"},
      {"inet", ValueKind::inet, to_inet, "IPv4 or IPv6 address text, optional /prefix"},
      {"cidr", ValueKind::inet, to_cidr, "IPv4 or IPv6 network text; no bits right of the mask"},
      {"uuid_hex", ValueKind::uuid, to_uuid_hex,
       "UUID as 32 hex digits without dashes (Django's UUIDField in SQLite), or 8-4-4-4-12"},
      {"remap_id", ValueKind::uuid, remap,
       "id kept if UUID-shaped, else a deterministic new UUID (see etl.id_map)", false, true},
      {"to_tsvector", ValueKind::tsvector, to_text,
       "TEXT made a tsvector by PostgreSQL: to_tsvector(config, text), `config` named", true},
  };
  return table;
}

const Transform* find_transform(std::string_view name) {
  for (const auto& t : transforms()) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

Uuid remapped_id(std::string_view source, std::string_view table, std::string_view legacy_id) {
  if (auto uuid = parse_uuid(legacy_id)) return *uuid;
  // NUL separators: no source, table or loadable id contains one, so names cannot run together.
  std::string name;
  name.reserve(source.size() + table.size() + legacy_id.size() + 2);
  name.append(source).push_back('\0');
  name.append(table).push_back('\0');
  name.append(legacy_id);
  return uuid_v5(kRemapNamespace, name);
}

std::optional<std::string_view> legacy_id_text(const SourceValue& v, std::string& scratch) {
  if (v.type == SqliteType::text) return v.bytes;
  if (v.type == SqliteType::integer) {
    scratch = std::to_string(v.integer);
    return std::string_view(scratch);
  }
  return std::nullopt;
}

}  // namespace s2p

#include "sqlite2pg/transform/inverse.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <tuple>
#include <vector>

#include "sqlite2pg/transform/array.h"
#include "sqlite2pg/transform/inet.h"
#include "sqlite2pg/transform/interval.h"
#include "sqlite2pg/util/text.h"

namespace s2p {
namespace {

constexpr std::int64_t kMicrosPerSecond = 1'000'000;

std::string owned_text(std::string_view text, std::string& scratch, SourceValue& out) {
  scratch = text;
  out = {.type = SqliteType::text, .bytes = scratch};
  return {};
}

std::string text_out(std::string_view text, SourceValue& out) {
  out = {.type = SqliteType::text, .bytes = text};
  return {};
}

// ---- The inverses, in the order of transforms() ----

std::string inv_text(const Value& v, const InverseContext&, SourceValue& out, std::string&) {
  // The forward transform refuses what PostgreSQL's text cannot hold; nothing else comes back.
  if (v.bytes.find('\0') != std::string_view::npos || !is_valid_utf8(v.bytes))
    return "text with a NUL byte or invalid UTF-8 has no TEXT the text transform accepts";
  return text_out(v.bytes, out);
}

std::string inv_integer(const Value& v, const InverseContext&, SourceValue& out, std::string&) {
  out = {.type = SqliteType::integer, .integer = v.integer};
  return {};
}

// An array's REAL element, which goes into JSON or delimited text, where -0 keeps its sign.
std::string inv_real_element(const Value& v, const InverseContext&, SourceValue& out,
                             std::string&) {
  if (std::isnan(v.real)) return "NaN has no SQLite REAL (SQLite stores it as NULL)";
  out = {.type = SqliteType::real, .real = v.real};
  return {};
}

std::string inv_real(const Value& v, const InverseContext& ctx, SourceValue& out,
                     std::string& scratch) {
  if (v.real == 0 && std::signbit(v.real)) return "-0 has no SQLite REAL (SQLite stores it as 0)";
  return inv_real_element(v, ctx, out, scratch);
}

std::string inv_boolean(const Value& v, const InverseContext&, SourceValue& out, std::string&) {
  if (v.integer != 0 && v.integer != 1) return "boolean is neither 0 nor 1";
  out = {.type = SqliteType::integer, .integer = v.integer};
  return {};
}

std::string inv_bytea(const Value& v, const InverseContext&, SourceValue& out, std::string&) {
  out = {.type = SqliteType::blob, .bytes = v.bytes};
  return {};
}

std::string inv_jsonb(const Value& v, const InverseContext&, SourceValue& out,
                      std::string& scratch) {
  scratch = compact_json(v.bytes);
  return text_out(scratch, out);
}

std::string inv_json(const Value& v, const InverseContext&, SourceValue& out, std::string&) {
  return text_out(v.bytes, out);
}

std::string inv_numeric(const Value& v, const InverseContext&, SourceValue& out, std::string&) {
  return text_out(v.bytes, out);  // numeric's plain text is already normalize_decimal's form
}

// Dates, times and timestamps: written, then read back as the forward transform reads them, so
// a value outside what it reads (years beyond 0001..9999, times past 24:00) is refused.
std::string inv_date(const Value& v, const InverseContext&, SourceValue& out,
                     std::string& scratch) {
  scratch = format_date(v.integer);
  std::int64_t back = 0;
  if (!parse_date_text(scratch, back).empty() || back != v.integer)
    return "date " + scratch + " is outside the years 0001 to 9999";
  return text_out(scratch, out);
}

std::string inv_time(const Value& v, const InverseContext&, SourceValue& out,
                     std::string& scratch) {
  scratch = v.integer >= 0 ? format_time(v.integer) : "";
  std::int64_t back = 0;
  if (!parse_time_text(scratch, back).empty() || back != v.integer)
    return "time of day of " + std::to_string(v.integer) + " microseconds is out of range";
  return text_out(scratch, out);
}

std::string inv_timestamptz(const Value& v, const InverseContext& ctx, SourceValue& out,
                            std::string& scratch) {
  scratch = format_timestamp_as(v.integer, ctx.timestamp);
  UnixMicros back = 0;
  if (!parse_timestamp_text(scratch, back, FinerFraction::truncate).empty() || back != v.integer)
    return "timestamp " + scratch + " is outside the years 0001 to 9999";
  return text_out(scratch, out);
}

std::string inv_epoch(const Value& v, EpochUnit unit, SourceValue& out) {
  const std::int64_t per_unit = unit == EpochUnit::seconds ? kMicrosPerSecond : 1000;
  const char* what = unit == EpochUnit::seconds ? "a whole second; epoch_seconds"
                                                : "a whole millisecond; epoch_milliseconds";
  if (v.integer % per_unit != 0)
    return format_timestamp_utc(v.integer) + " is not " + what + " has no place for its fraction";
  UnixMicros back = 0;
  if (auto why = epoch_to_micros(v.integer / per_unit, unit, back); !why.empty()) return why;
  out = {.type = SqliteType::integer, .integer = v.integer / per_unit};
  return {};
}

std::string inv_epoch_s(const Value& v, const InverseContext&, SourceValue& out, std::string&) {
  return inv_epoch(v, EpochUnit::seconds, out);
}

std::string inv_epoch_ms(const Value& v, const InverseContext&, SourceValue& out, std::string&) {
  return inv_epoch(v, EpochUnit::milliseconds, out);
}

// A constants word where one maps to the UUID; else its text, in a letter case no word takes
// (the forward transform looks words up before it reads a UUID).
std::string inv_interval_micros(const Value& v, const InverseContext&, SourceValue& out,
                                std::string&) {
  std::int64_t micros = 0;
  if (!interval_micros(v, micros))
    return "interval " + format_interval_iso(v) + " has months or is beyond 64-bit microseconds";
  out = {.type = SqliteType::integer, .integer = micros};
  return {};
}

std::string inv_interval(const Value& v, const InverseContext&, SourceValue& out,
                         std::string& scratch) {
  return owned_text(format_interval_iso(v), scratch, out);
}

std::string inv_inet(const Value& v, const InverseContext&, SourceValue& out,
                     std::string& scratch) {
  scratch = format_inet(v.bytes);
  if (scratch.empty()) return "not an inet or cidr value";
  return text_out(scratch, out);
}

// PostgreSQL keeps only the lexemes; the text they came from is not in the target.
std::string inv_tsvector(const Value&, const InverseContext&, SourceValue&, std::string&) {
  return "a tsvector PostgreSQL computed with to_tsvector: the text it came from is not in "
         "PostgreSQL, so a row changed there cannot be written back";
}

std::string inv_uuid_hex(const Value& v, const InverseContext&, SourceValue& out,
                         std::string& scratch) {
  return owned_text(format_uuid_hex(v.uuid), scratch, out);
}

std::string inv_uuid(const Value& v, const InverseContext& ctx, SourceValue& out,
                     std::string& scratch) {
  static const std::map<std::string, Uuid, std::less<>> kNone;
  const auto& constants = ctx.convert ? ctx.convert->constants : kNone;
  for (const auto& [word, uuid] : constants) {
    if (uuid == v.uuid) return owned_text(word, scratch, out);
  }
  const std::string lower = format_uuid(v.uuid);
  if (!constants.count(lower)) return owned_text(lower, scratch, out);
  if (const std::string upper = ascii_upper(lower); !constants.count(upper))
    return owned_text(upper, scratch, out);
  return "UUID " + lower + " is written as a constants word that maps to another UUID";
}

// What the forward remap gives `id`: an id etl.id_map pairs with another UUID first.
bool remaps_to(const ConvertContext& c, const std::string& id, const Uuid& uuid) {
  if (c.recorded) {
    if (const auto at = c.recorded->find(id); at != c.recorded->end()) return at->second == uuid;
  }
  return remapped_id(c.source, c.id_table, id) == uuid;
}

std::string inv_remap_legacy(const Value& v, const InverseContext& ctx, const std::string& id,
                             SourceValue& out, std::string& scratch) {
  if (id.empty() || id.find('\0') != std::string::npos || !is_valid_utf8(id))
    return "etl.id_map's legacy id for " + format_uuid(v.uuid) + " is not a loadable id";
  if (ctx.convert && !remaps_to(*ctx.convert, id, v.uuid))
    return "etl.id_map's legacy id " + excerpt(id) + " does not remap to " + format_uuid(v.uuid);
  scratch = id;
  if (const auto n = ctx.integer_column ? canonical_integer(scratch) : std::nullopt) {
    out = {.type = SqliteType::integer, .integer = *n};
    return {};
  }
  return text_out(scratch, out);
}

std::string inv_remap_id(const Value& v, const InverseContext& ctx, SourceValue& out,
                         std::string& scratch) {
  if (auto id = ctx.legacy_id ? ctx.legacy_id(v.uuid) : std::nullopt)
    return inv_remap_legacy(v, ctx, *id, out, scratch);
  if (ctx.integer_column)
    return "UUID " + format_uuid(v.uuid) + " has no legacy INTEGER id in etl.id_map";
  // The forward transform keeps a UUID-shaped id as the UUID it is.
  return owned_text(format_uuid(v.uuid), scratch, out);
}

std::string inv_array(const Value& v, const InverseContext& ctx, SourceValue& out,
                      std::string& scratch);

struct Inverse {
  std::string_view transform;
  InvertFn invert;
};

const std::vector<Inverse>& inverses() {
  static const std::vector<Inverse> table = {
      {"text", inv_text},
      {"integer", inv_integer},
      {"real", inv_real},
      {"boolean", inv_boolean},
      {"bytea", inv_bytea},
      {"jsonb", inv_jsonb},
      {"json", inv_json},
      {"numeric", inv_numeric},
      {"date", inv_date},
      {"time", inv_time},
      {"array", inv_array},
      {"timestamptz", inv_timestamptz},
      {"epoch_seconds", inv_epoch_s},
      {"epoch_milliseconds", inv_epoch_ms},
      {"uuid", inv_uuid},
      {"interval_microseconds", inv_interval_micros},
      {"interval", inv_interval},
      {"inet", inv_inet},
      {"cidr", inv_inet},
      {"uuid_hex", inv_uuid_hex},
      {"remap_id", inv_remap_id},
      {"to_tsvector", inv_tsvector},
  };
  return table;
}

std::string inv_array(const Value& v, const InverseContext& ctx, SourceValue& out,
                      std::string& scratch) {
  if (!ctx.convert || !ctx.convert->element) return "array without an element transform";
  InvertFn element = find_inverse(ctx.convert->element->name);
  if (element == inv_real) element = inv_real_element;
  if (!element || element == inv_array)
    return "array elements of transform " + std::string(ctx.convert->element->name) +
           " have no inverse";
  return invert_array(v, ctx, element, out, scratch);
}

}  // namespace

std::string compact_json(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  bool in_string = false, escaped = false;
  for (const char c : json) {
    if (in_string) {
      in_string = escaped || c != '"';
      escaped = !escaped && c == '\\';
    } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      continue;
    } else {
      in_string = c == '"';
    }
    out.push_back(c);
  }
  return out;
}

std::optional<std::int64_t> canonical_integer(std::string_view text) {
  std::int64_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || std::to_string(n) != text)
    return std::nullopt;
  return n;
}

InvertFn find_inverse(std::string_view transform) {
  for (const auto& i : inverses()) {
    if (i.transform == transform) return i.invert;
  }
  return nullptr;
}

}  // namespace s2p

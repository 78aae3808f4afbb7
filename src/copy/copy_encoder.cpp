#include "sqlite2pg/copy/copy_encoder.h"

#include <bit>
#include <cmath>
#include <limits>

#include "sqlite2pg/transform/inet.h"
#include "sqlite2pg/transform/interval.h"
#include "sqlite2pg/transform/timestamp.h"
#include "sqlite2pg/transform/tsvector.h"
#include "sqlite2pg/util/text.h"
#include "type_codecs.h"

namespace s2p {
namespace {

// PostgreSQL's timestamp epoch is 2000-01-01T00:00:00Z.
constexpr std::int64_t kPgEpochOffsetMicros = 946'684'800'000'000;
constexpr std::int64_t kPgEpochOffsetDays = 10'957;

template <typename Int>
std::string encode_int(const Value& v, const TypeParams&, std::string& out) {
  if (v.integer < std::numeric_limits<Int>::min() || v.integer > std::numeric_limits<Int>::max()) {
    return "integer " + std::to_string(v.integer) + " is out of range for " +
           std::to_string(sizeof(Int) * 8) + "-bit target column";
  }
  const auto u = static_cast<std::make_unsigned_t<Int>>(static_cast<Int>(v.integer));
  if constexpr (sizeof(Int) == 2) put_u16(out, u);
  if constexpr (sizeof(Int) == 4) put_u32(out, u);
  if constexpr (sizeof(Int) == 8) put_u64(out, u);
  return {};
}

std::string encode_float8(const Value& v, const TypeParams&, std::string& out) {
  put_u64(out, std::bit_cast<std::uint64_t>(v.real));
  return {};
}

std::string encode_float4(const Value& v, const TypeParams&, std::string& out) {
  // Out-of-range doubles cannot even be converted to float without undefined behaviour.
  const bool in_range = std::isnan(v.real) || std::isinf(v.real) ||
                        std::fabs(v.real) <= static_cast<double>(std::numeric_limits<float>::max());
  const auto f = in_range ? static_cast<float>(v.real) : 0.0f;
  if (!in_range || (static_cast<double>(f) != v.real && !std::isnan(v.real))) {
    return "value does not fit a real (float4) column exactly";
  }
  put_u32(out, std::bit_cast<std::uint32_t>(f));
  return {};
}

std::string encode_bool(const Value& v, const TypeParams&, std::string& out) {
  out.push_back(v.integer ? 1 : 0);
  return {};
}

std::string encode_bytes(const Value& v, const TypeParams&, std::string& out) {
  out.append(v.bytes);
  return {};
}

std::string encode_uuid(const Value& v, const TypeParams&, std::string& out) {
  out.append(reinterpret_cast<const char*>(v.uuid.data()), v.uuid.size());
  return {};
}

std::string encode_timestamp(const Value& v, const TypeParams&, std::string& out) {
  put_u64(out, static_cast<std::uint64_t>(v.integer - kPgEpochOffsetMicros));
  return {};
}

// interval: int64 microseconds, int32 days, int32 months.
std::string encode_interval(const Value& v, const TypeParams&, std::string& out) {
  put_u64(out, static_cast<std::uint64_t>(v.integer));
  put_u32(out, static_cast<std::uint32_t>(v.days));
  put_u32(out, static_cast<std::uint32_t>(v.months));
  return {};
}

std::string encode_jsonb(const Value& v, const TypeParams&, std::string& out) {
  out.push_back(1);  // jsonb binary format version
  out.append(v.bytes);
  return {};
}

std::string encode_date(const Value& v, const TypeParams&, std::string& out) {
  const std::int64_t days = v.integer - kPgEpochOffsetDays;
  if (days < std::numeric_limits<std::int32_t>::min() ||
      days > std::numeric_limits<std::int32_t>::max())
    return "date out of range";
  put_u32(out, static_cast<std::uint32_t>(static_cast<std::int32_t>(days)));
  return {};
}

std::string encode_time(const Value& v, const TypeParams&, std::string& out) {
  put_u64(out, static_cast<std::uint64_t>(v.integer));
  return {};
}

std::int64_t be_signed(std::string_view b) {
  std::uint64_t v = get_be(b, 0, b.size());
  const auto bits = static_cast<int>(b.size() * 8);
  if (bits > 0 && bits < 64 && (v >> (bits - 1)) & 1) v |= ~std::uint64_t{0} << bits;
  return static_cast<std::int64_t>(v);
}

std::string show_int(std::string_view b, const TypeParams&) { return std::to_string(be_signed(b)); }

std::string show_float(std::string_view b, const TypeParams&) {
  if (b.size() == 4) return format_real(std::bit_cast<float>(get_u32(b, 0)));
  return b.size() == 8 ? format_real(std::bit_cast<double>(get_u64(b, 0))) : "?";
}

std::string show_bool(std::string_view b, const TypeParams&) {
  return b == std::string_view("\1", 1) ? "true" : "false";
}

std::string show_text(std::string_view b, const TypeParams&) { return excerpt(b, 80); }

std::string show_bytes(std::string_view b, const TypeParams&) {
  std::string out = "\\x";
  append_hex(out, b.substr(0, 32));
  return b.size() > 32 ? out + "... (" + std::to_string(b.size()) + " bytes)" : out;
}

std::string show_uuid(std::string_view b, const TypeParams&) {
  if (b.size() != 16) return "?";
  Uuid u;
  std::copy(b.begin(), b.end(), u.begin());
  return format_uuid(u);
}

std::string show_timestamp(std::string_view b, const TypeParams&) {
  return b.size() == 8 ? format_timestamp_utc(be_signed(b) + kPgEpochOffsetMicros) : "?";
}

std::string show_interval(std::string_view b, const TypeParams&) {
  if (b.size() != 16) return "?";
  return format_interval_iso({.kind = ValueKind::interval,
                              .integer = be_signed(b.substr(0, 8)),
                              .days = static_cast<std::int32_t>(be_signed(b.substr(8, 4))),
                              .months = static_cast<std::int32_t>(be_signed(b.substr(12, 4)))});
}

std::string show_inet(std::string_view b, const TypeParams&) {
  const auto text = format_inet(b);
  return text.empty() ? "?" : text;
}

std::string show_tsvector(std::string_view b, const TypeParams&) {
  return format_tsvector(b).value_or("?");
}

std::string show_jsonb(std::string_view b, const TypeParams& p) {
  return show_text(b.substr(std::min<std::size_t>(1, b.size())), p);
}

std::string show_date(std::string_view b, const TypeParams&) {
  return b.size() == 4 ? format_date(be_signed(b) + kPgEpochOffsetDays) : "?";
}

std::string show_time(std::string_view b, const TypeParams&) {
  return b.size() == 8 ? format_time(be_signed(b)) : "?";
}

}  // namespace

const std::vector<TargetEncoder>& encoders() {
  using K = ValueKind;  // "array" and "enum" stand for every array and enum type
  static const std::vector<TargetEncoder> table = {
      {"text", K::text, encode_bytes, show_text},
      {"varchar", K::text, encode_varchar, show_text},
      {"bpchar", K::text, encode_bpchar, show_text},
      {"enum", K::text, encode_enum, show_text},
      {"int2", K::integer, encode_int<std::int16_t>, show_int},
      {"int4", K::integer, encode_int<std::int32_t>, show_int},
      {"int8", K::integer, encode_int<std::int64_t>, show_int},
      {"float4", K::real, encode_float4, show_float},
      {"float8", K::real, encode_float8, show_float},
      {"numeric", K::numeric, encode_numeric, show_numeric},
      {"bool", K::boolean, encode_bool, show_bool},
      {"bytea", K::bytes, encode_bytes, show_bytes},
      {"uuid", K::uuid, encode_uuid, show_uuid},
      {"timestamptz", K::timestamp, encode_timestamp, show_timestamp},
      {"timestamp", K::timestamp, encode_timestamp, show_timestamp},
      {"date", K::date, encode_date, show_date},
      {"time", K::time, encode_time, show_time},
      {"interval", K::interval, encode_interval, show_interval},
      {"inet", K::inet, encode_bytes, show_inet},
      {"cidr", K::inet, encode_bytes, show_inet},
      {"tsvector", K::tsvector, encode_bytes, show_tsvector},
      {"jsonb", K::json, encode_jsonb, show_jsonb},
      {"json", K::json_text, encode_bytes, show_text},
      {"array", K::array, encode_array, show_array},
  };
  return table;
}

const TargetEncoder* find_encoder(std::string_view pg_type) {
  for (const auto& e : encoders()) {
    if (e.pg_type == pg_type) return &e;
  }
  return nullptr;
}

std::string_view CopyEncoder::header() {
  static constexpr char kHeader[] = "PGCOPY\n\377\r\n\0\0\0\0\0\0\0\0\0";
  return {kHeader, 19};
}

std::string_view CopyEncoder::trailer() {
  static constexpr char kTrailer[] = "\377\377";
  return {kTrailer, 2};
}

void CopyEncoder::begin_row(std::uint16_t fields) {
  row_start_ = buffer_.size();
  put_u16(buffer_, fields);
}

void CopyEncoder::add_null() { put_u32(buffer_, 0xffffffffu); }

std::string CopyEncoder::add(const ColumnWriter& writer, const Value& value) {
  const std::size_t length_at = buffer_.size();
  put_u32(buffer_, 0);  // length, patched below once known
  if (auto why = writer.encode(value, buffer_); !why.empty()) return why;
  const std::size_t length = buffer_.size() - length_at - 4;
  if (length > 0x7fffffffu) return "value larger than PostgreSQL's 1 GB field limit";
  std::string len;
  put_u32(len, static_cast<std::uint32_t>(length));
  buffer_.replace(length_at, 4, len);
  return {};
}

std::string_view CopyEncoder::finish_row() { return std::string_view(buffer_).substr(row_start_); }

}  // namespace s2p

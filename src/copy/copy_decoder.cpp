#include "sqlite2pg/copy/copy_decoder.h"

#include <algorithm>
#include <bit>
#include <cstdio>
#include <limits>

#include "sqlite2pg/transform/array.h"
#include "sqlite2pg/transform/inet.h"
#include "sqlite2pg/transform/tsvector.h"
#include "sqlite2pg/util/bytes.h"

namespace s2p {
namespace {

// PostgreSQL's epoch is 2000-01-01T00:00:00Z, as in copy_encoder.cpp.
constexpr std::int64_t kPgEpochOffsetMicros = 946'684'800'000'000;
constexpr std::int64_t kPgEpochOffsetDays = 10'957;
constexpr std::int64_t kMicrosPerDay = 86'400'000'000;

using DecodeFn = std::string (*)(std::string_view b, const TypeParams& p, Value& out,
                                 std::string& scratch);

std::string wrong_size(std::string_view b, std::size_t expected, const char* type) {
  return std::to_string(b.size()) + "-byte field where " + type + " has " +
         std::to_string(expected) + " bytes";
}

std::int64_t be_signed(std::string_view b) {
  std::uint64_t v = get_be(b, 0, b.size());
  const auto bits = static_cast<int>(b.size() * 8);
  if (bits > 0 && bits < 64 && (v >> (bits - 1)) & 1) v |= ~std::uint64_t{0} << bits;
  return static_cast<std::int64_t>(v);
}

std::string decode_text(std::string_view b, const TypeParams&, Value& out, std::string&) {
  out = {.kind = ValueKind::text, .bytes = b};
  return {};
}

template <typename Int>
std::string decode_int(std::string_view b, const TypeParams&, Value& out, std::string&) {
  if (b.size() != sizeof(Int)) return wrong_size(b, sizeof(Int), "an integer");
  out = {.kind = ValueKind::integer, .integer = be_signed(b)};
  return {};
}

std::string decode_float4(std::string_view b, const TypeParams&, Value& out, std::string&) {
  if (b.size() != 4) return wrong_size(b, 4, "real");
  out = {.kind = ValueKind::real, .real = std::bit_cast<float>(get_u32(b, 0))};
  return {};
}

std::string decode_float8(std::string_view b, const TypeParams&, Value& out, std::string&) {
  if (b.size() != 8) return wrong_size(b, 8, "double precision");
  out = {.kind = ValueKind::real, .real = std::bit_cast<double>(get_u64(b, 0))};
  return {};
}

std::string decode_bool(std::string_view b, const TypeParams&, Value& out, std::string&) {
  if (b.size() != 1) return wrong_size(b, 1, "boolean");
  if (b[0] != 0 && b[0] != 1) return "boolean byte is neither 0 nor 1";
  out = {.kind = ValueKind::boolean, .integer = b[0]};
  return {};
}

std::string decode_bytes(std::string_view b, const TypeParams&, Value& out, std::string&) {
  out = {.kind = ValueKind::bytes, .bytes = b};
  return {};
}

std::string decode_uuid(std::string_view b, const TypeParams&, Value& out, std::string&) {
  if (b.size() != 16) return wrong_size(b, 16, "uuid");
  out = {.kind = ValueKind::uuid};
  std::copy(b.begin(), b.end(), out.uuid.begin());
  return {};
}

std::string decode_timestamp(std::string_view b, const TypeParams&, Value& out, std::string&) {
  if (b.size() != 8) return wrong_size(b, 8, "timestamp");
  const std::int64_t pg = be_signed(b);
  // PostgreSQL's -infinity and infinity are the extreme int64 values; SQLite has no such time.
  if (pg == std::numeric_limits<std::int64_t>::min())
    return "timestamp -infinity has no SQLite value";
  if (pg == std::numeric_limits<std::int64_t>::max())
    return "timestamp infinity has no SQLite value";
  if (pg > std::numeric_limits<std::int64_t>::max() - kPgEpochOffsetMicros)
    return "timestamp out of range";
  out = {.kind = ValueKind::timestamp, .integer = pg + kPgEpochOffsetMicros};
  return {};
}

std::string decode_date(std::string_view b, const TypeParams&, Value& out, std::string&) {
  if (b.size() != 4) return wrong_size(b, 4, "date");
  const std::int64_t pg = be_signed(b);
  if (pg == std::numeric_limits<std::int32_t>::min()) return "date -infinity has no SQLite value";
  if (pg == std::numeric_limits<std::int32_t>::max()) return "date infinity has no SQLite value";
  out = {.kind = ValueKind::date, .integer = pg + kPgEpochOffsetDays};
  return {};
}

std::string decode_time(std::string_view b, const TypeParams&, Value& out, std::string&) {
  if (b.size() != 8) return wrong_size(b, 8, "time");
  const std::int64_t micros = be_signed(b);
  if (micros < 0 || micros > kMicrosPerDay) return "time of day out of range";
  out = {.kind = ValueKind::time, .integer = micros};
  return {};
}

std::string decode_jsonb(std::string_view b, const TypeParams&, Value& out, std::string&) {
  if (b.empty()) return "empty jsonb field (no version byte)";
  if (b[0] != 1)
    return "jsonb binary format version " + std::to_string(static_cast<unsigned char>(b[0])) +
           " is not 1";
  out = {.kind = ValueKind::json, .bytes = b.substr(1)};
  return {};
}

std::string decode_interval(std::string_view b, const TypeParams&, Value& out, std::string&) {
  if (b.size() != 16) return wrong_size(b, 16, "interval");
  out = {.kind = ValueKind::interval,
         .integer = be_signed(b.substr(0, 8)),
         .days = static_cast<std::int32_t>(be_signed(b.substr(8, 4))),
         .months = static_cast<std::int32_t>(be_signed(b.substr(12, 4)))};
  return {};
}

std::string decode_inet(std::string_view b, const TypeParams&, Value& out, std::string&) {
  if (format_inet(b).empty()) return "not a binary inet or cidr value";
  out = {.kind = ValueKind::inet, .bytes = b};
  return {};
}

std::string decode_tsvector(std::string_view b, const TypeParams&, Value& out, std::string&) {
  if (!format_tsvector(b)) return "not a binary tsvector value";
  out = {.kind = ValueKind::tsvector, .bytes = b};
  return {};
}

std::string decode_json(std::string_view b, const TypeParams&, Value& out, std::string&) {
  out = {.kind = ValueKind::json_text, .bytes = b};
  return {};
}

// numeric: int16 ndigits, weight, sign, dscale, then base-10000 digits (numeric_binary.cpp).
constexpr std::uint16_t kNegative = 0x4000;
constexpr std::uint16_t kNaN = 0xC000;
constexpr std::uint16_t kPlusInfinity = 0xD000;
constexpr std::uint16_t kMinusInfinity = 0xF000;
constexpr int kMaxDscale = 0x3FFF;

std::string numeric_sign(std::uint16_t sign) {
  if (sign == kNaN) return "numeric NaN is not a decimal number SQLite can hold";
  if (sign == kPlusInfinity || sign == kMinusInfinity)
    return "numeric Infinity is not a decimal number SQLite can hold";
  if (sign != 0 && sign != kNegative) return "malformed numeric (unknown sign)";
  return {};
}

// Digit i stands at power 10000^(weight - i); powers outside the digits are zeros.
struct NumericDigits {
  std::string_view b;
  int n, weight;
  unsigned at(int power) const {
    const int i = weight - power;
    return i >= 0 && i < n ? get_u16(b, 8 + 2 * static_cast<std::size_t>(i)) : 0u;
  }
};

std::string check_digits(const NumericDigits& d, int lowest_power) {
  for (int i = 0; i < d.n; ++i) {
    const unsigned digit = d.at(d.weight - i);
    if (digit > 9999) return "malformed numeric (a base-10000 digit above 9999)";
    if (digit != 0 && d.weight - i < lowest_power)
      return "malformed numeric (digits beyond its display scale)";
  }
  return {};
}

void append_group(std::string& out, unsigned digit) {
  char text[8];
  std::snprintf(text, sizeof text, "%04u", digit);
  out += text;
}

std::string decode_numeric(std::string_view b, const TypeParams&, Value& out,
                           std::string& scratch) {
  if (b.size() < 8) return "malformed numeric (shorter than its header)";
  const NumericDigits d{b, get_u16(b, 0), static_cast<std::int16_t>(get_u16(b, 2))};
  const std::uint16_t sign = get_u16(b, 4);
  const int dscale = get_u16(b, 6);
  if (auto why = numeric_sign(sign); !why.empty()) return why;
  if (b.size() != 8 + 2 * static_cast<std::size_t>(d.n)) return "malformed numeric (length)";
  if (dscale > kMaxDscale) return "malformed numeric (display scale)";
  const int groups = (dscale + 3) / 4;  // base-10000 digits after the point
  if (auto why = check_digits(d, -groups); !why.empty()) return why;
  std::string whole, fraction;
  for (int power = std::max(d.weight, 0); power >= 0; --power) append_group(whole, d.at(power));
  for (int power = -1; power >= -groups; --power) append_group(fraction, d.at(power));
  whole.erase(0, std::min(whole.find_first_not_of('0'), whole.size() - 1));
  if (fraction.find_first_not_of('0', static_cast<std::size_t>(dscale)) != std::string::npos)
    return "malformed numeric (digits beyond its display scale)";
  fraction.resize(static_cast<std::size_t>(dscale));
  const bool zero = whole == "0" && fraction.find_first_not_of('0') == std::string::npos;
  scratch = (sign == kNegative && !zero ? "-" : "") + whole + (dscale ? "." + fraction : "");
  out = {.kind = ValueKind::numeric, .bytes = scratch};
  return {};
}

// array: int32 dimensions, has-nulls flag, element oid, per dimension length and lower bound,
// then the elements as fields (array_binary.cpp).
std::string array_header(std::string_view b, const TypeParams& p, std::uint32_t& count,
                         std::size_t& at) {
  if (!p.element || !p.element->encoder) return "array of a type without a reader";
  if (b.size() < 12) return "malformed array (shorter than its header)";
  const std::uint32_t dims = get_u32(b, 0);
  if (get_u32(b, 8) != p.element_oid)
    return "array element type oid " + std::to_string(get_u32(b, 8)) + " is not the column's " +
           std::to_string(p.element_oid);
  count = 0;
  at = 12;
  if (dims == 0) return {};
  if (dims != 1) return "arrays of " + std::to_string(dims) + " dimensions have no SQLite form";
  if (b.size() < 20) return "malformed array (shorter than its header)";
  if (get_u32(b, 16) != 1) return "arrays whose lower bound is not 1 have no SQLite form";
  count = get_u32(b, 12);
  at = 20;
  return {};
}

std::string array_element(std::string_view b, std::size_t& at, const ColumnWriter& element,
                          Value& e, std::string& scratch) {
  if (b.size() - at < 4) return "malformed array (an element's length is cut off)";
  const std::uint32_t len = get_u32(b, at);
  at += 4;
  if (len == 0xffffffffu) {
    e = {};
    return {};
  }
  if (b.size() - at < len) return "malformed array (an element is cut off)";
  at += len;
  return decode_field(element, b.substr(at - len, len), e, scratch);
}

std::string decode_array(std::string_view b, const TypeParams& p, Value& out,
                         std::string& scratch) {
  std::uint32_t count = 0;
  std::size_t at = 0;
  if (auto why = array_header(b, p, count, at); !why.empty()) return why;
  scratch.clear();
  std::string element_scratch;
  for (std::uint32_t i = 0; i < count; ++i) {
    Value e;
    if (auto why = array_element(b, at, *p.element, e, element_scratch); !why.empty())
      return "element " + std::to_string(i + 1) + ": " + why;
    pack_element(e, scratch);
  }
  if (at != b.size()) return "malformed array (bytes after its last element)";
  out = {.kind = ValueKind::array, .integer = count, .bytes = scratch};
  return {};
}

struct TargetDecoder {
  std::string_view pg_type;  // as in encoders(): "enum" and "array" stand for every one
  DecodeFn decode;
};

const std::vector<TargetDecoder>& decoders() {
  static const std::vector<TargetDecoder> table = {
      {"text", decode_text},
      {"varchar", decode_text},
      {"bpchar", decode_text},  // blank-padded as stored, which char(n) encodes back the same
      {"enum", decode_text},
      {"int2", decode_int<std::int16_t>},
      {"int4", decode_int<std::int32_t>},
      {"int8", decode_int<std::int64_t>},
      {"float4", decode_float4},
      {"float8", decode_float8},
      {"numeric", decode_numeric},
      {"bool", decode_bool},
      {"bytea", decode_bytes},
      {"uuid", decode_uuid},
      {"timestamptz", decode_timestamp},
      {"timestamp", decode_timestamp},
      {"date", decode_date},
      {"time", decode_time},
      {"interval", decode_interval},
      {"inet", decode_inet},
      {"cidr", decode_inet},
      {"tsvector", decode_tsvector},
      {"jsonb", decode_jsonb},
      {"json", decode_json},
      {"array", decode_array},
  };
  return table;
}

}  // namespace

std::string decode_field(const ColumnWriter& writer, std::string_view bytes, Value& out,
                         std::string& scratch) {
  if (!writer.encoder) return "a type the loader cannot write has no reader";
  for (const auto& d : decoders()) {
    if (d.pg_type == writer.encoder->pg_type) return d.decode(bytes, writer.params, out, scratch);
  }
  return "no reader for type " + std::string(writer.encoder->pg_type);
}

std::vector<std::optional<std::string_view>> tuple_fields(std::string_view tuple) {
  std::vector<std::optional<std::string_view>> out;
  if (tuple.size() < 2) return out;
  std::size_t at = 2;
  for (std::uint16_t i = 0, n = get_u16(tuple, 0); i < n && at + 4 <= tuple.size(); ++i) {
    const std::uint32_t len = get_u32(tuple, at);
    at += 4;
    if (len == 0xffffffffu) {
      out.emplace_back();
      continue;
    }
    if (len > tuple.size() - at) break;  // a cut-off field is not a field
    out.emplace_back(tuple.substr(at, len));
    at += len;
  }
  return out;
}

}  // namespace s2p

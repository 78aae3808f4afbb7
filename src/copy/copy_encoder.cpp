#include "sqlite2pg/copy/copy_encoder.h"

#include <bit>
#include <cmath>
#include <limits>

namespace s2p {
namespace {

// PostgreSQL's timestamp epoch is 2000-01-01T00:00:00Z.
constexpr std::int64_t kPgEpochOffsetMicros = 946'684'800'000'000;

template <typename Int>
std::string encode_int(const Value& v, std::string& out) {
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

std::string encode_float8(const Value& v, std::string& out) {
  put_u64(out, std::bit_cast<std::uint64_t>(v.real));
  return {};
}

std::string encode_float4(const Value& v, std::string& out) {
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

std::string encode_bool(const Value& v, std::string& out) {
  out.push_back(v.integer ? 1 : 0);
  return {};
}

std::string encode_bytes(const Value& v, std::string& out) {
  out.append(v.bytes);
  return {};
}

std::string encode_uuid(const Value& v, std::string& out) {
  out.append(reinterpret_cast<const char*>(v.uuid.data()), v.uuid.size());
  return {};
}

std::string encode_timestamp(const Value& v, std::string& out) {
  put_u64(out, static_cast<std::uint64_t>(v.integer - kPgEpochOffsetMicros));
  return {};
}

std::string encode_jsonb(const Value& v, std::string& out) {
  out.push_back(1);  // jsonb binary format version
  out.append(v.bytes);
  return {};
}

}  // namespace

const std::vector<TargetEncoder>& encoders() {
  static const std::vector<TargetEncoder> table = {
      {"text", ValueKind::text, encode_bytes},
      {"varchar", ValueKind::text, encode_bytes},
      {"int2", ValueKind::integer, encode_int<std::int16_t>},
      {"int4", ValueKind::integer, encode_int<std::int32_t>},
      {"int8", ValueKind::integer, encode_int<std::int64_t>},
      {"float4", ValueKind::real, encode_float4},
      {"float8", ValueKind::real, encode_float8},
      {"bool", ValueKind::boolean, encode_bool},
      {"bytea", ValueKind::bytes, encode_bytes},
      {"uuid", ValueKind::uuid, encode_uuid},
      {"timestamptz", ValueKind::timestamp, encode_timestamp},
      {"timestamp", ValueKind::timestamp, encode_timestamp},
      {"jsonb", ValueKind::json, encode_jsonb},
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

std::string CopyEncoder::add(const TargetEncoder& encoder, const Value& value) {
  const std::size_t length_at = buffer_.size();
  put_u32(buffer_, 0);  // length, patched below once known
  if (auto why = encoder.encode(value, buffer_); !why.empty()) return why;
  const std::size_t length = buffer_.size() - length_at - 4;
  if (length > 0x7fffffffu) return "value larger than PostgreSQL's 1 GB field limit";
  std::string len;
  put_u32(len, static_cast<std::uint32_t>(length));
  buffer_.replace(length_at, 4, len);
  return {};
}

std::string_view CopyEncoder::finish_row() { return std::string_view(buffer_).substr(row_start_); }

}  // namespace s2p

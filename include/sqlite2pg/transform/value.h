#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "sqlite2pg/util/uuid.h"

namespace s2p {

// A value as SQLite stores it: the storage class is per value, not per column.
enum class SqliteType : std::uint8_t { integer = 1, real = 2, text = 3, blob = 4, null = 5 };

struct SourceValue {
  SqliteType type = SqliteType::null;
  std::int64_t integer = 0;
  double real = 0;
  std::string_view bytes;  // text or blob, borrowed from SQLite until the next step
};

// A transformed value, typed by what it means; the target column's encoder turns it into
// PostgreSQL's binary form.
enum class ValueKind : std::uint8_t {
  null,
  integer,
  real,
  boolean,
  text,
  bytes,
  uuid,
  timestamp,
  json,       // canonical jsonb text
  json_text,  // JSON kept exactly as written, for json columns
  numeric,    // plain decimal text, "-12.50" (see normalize_decimal)
  date,       // days since 1970-01-01
  time,       // microseconds since midnight
  array,      // packed converted elements (see transform/array.h); integer: their count
  interval,   // integer: microseconds; days, months apart
  inet,       // PostgreSQL's binary inet/cidr body (see transform/inet.h)
  tsvector    // PostgreSQL's binary tsvector body, as PostgreSQL computed it (transform/tsvector.h)
};

struct Value {
  ValueKind kind = ValueKind::null;
  // integer, boolean (0/1), timestamp (microseconds since 1970 UTC), date, time
  std::int64_t integer = 0;
  double real = 0;
  std::string_view bytes;  // text, bytes, json, json_text, numeric, array, inet, tsvector
  Uuid uuid{};
  std::int32_t days = 0, months = 0;  // interval
};

const char* value_kind_name(ValueKind kind);

// A source value as messages show it: numbers as SQLite holds them, NULL, text excerpted (see
// excerpt()), a BLOB by its size.
std::string value_excerpt(const SourceValue& v, std::size_t max_chars = 60);

}  // namespace s2p

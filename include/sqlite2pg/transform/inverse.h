#pragma once
// Transforms run backwards, for rollback: a value PostgreSQL holds, back to the SQLite value its
// transform turns into that value again. Each inverse is exact on the values its transform
// produces, and refuses what has no SQLite form rather than round it.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "sqlite2pg/transform/converter.h"
#include "sqlite2pg/transform/timestamp.h"

namespace s2p {

// How a column writes its timestamps in SQLite: learned from the values it holds.
struct TimestampFormat {
  enum class Zone : std::uint8_t { none, z, offset };  // naive UTC, "Z", "+00:00"
  char separator = ' ';                                // ' ' or 'T'
  Zone zone = Zone::none;
  int fraction_digits = 0;  // at least this many; more where a value needs them
  bool date_only = false;   // "YYYY-MM-DD", for values at midnight UTC
  bool operator<(const TimestampFormat& o) const;
};

// Counts the formats of a column's timestamp texts.
class TimestampFormats {
 public:
  void add(std::string_view text);  // text that is no timestamp is not counted
  // The format most values have (the first seen among equals); SQLite's datetime() form,
  // "YYYY-MM-DD HH:MM:SS", when none was counted.
  TimestampFormat dominant() const;

 private:
  std::map<TimestampFormat, std::uint64_t> counts_;
  std::map<TimestampFormat, std::uint64_t> first_seen_;
  std::uint64_t seen_ = 0;
};

// `micros` in `format`, with more fraction digits than the format's (up to 6) where the value
// needs them; a date-only format writes the full form for a value that is not at midnight.
std::string format_timestamp_as(UnixMicros micros, const TimestampFormat& format);

// jsonb's text output ({"a": 1, "b": [1, 2]}) as compact JSON ({"a":1,"b":[1,2]}): the
// whitespace between tokens removed, strings and numbers exactly as they are.
std::string compact_json(std::string_view json);

// The integer `text` is exactly the decimal form of ("42", "-7"; not "042", "+1" or "-0"): the
// text an INTEGER becomes in a legacy id or a text transform. nullopt for any other text.
std::optional<std::int64_t> canonical_integer(std::string_view text);

// What an inverse needs beyond the value.
struct InverseContext {
  const ConvertContext* convert = nullptr;  // constants, separator, array element
  TimestampFormat timestamp;                // timestamptz: the column's format in SQLite
  // remap_id: the legacy id a UUID stands for (as etl.id_map records it, or as assigned);
  // nullopt when it has none.
  std::function<std::optional<std::string>(const Uuid&)> legacy_id;
  bool integer_column = false;  // the SQLite column has INTEGER affinity
};

// Writes in `out` the SQLite value `transform` turns into `v` again (`v` is not NULL).
// Returns an empty string on success, otherwise why there is none. The text `out` holds
// points into `v` or into `scratch`.
using InvertFn = std::string (*)(const Value& v, const InverseContext& ctx, SourceValue& out,
                                 std::string& scratch);

// The inverse of a transform of transforms(), by name; nullptr when it has none.
InvertFn find_inverse(std::string_view transform);

}  // namespace s2p

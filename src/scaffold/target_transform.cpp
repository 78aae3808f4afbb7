// scaffold --target: the transform that takes a SQLite column's sampled values into an existing
// PostgreSQL column, chosen from the column's type; or why none can.
#include "target_choice.h"

namespace s2p::scaffolding {
namespace {

using Sample = ColumnSample;

bool all(std::size_t n, const Sample& s) { return n == s.values - s.nulls; }

// Values finer than microseconds load only by an explicit choice, which the comment counts.
Choice finer_than_target(Choice c, const Sample& s) {
  if (s.finer == 0) return c;
  c.precision = "truncate";
  c.note = std::to_string(s.finer) + " of " + std::to_string(s.values - s.nulls) +
           " sampled values carry digits past microseconds; cut to the target's precision";
  return c;
}

Choice timestamp_choice(const Sample& s) {
  if (all(s.timestamps, s) && s.texts) return finer_than_target({"timestamptz"}, s);
  if (all(s.epoch_ms, s) && s.integers)
    return {"epoch_milliseconds", "", "integers read as epoch milliseconds (2000..2200)"};
  if (all(s.epoch_s, s) && s.integers)
    return {"epoch_seconds", "", "integers read as epoch seconds (2000..2200)"};
  return {"", "", "", "values are neither timestamp text nor epoch integers of 2000..2200"};
}

Choice uuid_choice(const Sample& s, const KeyRole& role) {
  // Every value a UUID in some spelling keeps it: never a new UUID for a UUID.
  if (all(s.uuids, s) && !role.parent_remapped) return {"uuid"};
  if (all(s.hex_uuids, s) && !role.parent_remapped)
    return {"uuid_hex", "", "UUIDs written as 32 hex digits (Django's UUIDField); the same UUIDs"};
  if (all(s.uuids + s.hex_uuids, s) && !role.parent_remapped)
    return {"uuid_hex", "", "UUIDs with and without dashes; the same UUIDs"};
  if (role.is_key && (s.texts || s.integers) && !s.reals && !s.blobs)
    return {"remap_id", "", "ids that are not UUIDs get deterministic UUIDs (etl.id_map)"};
  if (!role.parent.empty() && role.parent_remapped)
    return {"remap_id", role.parent, "references " + role.parent + ", whose ids are remapped"};
  return {"", "", "", "values are not UUIDs, and the column is neither a key nor a reference"};
}

Choice interval_choice(const Sample& s, bool none) {
  if (none) return {"interval"};
  if (all(s.integers, s))
    return {"interval_microseconds", "", "integers read as microseconds (Django's DurationField)"};
  if (all(s.durations, s)) return {"interval"};
  return {"", "", "", "values are neither interval text nor integer microseconds"};
}

}  // namespace

Choice choose_transform(const Column& c, const std::string& type, const KeyRole& role) {
  const Sample& s = c.sample;
  const bool none = s.values == s.nulls;  // nothing sampled: the type alone decides
  if (type == "bool") {
    if (none || (all(s.zeros + s.ones, s) && s.integers)) return {"boolean"};
    return {"", "", "", "values other than 0 and 1 into a boolean column"};
  }
  if (type == "int2" || type == "int4" || type == "int8") {
    if (none || all(s.integers, s)) return {"integer"};
    return {"", "", "",
            "non-integer values (" + std::to_string(s.texts) + " text, " + std::to_string(s.reals) +
                " real) into an integer column"};
  }
  if (type == "float4" || type == "float8") {
    if (none || all(s.integers + s.reals, s)) return {"real"};
    return {"", "", "", "values that are not numbers into a floating-point column"};
  }
  if (type == "numeric") {
    if (none || all(s.decimals, s)) return {"numeric"};
    return {"", "", "", "values that are not decimal numbers into a numeric column"};
  }
  if (type == "text" || type == "varchar" || type == "bpchar" || type == "enum") {
    if (s.blobs) return {"", "", "", "BLOB values into a text column"};
    return {"text", "",
            type == "enum" ? "the load checks each value against the enum's labels" : ""};
  }
  if (type == "timestamptz" || type == "timestamp")
    return none ? Choice{"timestamptz"} : timestamp_choice(s);
  if (type == "date") {
    if (none || all(s.dates, s)) return {"date"};
    return {"", "", "", "values are not YYYY-MM-DD dates"};
  }
  if (type == "time") {
    if (none || all(s.times, s)) return finer_than_target({"time"}, s);
    return {"", "", "", "values are not HH:MM[:SS] times of day"};
  }
  if (type == "uuid") return none ? Choice{"uuid"} : uuid_choice(s, role);
  if (type == "jsonb" || type == "json") {
    if (none || all(s.json_any, s)) return {type};
    return {"", "", "", "values are not JSON"};
  }
  if (type == "interval") return interval_choice(s, none);
  if (type == "inet" || type == "cidr") {
    if (none || all(s.addresses, s)) return {type};
    return {"", "", "", "values are not IP addresses"};
  }
  if (type == "tsvector") {
    if (none || all(s.texts, s))
      return {"to_tsvector", "", "PostgreSQL computes it: to_tsvector(config, text); check config"};
    return {"", "", "", "values are not text to compute a tsvector from"};
  }
  if (type == "bytea") {
    if (none || all(s.blobs + s.texts, s)) return {"bytea"};
    return {"", "", "", "numbers into a bytea column"};
  }
  if (type == "array") {
    if (none || all(s.json, s))
      return {"array", "", "JSON array text, each element as the element type"};
    return {"", "", "", "values are not JSON arrays"};
  }
  return {"", "", "", "its type is not one sqlite2pg loads"};
}

}  // namespace s2p::scaffolding

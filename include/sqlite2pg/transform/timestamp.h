#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace s2p {

// Microseconds since 1970-01-01T00:00:00Z.
using UnixMicros = std::int64_t;

// Parses the timestamp texts legacy writers left: "YYYY-MM-DD HH:MM:SS" or with 'T', optional
// fraction of 1 to 6 digits, optional zone "Z", "+HH:MM", "+HHMM" or "+HH". Text without a zone
// is UTC. Returns an empty string on success, otherwise a short reason.
std::string parse_timestamp_text(std::string_view text, UnixMicros& out);

enum class EpochUnit { seconds, milliseconds };

// Converts an epoch integer, refusing values that land outside 1900..2200 for the given unit
// (milliseconds read as seconds would land around year 50000). Empty string on success.
std::string epoch_to_micros(std::int64_t value, EpochUnit unit, UnixMicros& out);

// ISO 8601 UTC rendering, "2024-12-25T10:11:12.345Z" (fraction only when non-zero).
std::string format_timestamp_utc(UnixMicros micros);

}  // namespace s2p

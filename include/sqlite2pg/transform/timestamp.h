#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace s2p {

// Microseconds since 1970-01-01T00:00:00Z.
using UnixMicros = std::int64_t;

// What to do with a fraction of a second finer than PostgreSQL's microseconds (chrono and .NET
// write 7 to 9 digits): refuse it, or, when a mapping says so, cut or round it.
enum class FinerFraction { refuse, truncate, round };

// Parses the timestamp texts legacy writers left: "YYYY-MM-DD HH:MM:SS" or with 'T', optional
// fraction of 1 to 6 digits (up to 9 by `finer`), optional zone "Z", "+HH:MM", "+HHMM" or "+HH".
// Text without a zone is UTC; a date alone is its midnight. Returns an empty string on success,
// otherwise a short reason.
std::string parse_timestamp_text(std::string_view text, UnixMicros& out,
                                 FinerFraction finer = FinerFraction::refuse);

// How many fraction digits a timestamp or time text carries past its seconds (0 when none).
std::size_t fraction_digits(std::string_view text);

// A date: "YYYY-MM-DD", or a timestamp text whose time is midnight UTC. Days since 1970-01-01.
std::string parse_date_text(std::string_view text, std::int64_t& days);
// A time of day: "HH:MM", "HH:MM:SS" or with a fraction of up to 6 digits; up to 24:00:00.
std::string parse_time_text(std::string_view text, std::int64_t& micros,
                            FinerFraction finer = FinerFraction::refuse);
std::string format_date(std::int64_t days);    // "2024-12-25"
std::string format_time(std::int64_t micros);  // "10:11:12.345000", fraction only when non-zero

enum class EpochUnit { seconds, milliseconds };

// Converts an epoch integer, refusing values that land outside 1900..2200 for the given unit
// (milliseconds read as seconds would land around year 50000). Empty string on success.
std::string epoch_to_micros(std::int64_t value, EpochUnit unit, UnixMicros& out);

// ISO 8601 UTC rendering, "2024-12-25T10:11:12.345Z" (fraction only when non-zero).
std::string format_timestamp_utc(UnixMicros micros);

}  // namespace s2p

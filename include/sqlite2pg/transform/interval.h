#pragma once
// PostgreSQL intervals: months, days and microseconds kept apart, as PostgreSQL stores them.
#include <cstdint>
#include <string>
#include <string_view>

#include "sqlite2pg/transform/value.h"

namespace s2p {

// Microseconds as Python's timedelta and psycopg2 split them (Django's DurationField): whole
// days by floor division, the rest a non-negative time; no months.
Value interval_from_micros(std::int64_t micros);

// An interval text: ISO 8601 ("P1Y2M3DT4H5M6.5S", "-PT1S"), PostgreSQL's form ("1 day 02:03:04",
// "-1 days +23:59:59.5", "3 mons", "02:03:04") or Python's str(timedelta) ("-1 day,
// 23:59:59.999999"). Fractions finer than microseconds are refused. Empty string on success.
std::string parse_interval_text(std::string_view text, Value& out);

// ISO 8601, as PostgreSQL's intervalstyle iso_8601 prints it ("P1Y2M3DT4H5M6.5S", "PT0S").
std::string format_interval_iso(const Value& v);

// The microseconds an interval without months stands for, when it fits in 64 bits.
bool interval_micros(const Value& v, std::int64_t& micros);

}  // namespace s2p

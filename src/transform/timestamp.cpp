#include "sqlite2pg/transform/timestamp.h"

#include <cstdio>

namespace s2p {
namespace {

constexpr std::int64_t kMicrosPerSecond = 1'000'000;
constexpr std::int64_t kSecondsPerDay = 86'400;

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
}

unsigned days_in_month(std::int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

// Reads exactly `n` digits at `pos`.
bool digits(std::string_view s, std::size_t& pos, int n, int& out) {
  if (pos + static_cast<std::size_t>(n) > s.size()) return false;
  out = 0;
  for (int i = 0; i < n; ++i) {
    const char c = s[pos + static_cast<std::size_t>(i)];
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  pos += static_cast<std::size_t>(n);
  return true;
}

bool expect(std::string_view s, std::size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

constexpr const char* kFormats =
    "expected YYYY-MM-DD, YYYY-MM-DD HH:MM:SS or YYYY-MM-DDTHH:MM:SS, optional .fraction (1-6 "
    "digits), optional Z or +HH:MM";

// Epoch values outside these bounds are treated as a unit mistake, not as data.
const UnixMicros kPlausibleMin = days_from_civil(1900, 1, 1) * kSecondsPerDay * kMicrosPerSecond;
const UnixMicros kPlausibleMax = days_from_civil(2200, 1, 1) * kSecondsPerDay * kMicrosPerSecond;

// ".123" after the seconds, as microseconds; nothing when no point follows. Digits past the
// sixth (at most nine: nanoseconds) only as `finer` allows; rounding may give 1000000.
std::string read_fraction(std::string_view s, std::size_t& pos, std::int64_t& micros,
                          FinerFraction finer) {
  micros = 0;
  if (pos >= s.size() || s[pos] != '.') return {};
  ++pos;
  int n = 0;
  bool round_up = false;
  while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
    if (++n > 6) {
      if (finer == FinerFraction::refuse)
        return "fraction of a second finer than microseconds (a mapping may allow it with "
               "precision: truncate or precision: round)";
      if (n > 9) return "fraction of a second finer than nanoseconds";
      if (n == 7) round_up = finer == FinerFraction::round && s[pos] >= '5';
    } else {
      micros = micros * 10 + (s[pos] - '0');
    }
    ++pos;
  }
  if (n == 0) return "empty fraction of a second";
  for (int i = n; i < 6; ++i) micros *= 10;
  if (round_up) ++micros;  // half away from zero: these texts are never negative
  return {};
}

const UnixMicros kEarliest = days_from_civil(1, 1, 1) * kSecondsPerDay * kMicrosPerSecond;
const UnixMicros kLatest = days_from_civil(10000, 1, 1) * kSecondsPerDay * kMicrosPerSecond - 1;

}  // namespace

std::size_t fraction_digits(std::string_view s) {
  const auto point = s.find('.');
  if (point == std::string_view::npos) return 0;
  std::size_t end = point + 1;
  while (end < s.size() && s[end] >= '0' && s[end] <= '9') ++end;
  return end - point - 1;
}

std::string parse_timestamp_text(std::string_view s, UnixMicros& out, FinerFraction finer) {
  std::size_t pos = 0;
  int year, month, day, hour, minute, second;
  if (!digits(s, pos, 4, year) || !expect(s, pos, '-') || !digits(s, pos, 2, month) ||
      !expect(s, pos, '-') || !digits(s, pos, 2, day)) {
    return std::string("not a timestamp (") + kFormats + ")";
  }
  hour = minute = second = 0;
  std::int64_t fraction_micros = 0;
  // A date alone is its midnight, as PostgreSQL reads it.
  if (pos < s.size()) {
    if (s[pos] != ' ' && s[pos] != 'T') return std::string("not a timestamp (") + kFormats + ")";
    ++pos;
    if (!digits(s, pos, 2, hour) || !expect(s, pos, ':') || !digits(s, pos, 2, minute) ||
        !expect(s, pos, ':') || !digits(s, pos, 2, second)) {
      return std::string("not a timestamp (") + kFormats + ")";
    }
    if (auto why = read_fraction(s, pos, fraction_micros, finer); !why.empty()) return why;
  }
  std::int64_t offset_seconds = 0;
  if (pos < s.size()) {
    const char zone = s[pos];
    if (zone == 'Z' || zone == 'z') {
      ++pos;
    } else if (zone == '+' || zone == '-') {
      ++pos;
      int oh = 0, om = 0;
      if (!digits(s, pos, 2, oh)) return std::string("bad time zone offset (") + kFormats + ")";
      if (pos < s.size()) {
        if (s[pos] == ':') ++pos;
        if (!digits(s, pos, 2, om)) return std::string("bad time zone offset (") + kFormats + ")";
      }
      if (oh > 15 || om > 59) return "time zone offset out of range";
      offset_seconds = (oh * 3600 + om * 60) * (zone == '-' ? -1 : 1);
    }
  }
  if (pos != s.size()) return std::string("unexpected text after the timestamp (") + kFormats + ")";
  if (month < 1 || month > 12 || day < 1 ||
      static_cast<unsigned>(day) > days_in_month(year, static_cast<unsigned>(month))) {
    return "no such date";
  }
  if (hour > 23 || minute > 59 || second > 59) return "no such time of day";
  const std::int64_t days =
      days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  const std::int64_t seconds = days * kSecondsPerDay + hour * 3600 + minute * 60 + second;
  out = (seconds - offset_seconds) * kMicrosPerSecond + fraction_micros;
  // Year 0 does not exist for PostgreSQL, and an offset can carry a time into year 0 or 10000:
  // only four-digit years of UTC, which every reader of these values prints back.
  if (out < kEarliest || out > kLatest) return "outside the years 0001 to 9999 in UTC";
  return {};
}

std::string parse_date_text(std::string_view s, std::int64_t& days) {
  UnixMicros micros = 0;
  if (auto why = parse_timestamp_text(s, micros); !why.empty()) {
    return why.rfind("not a timestamp", 0) == 0 ? "not a date (expected YYYY-MM-DD)" : why;
  }
  constexpr std::int64_t kMicrosPerDay = kSecondsPerDay * kMicrosPerSecond;
  if (micros % kMicrosPerDay != 0) return "a time of day other than midnight UTC; not a date";
  days = micros / kMicrosPerDay;
  return {};
}

std::string parse_time_text(std::string_view s, std::int64_t& micros, FinerFraction finer) {
  std::size_t pos = 0;
  int hour = 0, minute = 0, second = 0;
  if (!digits(s, pos, 2, hour) || !expect(s, pos, ':') || !digits(s, pos, 2, minute))
    return "not a time of day (expected HH:MM, HH:MM:SS or HH:MM:SS.ffffff)";
  std::int64_t fraction = 0;
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    if (!digits(s, pos, 2, second)) return "not a time of day (expected HH:MM:SS)";
    if (auto why = read_fraction(s, pos, fraction, finer); !why.empty()) return why;
  }
  if (pos != s.size()) return "unexpected text after the time of day (expected HH:MM:SS.ffffff)";
  const std::int64_t total = (hour * 3600 + minute * 60 + second) * kMicrosPerSecond + fraction;
  // 24:00:00 is PostgreSQL's end of day; nothing later is a time.
  if (minute > 59 || second > 59 || total > 24 * 3600 * kMicrosPerSecond)
    return "no such time of day";
  micros = total;
  return {};
}

std::string format_date(std::int64_t days) {
  std::int64_t y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  char buf[32];
  const int n = std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
  return {buf, static_cast<std::size_t>(n)};
}

std::string format_time(std::int64_t micros) {
  const std::int64_t sec = micros / kMicrosPerSecond;
  char buf[32];
  int n = std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", static_cast<long long>(sec / 3600),
                        static_cast<long long>(sec / 60 % 60), static_cast<long long>(sec % 60));
  if (const auto frac = micros % kMicrosPerSecond; frac != 0)
    n += std::snprintf(buf + n, sizeof buf - static_cast<std::size_t>(n), ".%06lld",
                       static_cast<long long>(frac));
  return {buf, static_cast<std::size_t>(n)};
}

std::string epoch_to_micros(std::int64_t value, EpochUnit unit, UnixMicros& out) {
  const std::int64_t per_unit = unit == EpochUnit::seconds ? kMicrosPerSecond : 1000;
  const char* name = unit == EpochUnit::seconds ? "seconds" : "milliseconds";
  if (value > kPlausibleMax / per_unit || value < kPlausibleMin / per_unit) {
    std::string hint = unit == EpochUnit::seconds ? " (is the column in milliseconds?)"
                                                  : " (is the column in seconds?)";
    std::string where;
    if (value <= INT64_MAX / per_unit && value >= INT64_MIN / per_unit) {
      std::int64_t y;
      unsigned m, d;
      civil_from_days(value * per_unit / kMicrosPerSecond / kSecondsPerDay, y, m, d);
      where = ", year " + std::to_string(y);
    }
    return "epoch " + std::string(name) + " value " + std::to_string(value) +
           " is outside 1900..2200" + where + hint;
  }
  out = value * per_unit;
  return {};
}

std::string format_timestamp_utc(UnixMicros micros) {
  std::int64_t seconds = micros / kMicrosPerSecond;
  std::int64_t frac = micros % kMicrosPerSecond;
  if (frac < 0) {
    frac += kMicrosPerSecond;
    --seconds;
  }
  std::int64_t days = seconds / kSecondsPerDay;
  std::int64_t sod = seconds % kSecondsPerDay;
  if (sod < 0) {
    sod += kSecondsPerDay;
    --days;
  }
  std::int64_t y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  char buf[64];
  int n = std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld",
                        static_cast<long long>(y), m, d, static_cast<long long>(sod / 3600),
                        static_cast<long long>(sod / 60 % 60), static_cast<long long>(sod % 60));
  std::string out(buf, static_cast<std::size_t>(n));
  if (frac != 0) {
    std::snprintf(buf, sizeof buf, ".%06lld", static_cast<long long>(frac));
    std::string f(buf);
    while (f.back() == '0') f.pop_back();
    out += f;
  }
  return out + "Z";
}

}  // namespace s2p

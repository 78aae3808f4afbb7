#include "sqlite2pg/transform/inverse.h"

#include <algorithm>
#include <cstdio>
#include <tuple>

// The formats of timestamp texts: learned from a column's values, and written back in the one
// most of them have, so a rollback writes what the column's writers wrote.
namespace s2p {
namespace {

constexpr std::int64_t kMicrosPerSecond = 1'000'000;
constexpr std::int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The shape of a text parse_timestamp_text has accepted; false when it has none of ours.
bool classify(std::string_view s, TimestampFormat& f) {
  f = {};
  if (s.size() == 10) {
    f.date_only = true;
    return true;
  }
  if (s.size() < 19) return false;
  f.separator = s[10];
  std::size_t pos = 19;
  if (pos < s.size() && s[pos] == '.') {
    const std::size_t start = ++pos;
    while (pos < s.size() && is_digit(s[pos])) ++pos;
    f.fraction_digits = static_cast<int>(pos - start);
  }
  if (pos == s.size()) return true;
  f.zone =
      s[pos] == 'Z' || s[pos] == 'z' ? TimestampFormat::Zone::z : TimestampFormat::Zone::offset;
  return true;
}

// The fewest fraction digits that write `frac` (0..999999 microseconds) exactly.
int needed_digits(std::int64_t frac) {
  int digits = 6;
  for (; digits > 0 && frac % 10 == 0; --digits) frac /= 10;
  return digits;
}

}  // namespace

bool TimestampFormat::operator<(const TimestampFormat& o) const {
  return std::tie(separator, zone, fraction_digits, date_only) <
         std::tie(o.separator, o.zone, o.fraction_digits, o.date_only);
}

void TimestampFormats::add(std::string_view text) {
  UnixMicros micros = 0;
  TimestampFormat f;
  if (!parse_timestamp_text(text, micros, FinerFraction::truncate).empty() || !classify(text, f))
    return;
  if (counts_[f]++ == 0) first_seen_[f] = seen_;
  ++seen_;
}

TimestampFormat TimestampFormats::dominant() const {
  TimestampFormat best;
  std::uint64_t best_count = 0, best_seen = 0;
  for (const auto& [f, n] : counts_) {
    const std::uint64_t seen = first_seen_.at(f);
    if (n > best_count || (n == best_count && seen < best_seen)) {
      best = f;
      best_count = n;
      best_seen = seen;
    }
  }
  return best;
}

std::string format_timestamp_as(UnixMicros micros, const TimestampFormat& format) {
  // Floor division: a time before 1970 is the day before plus a positive time of day.
  std::int64_t days = micros / kMicrosPerDay, of_day = micros % kMicrosPerDay;
  if (of_day < 0) of_day += kMicrosPerDay, --days;
  std::string out = format_date(days);
  if (format.date_only && of_day == 0) return out;
  const std::int64_t seconds = of_day / kMicrosPerSecond, frac = of_day % kMicrosPerSecond;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%c%02lld:%02lld:%02lld",
                format.date_only ? ' ' : format.separator, static_cast<long long>(seconds / 3600),
                static_cast<long long>(seconds / 60 % 60), static_cast<long long>(seconds % 60));
  out += buf;
  // Writers of nanoseconds (chrono) get their width back, padded: PostgreSQL kept microseconds.
  const int at_least = format.date_only ? 0 : std::clamp(format.fraction_digits, 0, 9);
  if (const int digits = std::max(at_least, frac ? needed_digits(frac) : 0); digits > 0) {
    std::snprintf(buf, sizeof buf, ".%06lld000", static_cast<long long>(frac));
    out.append(buf, static_cast<std::size_t>(digits) + 1);
  }
  if (format.date_only || format.zone == TimestampFormat::Zone::none) return out;
  return out + (format.zone == TimestampFormat::Zone::z ? "Z" : "+00:00");
}

}  // namespace s2p

#include "sqlite2pg/transform/interval.h"

#include <cctype>
#include <cstdio>

namespace s2p {
namespace {

constexpr std::int64_t kMicrosPerSecond = 1'000'000;
constexpr std::int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;

// 128 bits: a sum of 64-bit parts cannot overflow before the range check.
__extension__ typedef __int128 Wide;

// Sums kept wide while reading; checked against PostgreSQL's field sizes at the end.
struct Parts {
  Wide months = 0, days = 0, micros = 0;
};

bool digit(char c) { return c >= '0' && c <= '9'; }

// Far past any field's range, and far from overflowing 128 bits however many parts follow.
bool too_big(const Parts& p) {
  const Wide limit = Wide{1} << 100;
  const auto out = [&](Wide v) { return v > limit || v < -limit; };
  return out(p.months) || out(p.days) || out(p.micros);
}

// An unsigned number with an optional fraction of up to 6 digits, as microseconds of one unit.
bool number(std::string_view s, std::size_t& pos, Wide& whole, std::int64_t& micros,
            bool& has_fraction) {
  const std::size_t start = pos;
  whole = 0;
  while (pos < s.size() && digit(s[pos])) {
    whole = whole * 10 + (s[pos++] - '0');
    if (whole > (Wide{1} << 80)) return false;
  }
  micros = 0;
  has_fraction = pos < s.size() && s[pos] == '.';
  if (has_fraction) {
    int n = 0;
    for (++pos; pos < s.size() && digit(s[pos]); ++pos, ++n) {
      if (n >= 6) return false;
      micros = micros * 10 + (s[pos] - '0');
    }
    for (; n < 6; ++n) micros *= 10;
  }
  return pos > start && !(pos == start + 1 && has_fraction);
}

int sign_at(std::string_view s, std::size_t& pos) {
  if (pos < s.size() && (s[pos] == '-' || s[pos] == '+')) return s[pos++] == '-' ? -1 : 1;
  return 1;
}

// "P1Y2M3W4DT5H6M7.5S"; a leading '-' negates it all, as in "-PT1S".
std::string parse_iso(std::string_view s, int sign, Parts& p) {
  std::size_t pos = 1;
  bool time = false, any = false;
  while (pos < s.size()) {
    if (s[pos] == 'T' && !time) {
      time = true, ++pos;
      continue;
    }
    const int part_sign = sign_at(s, pos) * sign;
    Wide n;
    std::int64_t frac;
    bool has_fraction;
    if (!number(s, pos, n, frac, has_fraction) || pos >= s.size())
      return "not an ISO 8601 duration";
    const char unit = s[pos++];
    if (has_fraction && !(time && unit == 'S')) return "a fraction only on seconds";
    any = true;
    if (!time && unit == 'Y')
      p.months += part_sign * n * 12;
    else if (!time && unit == 'M')
      p.months += part_sign * n;
    else if (!time && unit == 'W')
      p.days += part_sign * n * 7;
    else if (!time && unit == 'D')
      p.days += part_sign * n;
    else if (time && unit == 'H')
      p.micros += part_sign * n * 3600 * kMicrosPerSecond;
    else if (time && unit == 'M')
      p.micros += part_sign * n * 60 * kMicrosPerSecond;
    else if (time && unit == 'S')
      p.micros += part_sign * (n * kMicrosPerSecond + frac);
    else
      return std::string("unknown unit '") + unit + "' in an ISO 8601 duration";
  }
  return any ? "" : "an ISO 8601 duration with no parts";
}

// "[-]H:MM[:SS[.ffffff]]", hours of any size.
std::string parse_clock(std::string_view s, std::size_t& pos, Parts& p) {
  const int sign = sign_at(s, pos);
  Wide h, m, sec = 0;
  std::int64_t frac = 0;
  bool f;
  if (!number(s, pos, h, frac, f) || f || pos >= s.size() || s[pos++] != ':' ||
      !number(s, pos, m, frac, f) || f || m > 59)
    return "not a time H:MM:SS";
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    if (!number(s, pos, sec, frac, f) || sec > 59) return "not a time H:MM:SS";
  }
  p.micros += sign * (((h * 60 + m) * 60 + sec) * kMicrosPerSecond + frac);
  return {};
}

struct Unit {
  const char* word;
  int months, days;
  std::int64_t micros;
};

constexpr Unit kUnits[] = {
    {"year", 12, 0, 0}, {"years", 12, 0, 0}, {"mon", 1, 0, 0},     {"mons", 1, 0, 0},
    {"month", 1, 0, 0}, {"months", 1, 0, 0}, {"week", 0, 7, 0},    {"weeks", 0, 7, 0},
    {"day", 0, 1, 0},   {"days", 0, 1, 0},   {"hour", 0, 0, 3600}, {"hours", 0, 0, 3600},
    {"min", 0, 0, 60},  {"mins", 0, 0, 60},  {"minute", 0, 0, 60}, {"minutes", 0, 0, 60},
    {"sec", 0, 0, 1},   {"secs", 0, 0, 1},   {"second", 0, 0, 1},  {"seconds", 0, 0, 1},
};

// PostgreSQL's and Python's word forms: "1 year 2 mons -3 days +04:05:06", "-1 day, 23:59:59".
std::string parse_words(std::string_view s, Parts& p) {
  std::size_t pos = 0;
  bool any = false;
  while (pos < s.size()) {
    if (s[pos] == ' ' || (s[pos] == ',' && any)) {
      ++pos;
      continue;
    }
    const std::size_t start = pos;
    const int sign = sign_at(s, pos);
    Wide n;
    std::int64_t frac;
    bool f;
    if (!number(s, pos, n, frac, f)) return "not an interval";
    if (pos < s.size() && s[pos] == ':') {
      pos = start;
      if (auto why = parse_clock(s, pos, p); !why.empty()) return why;
      if (too_big(p)) return "interval out of range";
      any = true;
      continue;
    }
    while (pos < s.size() && s[pos] == ' ') ++pos;
    std::size_t end = pos;
    while (end < s.size() && std::isalpha(static_cast<unsigned char>(s[end]))) ++end;
    const std::string_view word = s.substr(pos, end - pos);
    const Unit* unit = nullptr;
    for (const auto& u : kUnits) unit = word == u.word ? &u : unit;
    if (!unit) return "unknown interval unit '" + std::string(word) + "'";
    if (f && unit->micros == 0) return "a fraction only on hours, minutes or seconds";
    p.months += sign * n * unit->months;
    p.days += sign * n * unit->days;
    p.micros += sign * (n * unit->micros * kMicrosPerSecond + frac * unit->micros);
    pos = end, any = true;
    if (too_big(p)) return "interval out of range";
  }
  return any ? "" : "an empty interval text";
}

}  // namespace

Value interval_from_micros(std::int64_t micros) {
  std::int64_t days = micros / kMicrosPerDay, rest = micros % kMicrosPerDay;
  if (rest < 0) rest += kMicrosPerDay, --days;
  return {.kind = ValueKind::interval, .integer = rest, .days = static_cast<std::int32_t>(days)};
}

std::string parse_interval_text(std::string_view s, Value& out) {
  Parts p;
  std::string why;
  const bool negated = !s.empty() && s[0] == '-' && s.size() > 1 && s[1] == 'P';
  if (!s.empty() && (s[0] == 'P' || negated))
    why = parse_iso(s.substr(negated ? 1 : 0), negated ? -1 : 1, p);
  else
    why = parse_words(s, p);
  if (!why.empty()) return why + " (expected ISO 8601 like P1DT2H, or 1 day 02:03:04)";
  constexpr Wide kInt32 = 2147483647, kInt64 = 9223372036854775807LL;
  if (p.months > kInt32 || p.months < -kInt32 - 1 || p.days > kInt32 || p.days < -kInt32 - 1 ||
      p.micros > kInt64 || p.micros < -kInt64 - 1)
    return "interval out of range";
  out = {.kind = ValueKind::interval,
         .integer = static_cast<std::int64_t>(p.micros),
         .days = static_cast<std::int32_t>(p.days),
         .months = static_cast<std::int32_t>(p.months)};
  return {};
}

std::string format_interval_iso(const Value& v) {
  std::string out = "P";
  const auto part = [&](long long n, char unit) {
    if (n) out += std::to_string(n) + unit;
  };
  part(v.months / 12, 'Y');
  part(v.months % 12, 'M');
  part(v.days, 'D');
  if (v.integer == 0) return out.size() == 1 ? "PT0S" : out;
  out += 'T';
  // Hours as a multiple of 3600 s, keeping the sign on each part as PostgreSQL does.
  const std::int64_t sign = v.integer < 0 ? -1 : 1;
  const auto magnitude =
      static_cast<unsigned long long>(v.integer < 0 ? -(v.integer + 1) : v.integer) +
      (v.integer < 0 ? 1 : 0);
  const unsigned long long secs = magnitude / kMicrosPerSecond, frac = magnitude % kMicrosPerSecond;
  const auto signed_part = [&](unsigned long long n, char unit) {
    if (n) out += (sign < 0 ? "-" : "") + std::to_string(n) + unit;
  };
  signed_part(secs / 3600, 'H');
  signed_part(secs / 60 % 60, 'M');
  if (secs % 60 || frac) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%s%llu", sign < 0 ? "-" : "", secs % 60);
    out += buf;
    if (frac) {
      std::snprintf(buf, sizeof buf, ".%06llu", frac);
      std::string f = buf;
      while (f.back() == '0') f.pop_back();
      out += f;
    }
    out += 'S';
  }
  return out;
}

bool interval_micros(const Value& v, std::int64_t& micros) {
  if (v.months != 0) return false;
  // A day less, and the time a day less, so that the most negative durations do not overflow.
  const std::int64_t shift = v.days < 0 ? 1 : 0;
  std::int64_t days_micros;
  if (__builtin_mul_overflow(static_cast<std::int64_t>(v.days) + shift, kMicrosPerDay,
                             &days_micros) ||
      __builtin_sub_overflow(v.integer, shift * kMicrosPerDay, &micros))
    return false;
  return !__builtin_add_overflow(days_micros, micros, &micros);
}

}  // namespace s2p

#include "sqlite2pg/transform/decimal.h"

#include <cstdlib>

namespace s2p {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Numeric's own limits: 131072 digits before the point, 16383 after.
constexpr long kMaxExponent = 200'000;
constexpr std::size_t kMaxWhole = 131'072;
constexpr std::size_t kMaxFraction = 16'383;

}  // namespace

std::string normalize_decimal(std::string_view s, std::string& out) {
  std::size_t pos = 0;
  bool negative = false;
  if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) negative = s[pos++] == '-';
  std::string digits;  // every mantissa digit, the point removed
  long point = -1;     // digits before the point
  for (; pos < s.size() && (is_digit(s[pos]) || s[pos] == '.'); ++pos) {
    if (s[pos] == '.') {
      if (point >= 0) return "not a decimal number (two points)";
      point = static_cast<long>(digits.size());
    } else {
      digits.push_back(s[pos]);
    }
  }
  if (digits.empty()) return "not a decimal number";
  if (point < 0) point = static_cast<long>(digits.size());
  if (pos < s.size() && (s[pos] == 'e' || s[pos] == 'E')) {
    ++pos;
    const std::size_t start = pos;
    if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) ++pos;
    if (pos == s.size() || !is_digit(s[pos])) return "not a decimal number (bad exponent)";
    while (pos < s.size() && is_digit(s[pos])) ++pos;
    if (pos - start > 7) return "decimal exponent out of range";
    point += std::strtol(std::string(s.substr(start, pos - start)).c_str(), nullptr, 10);
  }
  if (pos != s.size()) return "not a decimal number (unexpected text)";
  if (point > kMaxExponent || point < -kMaxExponent) return "decimal exponent out of range";
  const long fraction = static_cast<long>(digits.size()) - point;
  if (fraction > static_cast<long>(kMaxFraction)) return "more decimal places than numeric holds";
  // Place the point: pad with zeros on whichever side it falls outside the digits.
  if (point <= 0) digits.insert(0, static_cast<std::size_t>(1 - point), '0'), point = 1;
  if (fraction < 0) digits.append(static_cast<std::size_t>(-fraction), '0');
  std::size_t first = 0;
  while (first + 1 < static_cast<std::size_t>(point) && digits[first] == '0') ++first;
  out.clear();
  const bool zero = digits.find_first_not_of('0') == std::string::npos;
  if (negative && !zero) out.push_back('-');
  if (static_cast<std::size_t>(point) - first > kMaxWhole && !zero)
    return "more digits before the decimal point than numeric holds";
  out.append(digits, first, static_cast<std::size_t>(point) - first);
  if (fraction > 0)
    out.append(".").append(digits, static_cast<std::size_t>(point), std::string::npos);
  return {};
}

}  // namespace s2p

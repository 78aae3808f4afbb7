// numeric's binary form: int16 ndigits, weight, sign, dscale, then ndigits base-10000 digits,
// with no leading or trailing zero digits, as PostgreSQL stores and sends it.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <vector>

#include "type_codecs.h"

namespace s2p {
namespace {

constexpr std::uint16_t kPositive = 0x0000;
constexpr std::uint16_t kNegative = 0x4000;

struct Decimal {
  bool negative = false;
  std::string whole;     // no leading zeros; empty for 0
  std::string fraction;  // exactly `scale` digits once fitted
};

Decimal split(std::string_view plain) {
  Decimal d;
  if (!plain.empty() && plain[0] == '-') {
    d.negative = true;
    plain.remove_prefix(1);
  }
  const auto point = plain.find('.');
  d.whole = std::string(plain.substr(0, point));
  if (point != std::string_view::npos) d.fraction = std::string(plain.substr(point + 1));
  d.whole.erase(0, std::min(d.whole.find_first_not_of('0'), d.whole.size()));
  return d;
}

bool all_zeros(std::string_view s) { return s.find_first_not_of('0') == std::string_view::npos; }

std::string type_name(int precision, int scale) {
  return "numeric(" + std::to_string(precision) + "," + std::to_string(scale) + ")";
}

// Applies numeric(p,s) as PostgreSQL would, refusing where it would round or overflow.
std::string fit(Decimal& d, std::int32_t typmod, int& dscale) {
  if (typmod < 4) {
    dscale = static_cast<int>(d.fraction.size());
    return {};
  }
  const int precision = ((typmod - 4) >> 16) & 0xffff;
  const int scale = (((typmod - 4) & 0x7ff) ^ 1024) - 1024;  // PostgreSQL 15 allows it negative
  const auto keep = static_cast<std::size_t>(std::max(scale, 0));
  if (d.fraction.size() > keep) {
    if (!all_zeros(std::string_view(d.fraction).substr(keep)))
      return "has more decimal places than " + type_name(precision, scale) +
             " keeps; it would be rounded";
    d.fraction.resize(keep);
  }
  d.fraction.resize(keep, '0');
  if (scale < 0) {
    const auto drop = static_cast<std::size_t>(-scale);
    if (!all_zeros(
            std::string_view(d.whole).substr(d.whole.size() - std::min(drop, d.whole.size()))))
      return "is not a multiple of 10^" + std::to_string(-scale) + " as " +
             type_name(precision, scale) + " requires; it would be rounded";
  }
  // The value must be below 10^(p-s): count its digits before the point, or, below 1, minus
  // the zeros after the point (0.0012 has -2), and zero always fits.
  const auto first = d.fraction.find_first_not_of('0');
  const int digits = !d.whole.empty()             ? static_cast<int>(d.whole.size())
                     : first == std::string::npos ? INT32_MIN
                                                  : -static_cast<int>(first);
  if (digits != INT32_MIN && digits > precision - scale)
    return "does not fit " + type_name(precision, scale) + " (it must be below 10^" +
           std::to_string(precision - scale) + ")";
  dscale = static_cast<int>(keep);
  return {};
}

}  // namespace

std::string encode_numeric(const Value& v, const TypeParams& p, std::string& out) {
  Decimal d = split(v.bytes);
  int dscale = 0;
  if (auto why = fit(d, p.typmod, dscale); !why.empty()) return why;
  // Group into base-10000 digits around the point.
  std::string whole(static_cast<std::size_t>((4 - d.whole.size() % 4) % 4), '0');
  whole += d.whole;
  std::string fraction = d.fraction;
  fraction.append((4 - fraction.size() % 4) % 4, '0');
  std::vector<std::uint16_t> digits;
  const std::string all = whole + fraction;
  for (std::size_t i = 0; i < all.size(); i += 4)
    digits.push_back(static_cast<std::uint16_t>(std::stoi(all.substr(i, 4))));
  int weight = static_cast<int>(whole.size() / 4) - 1;
  std::size_t first = 0;
  while (first < digits.size() && digits[first] == 0) ++first, --weight;
  std::size_t last = digits.size();
  while (last > first && digits[last - 1] == 0) --last;
  const bool zero = first == last;
  if (zero) weight = 0;
  put_u16(out, static_cast<std::uint16_t>(last - first));
  put_u16(out, static_cast<std::uint16_t>(static_cast<std::int16_t>(weight)));
  put_u16(out, d.negative && !zero ? kNegative : kPositive);
  put_u16(out, static_cast<std::uint16_t>(dscale));
  for (std::size_t i = first; i < last; ++i) put_u16(out, digits[i]);
  return {};
}

std::string show_numeric(std::string_view b, const TypeParams&) {
  if (b.size() < 8) return "?";
  const int n = get_u16(b, 0);
  const int weight = static_cast<std::int16_t>(get_u16(b, 2));
  const std::uint16_t sign = get_u16(b, 4);
  const int dscale = get_u16(b, 6);
  if (sign == 0xC000) return "NaN";
  if (b.size() < 8 + 2 * static_cast<std::size_t>(n)) return "?";
  // Digit i stands at power 10000^(weight - i); positions outside the digits are zeros.
  auto group = [&](int power) {
    const int i = weight - power;
    char text[8];
    std::snprintf(text, sizeof text, "%04u",
                  i >= 0 && i < n ? get_u16(b, 8 + 2 * static_cast<std::size_t>(i)) : 0u);
    return std::string(text);
  };
  std::string whole, fraction;
  for (int power = std::max(weight, 0); power >= 0; --power) whole += group(power);
  for (int power = -1; power >= -(dscale + 3) / 4; --power) fraction += group(power);
  whole.erase(0, std::min(whole.find_first_not_of('0'), whole.size() - 1));
  fraction.resize(static_cast<std::size_t>(dscale));
  return (sign == kNegative ? "-" : "") + whole + (dscale ? "." + fraction : "");
}

}  // namespace s2p

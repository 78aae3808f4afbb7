#pragma once
#include <string>
#include <string_view>

namespace s2p {

// Decimal text as PostgreSQL's numeric input reads it: optional sign, digits with an optional
// point, optional exponent ("1.5e3"). Writes the plain form numeric would print ("1500",
// "-0.0012", "2.50": fraction digits = digits after the point minus the exponent, at least 0),
// with no leading zeros. Returns an empty string on success, otherwise why the text is not a
// decimal number. NaN and Infinity are refused: they are not amounts.
std::string normalize_decimal(std::string_view text, std::string& out);

}  // namespace s2p

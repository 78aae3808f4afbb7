#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace s2p {

// True when `bytes` is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool is_valid_utf8(std::string_view bytes);

// A short, printable, single-line rendering of a value for messages: control characters and
// invalid bytes escaped, cut after `max_chars` with the full length noted.
std::string excerpt(std::string_view bytes, std::size_t max_chars = 60);

// A REAL as the shortest text that reads back as the same double.
std::string format_real(double value);

// Lower-case hexadecimal digits, and `bytes` appended in them, two digits a byte.
inline constexpr char kHexDigits[] = "0123456789abcdef";
void append_hex(std::string& out, std::string_view bytes);

// ASCII letters folded, every other byte (UTF-8 included) kept: for SQL words and names.
std::string ascii_lower(std::string text);
std::string ascii_upper(std::string text);
// Equal with ASCII letters folded: how SQLite (and unquoted SQL) compares names.
bool same_name_folded(std::string_view a, std::string_view b);

// Double-quotes an SQL identifier ("a""b"), so names from YAML or SQLite can never be read as SQL.
std::string quote_ident(std::string_view name);

// Single-quotes an SQL string literal.
std::string quote_literal(std::string_view text);

}  // namespace s2p

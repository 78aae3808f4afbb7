#pragma once
// inet and cidr: IPv4 and IPv6 addresses with an optional /prefix, in PostgreSQL's binary form.
#include <string>
#include <string_view>

#include "sqlite2pg/transform/value.h"

namespace s2p {

// Parses "192.0.2.1", "192.0.2.0/24", "2001:db8::1", "::ffff:192.0.2.1/128" into PostgreSQL's
// binary inet body (family, bits, is_cidr, length, address) in `binary`; `out` points into it.
// A cidr refuses bits set right of its mask, as PostgreSQL does. Empty string on success.
std::string parse_inet_text(std::string_view text, bool cidr, std::string& binary, Value& out);

// The text PostgreSQL prints for a binary inet or cidr body: the prefix shown for cidr always,
// for inet only when it is not the address's full length. Empty when `binary` is not one.
std::string format_inet(std::string_view binary);

}  // namespace s2p

#pragma once
#include <string>
#include <string_view>

namespace s2p {

// Parses JSON text and appends it to `out` exactly as PostgreSQL's jsonb prints it: object keys
// ordered by length then bytes, the last of duplicate keys kept, numbers in numeric's plain
// notation, ", " and ": " separators, strings escaped as jsonb escapes them. Sending this form
// and reading jsonb back yields the same bytes, which is what makes row checksums comparable.
// Returns an empty string on success, otherwise a short reason (nothing is appended then).
std::string canonicalize_jsonb(std::string_view json_text, std::string& out);

}  // namespace s2p

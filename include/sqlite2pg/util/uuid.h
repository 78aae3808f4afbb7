#pragma once
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace s2p {

using Uuid = std::array<std::uint8_t, 16>;

// Accepts only the canonical 8-4-4-4-12 hex form, in any letter case.
std::optional<Uuid> parse_uuid(std::string_view text);

// 32 hex digits without dashes, in any letter case (Django's UUIDField on SQLite).
std::optional<Uuid> parse_uuid_hex(std::string_view text);

// Lower-case 8-4-4-4-12.
std::string format_uuid(const Uuid& uuid);
// Lower-case 32 hex digits.
std::string format_uuid_hex(const Uuid& uuid);

// RFC 4122 version 5 (SHA-1, name-based) UUID: the same name always gives the same UUID.
Uuid uuid_v5(const Uuid& name_space, std::string_view name);

}  // namespace s2p

#pragma once
// tsvector: PostgreSQL computes it (to_tsvector); the tool carries its binary form and shows it.
#include <optional>
#include <string>
#include <string_view>

namespace s2p {

// The text PostgreSQL prints for a binary tsvector body (tsvectorsend's form): 'lexeme':1A,2
// in order; nullopt when `binary` is not one.
std::optional<std::string> format_tsvector(std::string_view binary);

}  // namespace s2p

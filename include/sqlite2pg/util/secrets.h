#pragma once
#include <string>

namespace s2p {

// The password a libpq connection string or URI carries, else PGPASSWORD's; empty if none.
std::string password_of(const std::string& dsn);

// `text` with every occurrence of `password` replaced, for anything meant for people.
std::string redact(std::string text, const std::string& password);

}  // namespace s2p

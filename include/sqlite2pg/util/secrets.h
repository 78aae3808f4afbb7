#pragma once
#include <string>
#include <vector>

namespace s2p {

// The password a libpq connection string or URI carries, else PGPASSWORD's; empty if none.
std::string password_of(const std::string& dsn);

// Every password one command-line argument carries: as a connection string or URI, as
// `--option=DSN`, or as a `password=` word anywhere in it. PGPASSWORD is not consulted.
std::vector<std::string> passwords_in_argument(const std::string& argument);

// `text` with every occurrence of `password` replaced, for anything meant for people.
std::string redact(std::string text, const std::string& password);

}  // namespace s2p

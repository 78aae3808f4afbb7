#include "sqlite2pg/util/secrets.h"

#include <libpq-fe.h>

#include <cstdlib>
#include <string_view>

namespace s2p {

namespace {

// The password libpq would read from a connection string or URI; empty if none or not one.
std::string dsn_password(const std::string& dsn) {
  std::string password;
  char* err = nullptr;
  if (PQconninfoOption* opts = PQconninfoParse(dsn.c_str(), &err)) {
    for (auto* o = opts; o->keyword; ++o) {
      if (std::string_view(o->keyword) == "password" && o->val) password = o->val;
    }
    PQconninfoFree(opts);
  }
  if (err) PQfreemem(err);
  return password;
}

}  // namespace

std::vector<std::string> passwords_in_argument(const std::string& argument) {
  std::vector<std::string> found;
  auto add = [&](std::string p) {
    if (!p.empty()) found.push_back(std::move(p));
  };
  add(dsn_password(argument));
  if (const auto eq = argument.find('='); eq != std::string::npos) {
    add(dsn_password(argument.substr(eq + 1)));
  }
  // Text that is no valid DSN as a whole may still hold one: "password=x" or "://user:x@".
  for (std::size_t at = argument.find("password="); at != std::string::npos;
       at = argument.find("password=", at + 1)) {
    const auto start = at + 9;
    add(argument.substr(start, argument.find_first_of(" \t'\"", start) - start));
  }
  if (const auto scheme = argument.find("://"); scheme != std::string::npos) {
    const auto colon = argument.find(':', scheme + 3);
    const auto at = argument.find('@', scheme + 3);
    if (colon != std::string::npos && at != std::string::npos && colon < at) {
      add(argument.substr(colon + 1, at - colon - 1));
    }
  }
  return found;
}

std::string password_of(const std::string& dsn) {
  std::string password = dsn_password(dsn);
  if (password.empty()) {
    if (const char* env = std::getenv("PGPASSWORD")) password = env;
  }
  return password;
}

std::string redact(std::string text, const std::string& password) {
  if (password.empty()) return text;
  for (std::size_t pos; (pos = text.find(password)) != std::string::npos;) {
    text.replace(pos, password.size(), "********");
  }
  return text;
}

}  // namespace s2p

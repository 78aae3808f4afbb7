#include "sqlite2pg/util/secrets.h"

#include <libpq-fe.h>

#include <cstdlib>
#include <string_view>

namespace s2p {

std::string password_of(const std::string& dsn) {
  std::string password;
  char* err = nullptr;
  if (PQconninfoOption* opts = PQconninfoParse(dsn.c_str(), &err)) {
    for (auto* o = opts; o->keyword; ++o) {
      if (std::string_view(o->keyword) == "password" && o->val) password = o->val;
    }
    PQconninfoFree(opts);
  }
  if (err) PQfreemem(err);
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

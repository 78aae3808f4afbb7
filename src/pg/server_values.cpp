#include "sqlite2pg/pg/server_values.h"

#include "sqlite2pg/util/failure.h"

namespace s2p {
namespace {

// A text[] literal: every element double-quoted, its quotes and backslashes escaped.
std::string text_array_literal(const std::vector<std::optional<std::string>>& texts) {
  std::string out = "{";
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (i) out.push_back(',');
    if (!texts[i]) {
      out += "NULL";
      continue;
    }
    out.push_back('"');
    for (const char ch : *texts[i]) {
      if (ch == '"' || ch == '\\') out.push_back('\\');
      out.push_back(ch);
    }
    out.push_back('"');
  }
  out.push_back('}');
  return out;
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::string from_hex(const std::string& hex) {
  std::string out(hex.size() / 2, '\0');
  for (std::size_t i = 0; i < out.size(); ++i) {
    const int hi = hex_digit(hex[2 * i]), lo = hex_digit(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) throw Failure(ExitCode::internal, "PostgreSQL sent malformed hex");
    out[i] = static_cast<char>(hi << 4 | lo);
  }
  return out;
}

}  // namespace

bool text_search_config_exists(PgSession& pg, const std::string& config) {
  return !pg.attempt([&] { pg.query("SELECT $1::regconfig", {config}); });
}

std::vector<std::optional<std::string>> server_tsvectors(
    PgSession& pg, const std::string& config,
    const std::vector<std::optional<std::string>>& texts) {
  const PgRows rows = pg.query(
      "SELECT encode(tsvectorsend(to_tsvector($1::regconfig, x)), 'hex') "
      "FROM unnest($2::text[]) WITH ORDINALITY AS u(x, n) ORDER BY n",
      {config, text_array_literal(texts)});
  if (rows.size() != texts.size())
    throw Failure(ExitCode::internal, "to_tsvector returned " + std::to_string(rows.size()) +
                                          " values for " + std::to_string(texts.size()));
  std::vector<std::optional<std::string>> out;
  out.reserve(rows.size());
  for (const auto& row : rows) {
    if (row[0]) {
      out.emplace_back(from_hex(*row[0]));
    } else {
      out.emplace_back(std::nullopt);
    }
  }
  return out;
}

}  // namespace s2p

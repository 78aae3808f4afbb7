// SQLite's DEFAULT and CHECK clauses in PostgreSQL's terms, where the meaning is surely the
// same; everything else is left to the user with a comment.
#include <algorithm>
#include <cctype>
#include <optional>
#include <set>

#include "model.h"
#include "sqlite2pg/transform/timestamp.h"
#include "sqlite2pg/util/text.h"
#include "sqlite2pg/util/uuid.h"

namespace s2p::scaffolding {
namespace {

// 'it''s' -> it's; nullopt when the text is not one string literal.
std::optional<std::string> string_literal(const std::string& s) {
  if (s.size() < 2 || s.front() != '\'' || s.back() != '\'') return std::nullopt;
  std::string out;
  for (std::size_t i = 1; i + 1 < s.size(); ++i) {
    if (s[i] == '\'') {
      if (s[i + 1] != '\'' || i + 2 >= s.size()) return std::nullopt;
      ++i;
    }
    out.push_back(s[i]);
  }
  return out;
}

// A string default that the column's type reads as the value SQLite would store.
std::string string_default(const std::string& text, const Column& c) {
  const std::string& t = c.pg_type;
  UnixMicros micros;
  std::int64_t n;
  if (t == "TEXT") return quote_literal(text);
  if (t == "UUID" && parse_uuid(text)) return quote_literal(text);
  if (t == "TIMESTAMPTZ" && parse_timestamp_text(text, micros).empty())
    return quote_literal(format_timestamp_utc(micros));  // SQLite's text without a zone is UTC
  if (t == "DATE" && parse_date_text(text, n).empty()) return quote_literal(format_date(n));
  if (t == "TIME" && parse_time_text(text, n).empty()) return quote_literal(format_time(n));
  return "";
}

}  // namespace

// [-+]digits[.digits]
bool number_literal(const std::string& s) {
  std::size_t at = s.empty() || (s[0] != '-' && s[0] != '+') ? 0 : 1;
  const auto digits = [&] {
    const std::size_t start = at;
    while (at < s.size() && std::isdigit(static_cast<unsigned char>(s[at]))) ++at;
    return at > start;
  };
  if (!digits()) return false;
  if (at < s.size() && s[at] == '.' && (++at, !digits())) return false;
  return at == s.size();
}

// A number literal as the column's type would store it, when SQLite stores the same value.
std::optional<std::string> number_default(const std::string& in, const Column& c) {
  const std::string& t = c.pg_type;
  const auto point = in.find('.');
  const bool integral = point == std::string::npos;
  if (t == "BOOLEAN") {
    if (in == "0" || in == "1") return in == "1" ? "true" : "false";
    return std::nullopt;
  }
  if (t == "DOUBLE PRECISION") return in;
  if (t == "BIGINT") return integral ? std::optional(in) : std::nullopt;  // 1.5 would round
  if (t.rfind("NUMERIC(", 0) == 0) {  // only as many decimals as it keeps, or it would round
    const int scale = std::stoi(t.substr(t.find(',') + 1));
    const std::size_t decimals = integral ? 0 : in.size() - point - 1;
    return static_cast<int>(decimals) <= scale ? std::optional(in) : std::nullopt;
  }
  if (t == "NUMERIC") return in;
  if (t == "TEXT" && integral) {  // SQLite stores the integer's own text: +007 is '7'
    const long long v = std::stoll(in);
    return quote_literal(std::to_string(v));
  }
  return std::nullopt;  // a REAL's text in SQLite (1.0) is not PostgreSQL's (1)
}

std::optional<std::string> translate_default(const std::string& d, const Column& c) {
  const std::string& t = c.pg_type;
  if (!is_valid_utf8(d)) return std::nullopt;  // PostgreSQL would refuse the whole migration
  std::string in = d;
  while (in.size() > 2 && in.front() == '(' && in.back() == ')') in = in.substr(1, in.size() - 2);
  if (ascii_upper(in) == "NULL") return "";
  if (number_literal(in)) return in.size() > 18 ? std::nullopt : number_default(in, c);
  if (auto text = string_literal(in)) {
    auto sql = string_default(*text, c);
    return sql.empty() ? std::nullopt : std::optional(sql);
  }
  // SQLite's clock is UTC and keeps whole seconds, truncated; PostgreSQL's current_date
  // follows the session's zone, and a cast to time(0) would round.
  const std::string word = ascii_upper(in);
  if (t == "TIMESTAMPTZ" && (word == "CURRENT_TIMESTAMP" || word == "DATETIME('NOW')"))
    return "date_trunc('second', now())";
  if (t == "DATE" && (word == "CURRENT_DATE" || word == "DATE('NOW')"))
    return "(now() AT TIME ZONE 'UTC')::date";
  if (t == "TIME" && (word == "CURRENT_TIME" || word == "TIME('NOW')"))
    return "date_trunc('second', now() AT TIME ZONE 'UTC')::time";
  return std::nullopt;
}

std::string translate_check(const std::string& e, const Table& t, std::string& why) {
  // Left out on purpose: LOWER/UPPER (ASCII-only in SQLite), / and % (integer division, and
  // NULL for x/0, in SQLite), LIKE and GLOB (case rules differ).
  static const std::set<std::string> kWords = {"AND", "OR", "NOT", "IN", "IS", "NULL", "BETWEEN"};
  static const std::set<std::string> kFunctions = {"LENGTH", "ABS", "TRIM"};
  static const std::set<std::string> kPlainTypes = {"TEXT", "BIGINT", "DOUBLE PRECISION"};
  if (!is_valid_utf8(e)) return why = "bytes that are not UTF-8", "";
  std::string out;
  bool ordering = false, text = false;  // text compared by order: the collations decide
  for (std::size_t i = 0; i < e.size();) {
    const char ch = e[i];
    if (ch == '/' || ch == '%') return why = std::string("'") + ch + "'", "";
    if (std::isspace(static_cast<unsigned char>(ch)) ||
        std::isdigit(static_cast<unsigned char>(ch)) ||
        std::string_view("()<>=!+-*,.|").find(ch) != std::string_view::npos) {
      if (ch == '=' && i + 1 < e.size() && e[i + 1] == '=') ++i;  // SQLite's == is =
      const bool not_equal = (ch == '<' && i + 1 < e.size() && e[i + 1] == '>') ||
                             (ch == '>' && i > 0 && e[i - 1] == '<');
      ordering |= (ch == '<' || ch == '>') && !not_equal;
      out.push_back(ch);
      ++i;
      continue;
    }
    if (ch == '\'') {
      const std::size_t end = e.find('\'', i + 1);
      if (end == std::string::npos) return why = "an unterminated string", "";
      out += e.substr(i, end - i + 1);
      i = end + 1;
      continue;
    }
    std::string word;
    if (ch == '"' || ch == '`' || ch == '[') {
      const char close = ch == '[' ? ']' : ch;
      const std::size_t end = e.find(close, i + 1);
      if (end == std::string::npos) return why = "an unterminated name", "";
      word = e.substr(i + 1, end - i - 1);
      i = end + 1;
    } else if (std::isalpha(static_cast<unsigned char>(ch)) || ch == '_') {
      const std::size_t start = i;
      while (i < e.size() && (std::isalnum(static_cast<unsigned char>(e[i])) || e[i] == '_')) ++i;
      word = e.substr(start, i - start);
      const std::string w = ascii_upper(word);
      if (kWords.count(w) || kFunctions.count(w)) {
        ordering |= w == "BETWEEN";
        out += w;
        continue;
      }
    } else {
      return why = std::string("'") + ch + "'", "";
    }
    const auto c = std::find_if(t.columns.begin(), t.columns.end(), [&](const Column& col) {
      return ascii_upper(col.info.name) == ascii_upper(word);
    });
    if (c == t.columns.end()) return why = "'" + word + "'", "";
    // A column whose values change type (0/1 to boolean, text to timestamptz) would compare
    // differently; decimals compare the same as numeric.
    if (!kPlainTypes.count(c->pg_type) && c->pg_type.rfind("NUMERIC", 0) != 0)
      return why = "column " + c->info.name + ", which is " + c->pg_type + " in PostgreSQL", "";
    text |= c->pg_type == "TEXT";
    out += quote_ident(c->target);
  }
  // SQLite compares text byte by byte unless a COLLATE says otherwise; PostgreSQL by the
  // database's collation.
  if (text && (ordering || ascii_upper(t.sql).find("COLLATE") != std::string::npos))
    return why = "an order or a COLLATE on text, which PostgreSQL's collation would decide", "";
  return out;
}

}  // namespace s2p::scaffolding

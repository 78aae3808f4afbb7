#include "sqlite2pg/scaffold/name_match.h"

#include "sqlite2pg/util/text.h"

#include <algorithm>
#include <cctype>
#include <functional>

namespace s2p {
namespace {

using Rule = std::pair<const char*, std::function<bool(const std::string&, const std::string&)>>;

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower_or_digit(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }

// The plural English spelling of a snake_case name's last word: category -> categories,
// box -> boxes, user -> users.
std::string plural(const std::string& s) {
  if (s.empty()) return s;
  const auto ends = [&](std::string_view e) {
    return s.size() >= e.size() && s.compare(s.size() - e.size(), e.size(), e) == 0;
  };
  if (ends("y") && s.size() > 1 &&
      std::string_view("aeiou").find(s[s.size() - 2]) == std::string_view::npos)
    return s.substr(0, s.size() - 1) + "ies";
  if (ends("s") || ends("x") || ends("z") || ends("ch") || ends("sh")) return s + "es";
  return s + "s";
}

// The candidates of the first rule that finds any.
std::vector<NameCandidate> first_rule(const std::string& source,
                                      const std::vector<std::string>& targets,
                                      const std::vector<Rule>& rules) {
  for (const auto& [how, matches] : rules) {
    std::vector<NameCandidate> out;
    for (const auto& t : targets) {
      if (matches(source, t)) out.push_back({t, how});
    }
    if (!out.empty()) return out;
  }
  return {};
}

bool same_snake(const std::string& a, const std::string& b) {
  return snake_case(a) == snake_case(b);
}

bool singular_plural(const std::string& a, const std::string& b) {
  const std::string sa = snake_case(a), sb = snake_case(b);
  return plural(sa) == sb || plural(sb) == sa;
}

// The prefix every target name shares up to and including an underscore ("app_"), if any.
std::string shared_prefix(const std::vector<std::string>& targets) {
  if (targets.size() < 2) return "";
  std::string prefix = targets[0];
  for (const auto& t : targets) {
    std::size_t n = 0;
    while (n < prefix.size() && n < t.size() && prefix[n] == t[n]) ++n;
    prefix.resize(n);
  }
  const auto underscore = prefix.rfind('_');
  return underscore == std::string::npos ? "" : prefix.substr(0, underscore + 1);
}

}  // namespace

std::string snake_case(const std::string& name) {
  std::string out;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c == '-' || c == ' ' || c == '_') {
      if (!out.empty() && out.back() != '_') out.push_back('_');
      continue;
    }
    // A capital starts a word after a lower-case letter or digit, and ends an acronym before one.
    const bool boundary =
        is_upper(c) && i > 0 &&
        (is_lower_or_digit(name[i - 1]) ||
         (is_upper(name[i - 1]) && i + 1 < name.size() && is_lower_or_digit(name[i + 1])));
    if (boundary && !out.empty() && out.back() != '_') out.push_back('_');
    out.push_back(is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c);
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out;
}

std::vector<NameCandidate> match_table(const std::string& source,
                                       const std::vector<std::string>& targets) {
  const std::vector<Rule> rules = {
      {"", [](auto& s, auto& t) { return s == t; }},
      {"case-insensitive", [](auto& s, auto& t) { return same_name_folded(s, t); }},
      {"CamelCase to snake_case", same_snake},
      {"singular to plural", singular_plural},
  };
  if (auto found = first_rule(source, targets, rules); !found.empty()) return found;
  const std::string prefix = shared_prefix(targets);
  if (prefix.empty()) return {};
  std::vector<std::string> stripped;
  for (const auto& t : targets) stripped.push_back(t.substr(prefix.size()));
  auto found = first_rule(source, stripped, rules);
  for (auto& c : found) {
    c.how = "the targets' prefix " + prefix + (c.how.empty() ? "" : ", " + c.how);
    c.name = prefix + c.name;
  }
  return found;
}

std::vector<NameCandidate> match_column(const std::string& source, const std::string& own_key,
                                        const std::vector<std::string>& targets,
                                        const std::string& table) {
  const std::vector<Rule> rules = {
      {"", [](auto& s, auto& t) { return s == t; }},
      {"case-insensitive", [](auto& s, auto& t) { return same_name_folded(s, t); }},
      {"CamelCase to snake_case", same_snake},
      {"the table's own key to id",
       [&](auto& s, auto& t) {
         if (own_key.empty() || s != own_key) return false;
         return ascii_lower(t) == "id" || (ascii_lower(s) == "id" && !table.empty() &&
                                           snake_case(t) == snake_case(table) + "_id");
       }},
  };
  return first_rule(source, targets, rules);
}

}  // namespace s2p

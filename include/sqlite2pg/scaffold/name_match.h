#pragma once
// How `scaffold --target` finds, for a SQLite name, the name an application's own migrations
// gave it in PostgreSQL: the rules are tried in order, and the first rule that finds any
// candidate decides; two candidates under one rule are not guessed between.
#include <string>
#include <vector>

namespace s2p {

struct NameCandidate {
  std::string name;  // the target name
  std::string how;   // empty for an exact match, else the rule: "case-insensitive", ...
};

// snake_case of any spelling: "ArtistId" -> "artist_id", "HTTPRequest" -> "http_request",
// "order-items" -> "order_items".
std::string snake_case(const std::string& name);

// Table names: exact, case-insensitive, CamelCase <-> snake_case, singular <-> plural (s, es,
// ies), and any of those after a prefix every target table shares ("app_").
std::vector<NameCandidate> match_table(const std::string& source,
                                       const std::vector<std::string>& targets);

// Column names: exact, case-insensitive, CamelCase <-> snake_case, and a table's own key
// (`own_key`, e.g. "ArtistId" in Artist) <-> "id", or an own key "id" <-> "artist_id" in the
// source table `table` Artist.
std::vector<NameCandidate> match_column(const std::string& source, const std::string& own_key,
                                        const std::vector<std::string>& targets,
                                        const std::string& table = "");

}  // namespace s2p

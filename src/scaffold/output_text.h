#pragma once
// How text from the SQLite file (names, its SQL, notes that quote them) is written into what
// scaffold produces, one function per output language: nothing in it can end a comment or a
// line early, or become a key or a statement of its own. SQL identifiers are quote_ident's
// (sqlite2pg/util/text.h); messages on stderr are printable's (sqlite2pg/util/printable.h).
#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>
#include <vector>

namespace s2p::scaffolding {

// `text` as `--` comment lines, one for each of its lines, each printable() and with "*/"
// written "*\/"; ends with a newline.
std::string sql_comment(std::string_view text);

// A YAML key or value as yaml-cpp writes it (quoted where YAML needs it), double-quoted with
// escapes when it holds a character some YAML reader ends a line at or cannot print.
void yaml_text(YAML::Emitter& e, const std::string& text);

// A `#` comment of one line: printable(text).
YAML::_Comment yaml_comment(std::string_view text);

// The comment at the top of a mapping: `header`, then a "TO DECIDE: " line for each decision.
YAML::_Comment yaml_header(std::string_view header, const std::vector<std::string>& decisions);

}  // namespace s2p::scaffolding

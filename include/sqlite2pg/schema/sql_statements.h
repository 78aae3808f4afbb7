#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace s2p {

// The first two words (upper-cased) of each top-level statement of an SQL script. Comments,
// quoted strings and identifiers, and dollar-quoted bodies are skipped, so a function body's
// own BEGIN/END is not taken for a statement.
std::vector<std::string> statement_heads(std::string_view sql);

// Each top-level statement of an SQL script as PostgreSQL's lexer splits it: its text without
// its comments (a space where each was) and without the `;`, trimmed; empty ones left out.
std::vector<std::string> statement_texts(std::string_view sql);

// A statement a migration must not contain because it would end the transaction that every
// migration (and the whole cutover) runs in; empty when the script has none.
std::string transaction_control_in(std::string_view sql);

// The extensions a script's CREATE EXTENSION [IF NOT EXISTS] statements name, as written.
std::vector<std::string> extensions_created(std::string_view sql);

}  // namespace s2p

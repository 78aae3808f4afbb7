#include "sqlite2pg/schema/sql_statements.h"

#include <cctype>

namespace s2p {
namespace {

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Reads `word` (case-insensitive, whole) after optional white space at `i`; advances on success.
bool take_word(std::string_view sql, std::size_t& i, std::string_view word) {
  std::size_t j = i;
  while (j < sql.size() && std::isspace(static_cast<unsigned char>(sql[j]))) ++j;
  if (sql.size() - j < word.size()) return false;
  for (std::size_t k = 0; k < word.size(); ++k) {
    if (std::tolower(static_cast<unsigned char>(sql[j + k])) != word[k]) return false;
  }
  if (j + word.size() < sql.size() && word_char(sql[j + word.size()])) return false;
  i = j + word.size();
  return true;
}

}  // namespace

namespace {

// Past the comment, quoted text or dollar-quoted body that starts at `i`; `i` itself when none
// starts there. A statement's words are what is left.
std::size_t skip_non_code(std::string_view sql, std::size_t i, bool in_word) {
  const char c = sql[i];
  if (sql.compare(i, 2, "--") == 0) {
    const auto end = sql.find_first_of("\n\r", i);  // PostgreSQL's lexer ends it at either
    return end == std::string_view::npos ? sql.size() : end;
  }
  if (sql.compare(i, 2, "/*") == 0) {
    int depth = 0;  // PostgreSQL's block comments nest
    do {
      if (sql.compare(i, 2, "/*") == 0) {
        ++depth;
        i += 2;
      } else if (sql.compare(i, 2, "*/") == 0) {
        --depth;
        i += 2;
      } else {
        ++i;
      }
    } while (depth > 0 && i < sql.size());
    return i;
  }
  if (c == '\'' || c == '"') {
    // E'...' strings take backslash escapes; doubled quotes escape in both.
    const bool backslashes = c == '\'' && i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') &&
                             (i < 2 || !word_char(sql[i - 2]));
    for (++i; i < sql.size(); ++i) {
      if (backslashes && sql[i] == '\\') {
        ++i;
      } else if (sql[i] == c) {
        if (i + 1 < sql.size() && sql[i + 1] == c) {
          ++i;
        } else {
          break;
        }
      }
    }
    return i + 1;
  }
  if (c == '$' && !in_word) {
    std::size_t j = i + 1;
    while (j < sql.size() && word_char(sql[j]) &&
           !std::isdigit(static_cast<unsigned char>(sql[i + 1])))
      ++j;
    if (j < sql.size() && sql[j] == '$') {
      const std::string tag(sql.substr(i, j - i + 1));
      const std::size_t close = sql.find(tag, j + 1);
      return close == std::string_view::npos ? sql.size() : close + tag.size();
    }
    return i + 1;  // a parameter such as $1
  }
  return i;
}

}  // namespace

std::vector<std::string> statement_heads(std::string_view sql) {
  std::vector<std::string> heads;
  std::string head;
  int words = 0;
  bool in_word = false;
  auto end_word = [&] {
    if (in_word) ++words;
    in_word = false;
  };
  std::size_t i = 0;
  while (i < sql.size()) {
    if (const auto past = skip_non_code(sql, i, in_word); past != i) {
      end_word();
      i = past;
      continue;
    }
    const char c = sql[i++];
    if (c == ';') {
      end_word();
      if (!head.empty()) heads.push_back(head);
      head.clear();
      words = 0;
    } else if (word_char(c)) {
      if (!in_word && words < 2 && !head.empty()) head += ' ';
      if (words < 2) head.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
      in_word = true;
    } else {
      end_word();
    }
  }
  end_word();
  if (!head.empty()) heads.push_back(head);
  return heads;
}

std::vector<std::string> statement_texts(std::string_view sql) {
  static constexpr const char* kSpace = " \t\n\r\f\v";
  std::vector<std::string> texts;
  std::string text;
  const auto finish = [&] {
    const auto first = text.find_first_not_of(kSpace);
    if (first != std::string::npos)
      texts.push_back(text.substr(first, text.find_last_not_of(kSpace) - first + 1));
    text.clear();
  };
  for (std::size_t i = 0; i < sql.size();) {
    if (const auto past = skip_non_code(sql, i, i > 0 && word_char(sql[i - 1])); past != i) {
      const bool comment = sql.compare(i, 2, "--") == 0 || sql.compare(i, 2, "/*") == 0;
      text += comment ? std::string_view(" ") : sql.substr(i, past - i);
      i = past;
    } else if (sql[i++] == ';') {
      finish();
    } else {
      text.push_back(sql[i - 1]);
    }
  }
  finish();
  return texts;
}

std::string transaction_control_in(std::string_view sql) {
  for (const auto& head : statement_heads(sql)) {
    const auto first = head.substr(0, head.find(' '));
    const auto second = head.find(' ') == std::string::npos ? "" : head.substr(head.find(' ') + 1);
    if (first == "BEGIN" || first == "START" || first == "COMMIT" || first == "END" ||
        first == "ABORT" || (first == "ROLLBACK" && second != "TO") ||
        (first == "PREPARE" && second == "TRANSACTION")) {
      return head;
    }
  }
  return {};
}

std::vector<std::string> extensions_created(std::string_view sql) {
  std::vector<std::string> names;
  for (std::size_t at = 0; at < sql.size(); ++at) {
    if (!word_char(sql[at]) || (at > 0 && word_char(sql[at - 1]))) continue;  // a word's start
    std::size_t i = at;
    if (!take_word(sql, i, "create") || !take_word(sql, i, "extension")) continue;
    std::size_t j = i;
    if (take_word(sql, j, "if") && take_word(sql, j, "not") && take_word(sql, j, "exists")) i = j;
    while (i < sql.size() && std::isspace(static_cast<unsigned char>(sql[i]))) ++i;
    if (i < sql.size() && sql[i] == '"') ++i;
    const std::size_t start = i;
    while (i < sql.size() && (word_char(sql[i]) || sql[i] == '-')) ++i;
    if (i > start) names.emplace_back(sql.substr(start, i - start));
  }
  return names;
}

}  // namespace s2p

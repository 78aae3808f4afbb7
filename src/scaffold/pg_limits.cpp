// What PostgreSQL, or a mapping file, cannot hold, found before anything is written: names it
// cannot spell, and tables wider than it allows. Odd names it can hold (spaces, quotes, `--`,
// `*/`, line breaks, any UTF-8) are kept: the writers quote and escape them.
#include <algorithm>
#include <functional>

#include "model.h"
#include "sqlite2pg/util/failure.h"
#include "sqlite2pg/util/printable.h"
#include "sqlite2pg/util/text.h"

namespace s2p::scaffolding {
namespace {

constexpr std::size_t kMaxColumns = 1600;  // PostgreSQL's MaxHeapAttributeNumber
constexpr std::size_t kProblemsShown = 10;

struct Rule {
  std::function<bool(const std::string&)> breaks;
  const char* why;
};

// Every name: a PostgreSQL identifier and a YAML string.
const Rule kNameRules[] = {
    {[](const std::string& n) { return n.empty(); }, "is empty, which a PostgreSQL name cannot be"},
    {[](const std::string& n) { return n.find('\0') != std::string::npos; },
     "holds a NUL byte, which a PostgreSQL name cannot"},
    {[](const std::string& n) { return !is_valid_utf8(n); },
     "is not UTF-8, which PostgreSQL names and mapping files must be"},
};

// Beyond those, for a name scaffold was given rather than one it can shorten.
const Rule kSchemaRules[] = {
    {[](const std::string& n) { return n.find('.') != std::string::npos; },
     "holds a '.', which a mapping's target (schema.table) cannot say; give --schema"},
    {[](const std::string& n) { return n.size() > kMaxIdentifier; },
     "is longer than PostgreSQL's 63 bytes; give --schema"},
};
const Rule kSourceRules[] = {
    {[](const std::string& n) { return n.find('=') != std::string::npos; },
     "holds a '=', which --source NAME=PATH cannot say; give --source"},
};

template <std::size_t N>
void check(std::vector<std::string>& problems, const std::string& what, const std::string& name,
           const Rule (&rules)[N]) {
  for (const auto& r : rules) {
    if (r.breaks(name)) {
      problems.push_back(what + " '" + printable(name) + "' " + r.why);
      return;
    }
  }
}

[[noreturn]] void refuse(const ScaffoldOptions& o, const std::vector<std::string>& problems) {
  std::string list;
  for (std::size_t i = 0; i < problems.size() && i < kProblemsShown; ++i)
    list += (i ? "; " : "") + problems[i];
  if (problems.size() > kProblemsShown)
    list += "; and " + std::to_string(problems.size() - kProblemsShown) + " more";
  throw Failure(ExitCode::config, "scaffold of " + printable(o.sqlite_file) + ": " + list);
}

}  // namespace

void refuse_unusable_names(const Schema& s, const ScaffoldOptions& o, bool indexes) {
  std::vector<std::string> problems;
  for (const auto& t : s.tables) {
    check(problems, "table", t.name, kNameRules);
    const std::string in = "in table '" + printable(t.name) + "', ";
    for (const auto& c : t.columns) check(problems, in + "column", c.info.name, kNameRules);
    if (!indexes) continue;
    for (const auto& ix : t.indexes) check(problems, in + "index", ix.name, kNameRules);
  }
  if (!problems.empty()) refuse(o, problems);
}

void refuse_unusable_options(const ScaffoldOptions& o) {
  std::vector<std::string> problems;
  check(problems, "source name", o.source_name, kNameRules);
  check(problems, "source name", o.source_name, kSourceRules);
  check(problems, "schema", o.target_schema, kNameRules);
  check(problems, "schema", o.target_schema, kSchemaRules);
  if (!is_valid_utf8(o.sqlite_file))
    problems.push_back("the file's path is not UTF-8, which a mapping file (path:) cannot hold");
  if (!problems.empty()) refuse(o, problems);
}

void set_aside_wide_tables(Schema& s) {
  const auto wide = [](const Table& t) { return t.columns.size() > kMaxColumns; };
  for (const auto& t : s.tables) {
    if (!wide(t)) continue;
    s.decisions.push_back("table " + t.name + " has " + std::to_string(t.columns.size()) +
                          " columns, more than PostgreSQL's 1600 per table: left out of the "
                          "mapping and the migration, its rows would be left behind; split it "
                          "into tables of at most 1600 columns by hand");
  }
  s.tables.erase(std::remove_if(s.tables.begin(), s.tables.end(), wide), s.tables.end());
}

}  // namespace s2p::scaffolding

// scaffold --target: a mapping onto the tables an application already created in PostgreSQL,
// matched by name (sqlite2pg/scaffold/name_match.h), each column's transform chosen from its
// target type and a sample of its values. What is left for the user to decide is said, in the
// mapping and in the result.
#include <algorithm>
#include <map>
#include <set>

#include "mapping_yaml.h"
#include "model.h"
#include "sequences.h"
#include "sqlite2pg/config/app_ledgers.h"
#include "sqlite2pg/pg/catalog.h"
#include "sqlite2pg/scaffold/name_match.h"
#include "target_choice.h"

namespace s2p::scaffolding {
namespace {

struct ColumnEntry {
  std::string source, target, transform, references, comment, precision, config;
};

struct TableEntry {
  const Table* source = nullptr;
  TargetTable target;
  std::string how;
  std::vector<ColumnEntry> columns;
};

struct Proposal {
  std::vector<TableEntry> tables;
  std::vector<MappingEntry> skipped, sequences;
  std::vector<std::string> decisions, notes;
};

std::string own_key(const Table& t) { return t.primary_key.size() == 1 ? t.primary_key[0] : ""; }

std::string names(const std::vector<NameCandidate>& c) {
  std::string out;
  for (const auto& n : c) out += (out.empty() ? "" : " and ") + n.name;
  return out;
}

// Source tables to target tables; a target two sources match is decided by neither.
void match_tables(PgSession& pg, const Schema& s, const std::string& schema, Proposal& p) {
  const auto targets = tables_in_schema(pg, schema);
  std::map<std::string, std::vector<const Table*>> claims;
  std::map<const Table*, NameCandidate> chosen;
  for (const auto& t : s.tables) {
    if (const char* framework = migration_ledger_of(t.name)) {
      p.skipped.push_back({t.name, "skip",
                           std::string(framework) +
                               "'s migration ledger: the application's PostgreSQL migrations "
                               "wrote their own rows; SQLite's would make it re-run or skip "
                               "migrations"});
      continue;
    }
    const auto c = match_table(t.name, targets);
    if (c.empty())
      p.decisions.push_back("source table " + t.name + ": no table of schema " + schema +
                            " matches it; its rows would be left behind");
    else if (c.size() > 1)
      p.decisions.push_back("source table " + t.name + ": " + names(c) +
                            " both match it; add the one it feeds by hand");
    else
      chosen[&t] = c[0], claims[c[0].name].push_back(&t);
  }
  for (const auto& [target, sources] : claims) {
    if (sources.size() == 1) continue;
    std::string list;
    for (const auto* t : sources) list += (list.empty() ? "" : " and ") + t->name, chosen.erase(t);
    p.decisions.push_back("target table " + target + " matches both " + list +
                          "; add the one that feeds it by hand");
  }
  for (const auto& t : s.tables) {
    if (!chosen.count(&t)) continue;
    p.tables.push_back({&t, read_target_table(pg, schema, chosen[&t].name), chosen[&t].how});
  }
  for (const auto& target : targets) {
    if (!claims.count(target) && !migration_ledger_of(target))
      p.notes.push_back("target table " + schema + "." + target + ": no source table feeds it");
  }
}

KeyRole role_of(const Table& t, const Column& c, const std::set<std::string>& remapped) {
  KeyRole r;
  r.is_key = c.info.name == own_key(t);
  for (const auto& fk : t.references) {
    if (fk.from == c.info.name) r.parent = fk.table;
  }
  r.parent_remapped = remapped.count(r.parent) > 0;
  return r;
}

// The columns a mapping may feed: all but the generated ones.
std::vector<std::string> loadable_columns(const TargetTable& t) {
  std::vector<std::string> out;
  for (const auto& c : t.columns) {
    if (!c.generated) out.push_back(c.name);
  }
  return out;
}

// A source column no target column matches, said as a decision unless it feeds a tsvector.
struct Leftover {
  std::size_t column;  // in TableEntry::columns
  bool text;           // every sampled value is text
  std::string decision;
};

// Where the target keeps a tsvector where SQLite kept the text (an FTS table's column): one
// text column no target column matches, one tsvector column nothing feeds.
void feed_tsvector(TableEntry& e, std::set<std::string>& fed, const std::vector<Leftover>& left,
                   const std::string& ts_config, Proposal& p) {
  std::vector<std::string> unfed;
  for (const auto& tc : e.target.columns) {
    if (tc.type == "tsvector" && !tc.generated && !fed.count(tc.name)) unfed.push_back(tc.name);
  }
  const auto texts = std::count_if(left.begin(), left.end(), [](auto& l) { return l.text; });
  for (const auto& l : left) {
    if (!(l.text && texts == 1 && unfed.size() == 1)) {
      p.decisions.push_back(l.decision);
      continue;
    }
    ColumnEntry& c = e.columns[l.column];
    c = {c.source, unfed[0], "to_tsvector", "", "", "", ts_config};
    c.comment = "no target column is named so; PostgreSQL computes " + unfed[0] +
                " from it: to_tsvector(config, " + c.source +
                "); check config is the one the application's queries use";
    fed.insert(unfed[0]);
  }
}

void match_columns(TableEntry& e, const std::set<std::string>& remapped,
                   const std::string& ts_config, Proposal& p) {
  const std::vector<std::string> targets = loadable_columns(e.target);
  const std::string at = e.source->name + " -> " + e.target.schema + "." + e.target.name;
  std::set<std::string> fed;
  std::vector<Leftover> left;
  for (const auto& c : e.source->columns) {
    ColumnEntry out{c.info.name, "", "skip"};
    const auto found = match_column(c.info.name, own_key(*e.source), targets, e.source->name);
    if (found.size() != 1) {
      out.comment = found.empty() ? "no target column matches" : names(found) + " both match";
      const bool text = found.empty() && c.sample.texts == c.sample.values - c.sample.nulls;
      left.push_back({e.columns.size(), text,
                      at + ": source column " + c.info.name + ": " + out.comment +
                          "; mapped skip, so its values would be left behind"});
      e.columns.push_back(out);
      continue;
    }
    const TargetColumn& tc = *e.target.column(found[0].name);
    const Choice choice = choose_transform(c, tc.type, role_of(*e.source, c, remapped));
    out.target = tc.name;
    out.comment = found[0].how;
    if (choice.transform.empty()) {
      out.comment = "cannot load into " + tc.name + " (" + tc.display_type + "): " + choice.cannot;
      p.decisions.push_back(at + ": source column " + c.info.name + ": " + out.comment);
      out.target.clear();
    } else {
      out.transform = choice.transform;
      out.references = choice.references;
      out.precision = choice.precision;
      if (out.transform == "to_tsvector") out.config = ts_config;
      if (!choice.note.empty()) out.comment += (out.comment.empty() ? "" : "; ") + choice.note;
      fed.insert(tc.name);
    }
    e.columns.push_back(out);
  }
  feed_tsvector(e, fed, left, ts_config, p);
  for (const auto& tc : e.target.columns) {
    if (tc.not_null && !tc.has_default && tc.sequence.empty() && !fed.count(tc.name))
      p.decisions.push_back(at + ": target column " + tc.name +
                            " is NOT NULL without a default, and no source column feeds it");
  }
}

// The mapping, every entry with its comment on its line.
std::string emit(const Proposal& p, const ScaffoldOptions& o) {
  MappingFile m{"Proposed by sqlite2pg scaffold from " + o.sqlite_file +
                    " onto the tables of schema " + o.target_schema +
                    ". Review every commented match; `sqlite2pg plan` checks the result.",
                p.decisions,
                o.source_name,
                o.sqlite_file,
                {},
                p.skipped,
                p.sequences};
  for (const auto& t : p.tables) {
    auto& out = m.tables.emplace_back(
        MappingTable{t.source->name, t.target.schema + "." + t.target.name, t.how});
    for (const auto& c : t.columns) {
      out.columns.push_back({c.source, c.transform, c.references,
                             c.target == c.source ? "" : c.target, c.comment, c.precision,
                             c.config});
    }
  }
  return write_mapping(m);
}

}  // namespace

ScaffoldOnto scaffold_onto_target(const Schema& s, PgSession& pg, const ScaffoldOptions& o) {
  Proposal p;
  match_tables(pg, s, o.target_schema, p);
  // Keys first: a reference is remapped when the key it points at is.
  std::set<std::string> remapped;
  for (const auto& e : p.tables) {
    const Column* key = e.source->column(own_key(*e.source));
    const auto found = key ? match_column(key->info.name, key->info.name,
                                          loadable_columns(e.target), e.source->name)
                           : std::vector<NameCandidate>{};
    if (found.size() != 1) continue;
    const auto choice =
        choose_transform(*key, e.target.column(found[0].name)->type, {true, "", false});
    if (choice.transform == "remap_id") remapped.insert(e.source->name);
  }
  const std::string ts_config = default_text_search_config(pg);
  for (auto& e : p.tables) match_columns(e, remapped, ts_config, p);
  for (const auto& seq : propose_sequences(pg, o.target_schema)) {
    p.sequences.push_back({seq.name, seq.query.empty() ? "TO DECIDE" : seq.query, seq.comment});
    if (seq.query.empty()) p.decisions.push_back("sequence " + seq.name + ": " + seq.comment);
  }
  return {emit(p, o), p.decisions, p.notes};
}

}  // namespace s2p::scaffolding

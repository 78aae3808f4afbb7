#include "sequences.h"

#include <optional>

#include "sqlite2pg/pg/catalog.h"

namespace s2p::scaffolding {
namespace {

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() > tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

bool starts_with(const std::string& s, const std::string& head) { return s.rfind(head, 0) == 0; }

// events_stream_seq -> events_stream; state_group_id_seq -> state_group.
std::string stem_of(const std::string& name) {
  for (const char* suffix : {"_id_seq", "_seq", "_sequence", "_id"}) {
    if (ends_with(name, suffix)) return name.substr(0, name.size() - std::string(suffix).size());
  }
  return name;
}

struct Pairing {
  std::string table, rest;  // rest: what of the stem names the column ("stream")
};

// The table the stem names: itself or its plural; else the longest table it starts with
// (events_stream: events); else the one table that starts with it.
std::optional<Pairing> table_for(const std::string& stem, const std::vector<std::string>& tables) {
  std::optional<Pairing> best;
  std::vector<std::string> longer;
  for (const auto& t : tables) {
    if (t == stem || t == stem + "s") return Pairing{t, ""};
    if (starts_with(stem, t + "_") && (!best || t.size() > best->table.size()))
      best = Pairing{t, stem.substr(t.size() + 1)};
    if (starts_with(t, stem + "_")) longer.push_back(t);
  }
  if (!best && longer.size() == 1) best = Pairing{longer[0], ""};
  return best;
}

bool is_integer(const TargetColumn& c) {
  return c.type == "int2" || c.type == "int4" || c.type == "int8";
}

// The one integer column whose name starts with `prefix`.
std::string only_column_starting(const TargetTable& t, const std::string& prefix) {
  std::string found;
  for (const auto& c : t.columns) {
    if (!is_integer(c) || !starts_with(c.name, prefix)) continue;
    if (!found.empty()) return "";
    found = c.name;
  }
  return found;
}

std::string column_for(const TargetTable& t, const std::string& stem, const std::string& rest) {
  if (!rest.empty()) return only_column_starting(t, rest);
  const auto last = stem.substr(stem.rfind('_') == std::string::npos ? 0 : stem.rfind('_') + 1);
  for (const auto& name : {std::string("id"), last + "_id"}) {
    if (const auto* c = t.column(name); c && is_integer(*c)) return name;
  }
  return only_column_starting(t, "stream");
}

}  // namespace

std::vector<SequenceProposal> propose_sequences(PgSession& pg, const std::string& schema) {
  const auto tables = tables_in_schema(pg, schema);
  std::vector<SequenceProposal> out;
  for (const auto& seq : standalone_sequences(pg, schema)) {
    SequenceProposal p{schema + "." + seq, "", "no column owns or uses it"};
    const std::string stem = stem_of(seq);
    if (const auto pairing = table_for(stem, tables)) {
      const TargetTable t = read_target_table(pg, schema, pairing->table);
      if (const auto col = column_for(t, stem, pairing->rest); !col.empty()) {
        p.query = max_of_column_sql(t, col);
        p.comment = "review: paired by name with " + pairing->table + "." + col;
      }
    }
    if (p.query.empty())
      p.comment += "; give the query of the highest value it has handed out, or skip";
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace s2p::scaffolding

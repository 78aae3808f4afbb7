// scaffold's proposal for each column: a transform that loads every sampled value exactly, and
// the PostgreSQL type that keeps what the SQLite file says (numeric precision, dates, keys).
#include <algorithm>
#include <cctype>
#include <cstring>
#include <map>

#include "model.h"
#include "sqlite2pg/util/text.h"

namespace s2p::scaffolding {
namespace {

// SQLite's type affinity rules for a declared type.
std::string affinity(const std::string& declared) {
  const std::string d = ascii_upper(declared);
  if (d.find("INT") != std::string::npos) return "INTEGER";
  if (d.find("CHAR") != std::string::npos || d.find("CLOB") != std::string::npos ||
      d.find("TEXT") != std::string::npos)
    return "TEXT";
  if (d.empty() || d.find("BLOB") != std::string::npos) return "BLOB";
  if (d.find("REAL") != std::string::npos || d.find("FLOA") != std::string::npos ||
      d.find("DOUB") != std::string::npos)
    return "REAL";
  return "NUMERIC";
}

bool name_suggests_time(const std::string& name) {
  const std::string n = ascii_lower(name);
  for (const char* hint :
       {"_at", "time", "date", "login", "seen", "expires", "created", "updated"}) {
    if (n.find(hint) != std::string::npos) return true;
  }
  return false;
}

std::string of(std::size_t n, std::size_t present, const char* what) {
  return std::to_string(n) + " of " + std::to_string(present) + " sampled values are " + what;
}

// A column whose sampled values are all text.
void propose_for_text(Column& c, std::size_t present) {
  const auto& s = c.sample;
  const std::string declared = ascii_upper(c.info.declared_type);
  if (s.uuids == present) {
    c.transform = "uuid";
  } else if (s.dates == present) {
    c.transform = "date";
  } else if (s.timestamps == present) {
    c.transform = "timestamptz";
  } else if (s.times == present && declared.find("TIME") != std::string::npos) {
    c.transform = "time";
  } else if (s.json == present) {
    c.transform = "jsonb";
  } else {
    c.transform = "text";
    if (s.uuids) c.note = of(s.uuids, present, "UUIDs");
    if (s.timestamps) c.note = of(s.timestamps, present, "timestamps");
    if (s.json) c.note = of(s.json, present, "JSON");
  }
}

// A column whose sampled values are all integers. A boolean must hold both 0 and 1 and be
// neither a key nor a reference: those are ids, and a lone 1 may be a count.
void propose_for_integers(Column& c, std::size_t present) {
  const auto& s = c.sample;
  const bool may_be_flag = !c.info.pk_position && !c.references_something;
  if (s.epoch_ms == present && may_be_flag) {
    c.transform = "epoch_milliseconds";
    c.note = "every value lies between 2000 and 2200 read as epoch milliseconds";
  } else if (s.epoch_s == present && may_be_flag && name_suggests_time(c.info.name)) {
    c.transform = "epoch_seconds";
    c.note = "the name and every value (2000..2200 as epoch seconds) suggest a timestamp";
  } else if (s.zeros + s.ones == present && s.zeros && s.ones && may_be_flag) {
    c.transform = "boolean";
    c.note = "only 0 and 1 seen: a boolean, unless it counts something";
  } else {
    c.transform = "integer";
    if (s.epoch_s == present && may_be_flag)
      c.note = "values could be epoch seconds: use epoch_seconds if they are";
  }
}

struct DecimalType {
  bool decimal = false;
  int precision = -1, scale = 0;  // precision -1: none declared
};

// "NUMERIC", "DECIMAL(10,2)", "money", "numeric (8)": SQLite keeps the declared type as written.
DecimalType decimal_type(const std::string& declared) {
  const std::string d = ascii_upper(declared);
  std::size_t at = 0;
  const auto spaces = [&] {
    while (at < d.size() && d[at] == ' ') ++at;
  };
  const auto number = [&](int& out) {
    spaces();
    const std::size_t start = at;
    while (at < d.size() && at - start < 4 && std::isdigit(static_cast<unsigned char>(d[at]))) ++at;
    if (at == start) return false;
    out = std::stoi(d.substr(start, at - start));
    spaces();
    return true;
  };
  spaces();
  DecimalType t;
  for (const char* word : {"NUMERIC", "DECIMAL", "MONEY"}) {
    if (d.compare(at, std::strlen(word), word) == 0) {
      t.decimal = true;
      at += std::strlen(word);
      break;
    }
  }
  if (!t.decimal) return t;
  spaces();
  int p = 0, s = 0;
  if (at >= d.size() || d[at] != '(' || !(++at, number(p))) return t;
  if (at < d.size() && d[at] == ',' && !(++at, number(s))) return t;
  if (at < d.size() && d[at] == ')') {
    t.precision = p;
    t.scale = s;
  }
  return t;
}

// NUMERIC(p,s) / DECIMAL(p,s) declared: exact decimals, with the declared precision when every
// sampled value fits it.
bool propose_decimal(Column& c, std::size_t present) {
  const std::string& declared = c.info.declared_type;
  const DecimalType type = decimal_type(declared);
  if (!type.decimal || c.sample.decimals != present) return false;
  c.transform = "numeric";
  c.pg_type = "NUMERIC";
  if (type.precision >= 0) {
    const int p = type.precision;
    const int s = type.scale;
    if (p >= 1 && p <= 1000 && s <= p && c.sample.max_fraction <= static_cast<std::size_t>(s) &&
        c.sample.max_whole <= static_cast<std::size_t>(p - s)) {
      c.pg_type = "NUMERIC(" + std::to_string(p) + "," + std::to_string(s) + ")";
    } else {
      c.note = "sampled values do not fit the declared " + declared + ": unconstrained NUMERIC";
    }
  }
  return true;
}

void propose_mixed(Column& c) {
  const auto& s = c.sample;
  const std::string counts = std::to_string(s.integers) + " integer, " + std::to_string(s.reals) +
                             " real, " + std::to_string(s.texts) + " text, " +
                             std::to_string(s.blobs) + " blob";
  if (s.blobs) {
    c.transform = "bytea";
    c.note = "mixed storage classes (" + counts + "): only BLOB and TEXT load as bytea; check";
    return;
  }
  c.transform = "text";
  c.note = "mixed storage classes (" + counts + "): text, numbers as their exact text";
}

void propose_column(Column& c) {
  const auto& s = c.sample;
  const std::size_t present = s.values - s.nulls;
  const std::string aff = affinity(c.info.declared_type);
  if (present == 0) {
    c.transform = aff == "INTEGER" ? "integer"
                  : aff == "REAL"  ? "real"
                  : aff == "BLOB"  ? "bytea"
                                   : "text";
    c.note = "no values to sample; chosen from the declared type '" + c.info.declared_type + "'";
  } else if (propose_decimal(c, present)) {
  } else if (s.texts == present) {
    propose_for_text(c, present);
  } else if (s.integers == present) {
    propose_for_integers(c, present);
  } else if (s.reals + s.integers == present) {
    c.transform = s.big_integers ? "numeric" : "real";
    if (s.big_integers) c.note = "integers beyond 2^53 among reals: numeric keeps both exactly";
  } else if (s.blobs == present) {
    c.transform = "bytea";
  } else {
    propose_mixed(c);
  }
}

std::string type_for(const std::string& transform) {
  static const std::map<std::string, std::string> kTypes = {{"text", "TEXT"},
                                                            {"integer", "BIGINT"},
                                                            {"real", "DOUBLE PRECISION"},
                                                            {"boolean", "BOOLEAN"},
                                                            {"bytea", "BYTEA"},
                                                            {"jsonb", "JSONB"},
                                                            {"timestamptz", "TIMESTAMPTZ"},
                                                            {"epoch_seconds", "TIMESTAMPTZ"},
                                                            {"epoch_milliseconds", "TIMESTAMPTZ"},
                                                            {"uuid", "UUID"},
                                                            {"remap_id", "UUID"},
                                                            {"numeric", "NUMERIC"},
                                                            {"date", "DATE"},
                                                            {"time", "TIME"}};
  return kTypes.at(transform);
}

// Ids that are not all UUIDs but some are (the legacy mix) get new UUIDs; references follow.
void propose_remapping(std::vector<Table>& tables) {
  for (auto& t : tables) {
    if (t.primary_key.size() != 1) continue;
    for (auto& c : t.columns) {
      if (c.info.name != t.primary_key[0] || c.sample.texts == 0) continue;
      if (c.sample.uuids > 0 && c.sample.uuids < c.sample.texts) {
        c.transform = "remap_id";
        c.note = std::to_string(c.sample.uuids) + " of " + std::to_string(c.sample.texts) +
                 " sampled ids are UUIDs: the others get new UUIDs (etl.id_map)";
        t.remapped_key = true;
      }
    }
  }
  for (auto& t : tables) {
    for (const auto& fk : t.references) {
      const auto parent = std::find_if(tables.begin(), tables.end(),
                                       [&](const Table& p) { return p.name == fk.table; });
      if (parent == tables.end() || !parent->remapped_key) continue;
      for (auto& c : t.columns) {
        if (c.info.name != fk.from) continue;
        c.transform = "remap_id";
        c.references = fk.table;
        c.note = "references " + fk.table + ", whose ids are remapped";
      }
    }
  }
}

// INTEGER PRIMARY KEY is SQLite's rowid: the application's next row takes the next id, so the
// PostgreSQL column is an identity (its sequence restarted past the loaded ids).
void propose_identity(Table& t) {
  if (t.primary_key.size() != 1) return;
  for (auto& c : t.columns) {
    if (c.info.name == t.primary_key[0] && ascii_upper(c.info.declared_type) == "INTEGER" &&
        c.transform == "integer")
      c.identity = true;
  }
}

}  // namespace

void propose(Schema& schema) {
  for (auto& t : schema.tables) {
    for (auto& c : t.columns) propose_column(c);
  }
  propose_remapping(schema.tables);
  for (auto& t : schema.tables) {
    propose_identity(t);
    for (auto& c : t.columns) {
      if (c.pg_type.empty() || c.transform != "numeric") c.pg_type = type_for(c.transform);
    }
  }
}

}  // namespace s2p::scaffolding

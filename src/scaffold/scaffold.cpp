#include "sqlite2pg/scaffold/scaffold.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <optional>

#include "sqlite2pg/extract/sqlite_source.h"
#include "sqlite2pg/transform/json_canonical.h"
#include "sqlite2pg/transform/timestamp.h"
#include "sqlite2pg/util/text.h"
#include "sqlite2pg/util/uuid.h"

namespace s2p {
namespace {

// What a sample of one column's values looks like.
struct ColumnSample {
  std::size_t values = 0, nulls = 0, integers = 0, reals = 0, texts = 0, blobs = 0;
  std::size_t uuids = 0, json = 0, timestamps = 0, zero_one = 0, epoch_ms = 0, epoch_s = 0;
};

struct Column {
  SourceColumn info;
  ColumnSample sample;
  std::string transform;
  std::string references;  // remap_id of a reference: the parent table
  std::string note;        // why the guess could be wrong
};

struct ForeignKeyRef {
  std::string from, table, to;
};

struct Table {
  std::string name;
  std::vector<Column> columns;
  std::vector<ForeignKeyRef> references;
  std::vector<std::string> primary_key;
  bool remapped_key = false;
};

// SQLite's type affinity rules for a declared type.
std::string affinity(std::string declared) {
  std::transform(declared.begin(), declared.end(), declared.begin(), ::toupper);
  if (declared.find("INT") != std::string::npos) return "INTEGER";
  if (declared.find("CHAR") != std::string::npos || declared.find("CLOB") != std::string::npos ||
      declared.find("TEXT") != std::string::npos) {
    return "TEXT";
  }
  if (declared.empty() || declared.find("BLOB") != std::string::npos) return "BLOB";
  if (declared.find("REAL") != std::string::npos || declared.find("FLOA") != std::string::npos ||
      declared.find("DOUB") != std::string::npos) {
    return "REAL";
  }
  return "NUMERIC";
}

bool name_suggests_time(std::string n) {
  std::transform(n.begin(), n.end(), n.begin(), ::tolower);
  for (const char* hint :
       {"_at", "time", "date", "login", "seen", "expires", "created", "updated"}) {
    if (n.find(hint) != std::string::npos) return true;
  }
  return false;
}

void sample_column(ColumnSample& s, const SourceValue& v) {
  ++s.values;
  switch (v.type) {
    case SqliteType::null:
      ++s.nulls;
      return;
    case SqliteType::integer:
      ++s.integers;
      if (v.integer == 0 || v.integer == 1) ++s.zero_one;
      if (v.integer >= 946'684'800'000 && v.integer < 7'258'118'400'000)
        ++s.epoch_ms;  // 2000..2200
      if (v.integer >= 946'684'800 && v.integer < 7'258'118'400) ++s.epoch_s;
      return;
    case SqliteType::real:
      ++s.reals;
      return;
    case SqliteType::blob:
      ++s.blobs;
      return;
    case SqliteType::text: {
      ++s.texts;
      if (parse_uuid(v.bytes)) ++s.uuids;
      UnixMicros t;
      if (parse_timestamp_text(v.bytes, t).empty()) ++s.timestamps;
      if (!v.bytes.empty() && (v.bytes.front() == '{' || v.bytes.front() == '[')) {
        std::string canonical;
        if (canonicalize_jsonb(v.bytes, canonical).empty()) ++s.json;
      }
      return;
    }
  }
}

// A column whose sampled values are all text.
void propose_for_text(Column& c, std::size_t present) {
  const auto& s = c.sample;
  if (s.uuids == present) {
    c.transform = "uuid";
  } else if (s.timestamps == present) {
    c.transform = "timestamptz";
  } else if (s.json == present) {
    c.transform = "jsonb";
  } else {
    c.transform = "text";
    if (s.uuids)
      c.note =
          std::to_string(s.uuids) + " of " + std::to_string(present) + " sampled values are UUIDs";
    if (s.timestamps)
      c.note = std::to_string(s.timestamps) + " of " + std::to_string(present) +
               " sampled values are timestamps";
    if (s.json)
      c.note =
          std::to_string(s.json) + " of " + std::to_string(present) + " sampled values are JSON";
  }
}

// A column whose sampled values are all integers.
void propose_for_integers(Column& c, std::size_t present) {
  const auto& s = c.sample;
  if (s.epoch_ms == present) {
    c.transform = "epoch_milliseconds";
    c.note = "every value lies between 2000 and 2200 read as epoch milliseconds";
  } else if (s.epoch_s == present && name_suggests_time(c.info.name)) {
    c.transform = "epoch_seconds";
    c.note = "the name and every value (2000..2200 as epoch seconds) suggest a timestamp";
  } else if (s.zero_one == present) {
    c.transform = "boolean";
    c.note = "only 0 and 1 seen: a boolean, unless it counts something";
  } else {
    c.transform = "integer";
    if (s.epoch_s == present)
      c.note = "values could be epoch seconds: use epoch_seconds if they are";
  }
}

// The proposal for one column, from its declared type and its sample.
void propose(Column& c) {
  const auto& s = c.sample;
  const std::size_t present = s.values - s.nulls;
  const std::string aff = affinity(c.info.declared_type);
  if (present == 0) {
    c.transform = aff == "INTEGER" ? "integer"
                  : aff == "REAL"  ? "real"
                  : aff == "BLOB"  ? "bytea"
                                   : "text";
    c.note = "no values to sample; chosen from the declared type '" + c.info.declared_type + "'";
    return;
  }
  if (s.texts == present) {
    propose_for_text(c, present);
    return;
  }
  if (s.integers == present) {
    propose_for_integers(c, present);
    return;
  }
  if (s.reals + s.integers == present) {
    c.transform = "real";
    return;
  }
  if (s.blobs == present) {
    c.transform = "bytea";
    return;
  }
  c.transform = aff == "INTEGER" ? "integer" : "text";
  c.note = "mixed storage classes (" + std::to_string(s.integers) + " integer, " +
           std::to_string(s.reals) + " real, " + std::to_string(s.texts) + " text, " +
           std::to_string(s.blobs) + " blob): check before migrating";
}

std::string pg_type(const Column& c) {
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
                                                            {"remap_id", "UUID"}};
  return kTypes.at(c.transform);
}

std::vector<Table> read_tables(SqliteSource& source, std::size_t sample_rows) {
  std::vector<Table> tables;
  SQLite::Statement names(source.db(),
                          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                          "'sqlite\\_%' ESCAPE '\\' "
                          "ORDER BY name");
  while (names.executeStep()) tables.push_back({names.getColumn(0).getString()});
  for (auto& t : tables) {
    for (const auto& info : source.columns(t.name)) {
      t.columns.push_back({info});
      if (info.pk_position) t.primary_key.push_back(info.name);
    }
    std::sort(t.primary_key.begin(), t.primary_key.end(), [&](const auto& a, const auto& b) {
      auto pos = [&](const std::string& n) {
        for (const auto& c : t.columns) {
          if (c.info.name == n) return c.info.pk_position;
        }
        return 0;
      };
      return pos(a) < pos(b);
    });
    SQLite::Statement fks(source.db(),
                          "SELECT \"from\", \"table\", \"to\" FROM pragma_foreign_key_list(?)");
    fks.bind(1, t.name);
    while (fks.executeStep()) {
      t.references.push_back({fks.getColumn(0).getString(), fks.getColumn(1).getString(),
                              fks.getColumn(2).isNull() ? "" : fks.getColumn(2).getString()});
    }
    std::string select;
    for (const auto& c : t.columns)
      select += (select.empty() ? "" : ", ") + quote_ident(c.info.name);
    RowCursor rows(source, "SELECT " + select + " FROM " + quote_ident(t.name) + " LIMIT " +
                               std::to_string(sample_rows));
    while (rows.next()) {
      for (std::size_t i = 0; i < t.columns.size(); ++i)
        sample_column(t.columns[i].sample, rows.value(static_cast<int>(i)));
    }
    for (auto& c : t.columns) propose(c);
  }
  return tables;
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

std::string emit_yaml(const std::vector<Table>& tables, const ScaffoldOptions& o) {
  YAML::Emitter e;
  e << YAML::Comment("Proposed by sqlite2pg scaffold from " + o.sqlite_file +
                     ". Review every commented guess; `sqlite2pg plan` checks the result.");
  e << YAML::BeginMap;
  e << YAML::Key << "source" << YAML::Value << o.source_name;
  e << YAML::Key << "path" << YAML::Value << o.sqlite_file;
  e << YAML::Key << "tables" << YAML::Value << YAML::BeginMap;
  for (const auto& t : tables) {
    e << YAML::Key << t.name << YAML::Value << YAML::BeginMap;
    e << YAML::Key << "target" << YAML::Value << o.target_schema + "." + t.name;
    if (t.primary_key.empty())
      e << YAML::Comment("no primary key: rows are named by rowid in messages");
    e << YAML::Key << "columns" << YAML::Value << YAML::BeginMap;
    for (const auto& c : t.columns) {
      e << YAML::Key << c.info.name << YAML::Value;
      if (c.references.empty()) {
        e << c.transform;
      } else {
        e << YAML::Flow << YAML::BeginMap << YAML::Key << "transform" << YAML::Value << c.transform
          << YAML::Key << "references" << YAML::Value << c.references << YAML::EndMap;
      }
      if (!c.note.empty()) e << YAML::Comment(c.note);
    }
    e << YAML::EndMap << YAML::EndMap;
  }
  e << YAML::EndMap << YAML::EndMap;
  return std::string(e.c_str()) + "\n";
}

std::string emit_ddl(const std::vector<Table>& tables, const ScaffoldOptions& o) {
  const std::string schema = quote_ident(o.target_schema);
  std::string out =
      "-- Proposed by sqlite2pg scaffold from " + o.sqlite_file +
      ". Place it after sqlite2pg's own migrations (000_etl.sql, 005_etl_row_hashes.sql).\n"
      "CREATE SCHEMA IF NOT EXISTS " +
      schema + ";\n";
  // Tables first, foreign keys after them: no order to find, cycles included.
  std::string foreign_keys;
  for (const auto& t : tables) {
    out += "\nCREATE TABLE " + schema + "." + quote_ident(t.name) + " (\n";
    std::vector<std::string> lines;
    for (const auto& c : t.columns) {
      lines.push_back("  " + quote_ident(c.info.name) + " " + pg_type(c) +
                      (c.info.not_null ? " NOT NULL" : ""));
    }
    if (!t.primary_key.empty()) {
      std::string pk;
      for (const auto& k : t.primary_key) pk += (pk.empty() ? "" : ", ") + quote_ident(k);
      lines.push_back("  PRIMARY KEY (" + pk + ")");
    }
    for (std::size_t i = 0; i < lines.size(); ++i)
      out += lines[i] + (i + 1 < lines.size() ? ",\n" : "\n");
    out += ");\n";
    for (const auto& fk : t.references) {
      const auto parent = std::find_if(tables.begin(), tables.end(),
                                       [&](const Table& p) { return p.name == fk.table; });
      if (parent == tables.end()) continue;
      std::string to = fk.to;
      if (to.empty() && parent->primary_key.size() == 1) to = parent->primary_key[0];
      if (to.empty()) continue;
      foreign_keys += "ALTER TABLE " + schema + "." + quote_ident(t.name) + " ADD FOREIGN KEY (" +
                      quote_ident(fk.from) + ") REFERENCES " + schema + "." +
                      quote_ident(fk.table) + " (" + quote_ident(to) + ");\n";
    }
  }
  if (!foreign_keys.empty()) out += "\n" + foreign_keys;
  return out;
}

}  // namespace

Scaffold scaffold(const ScaffoldOptions& in) {
  ScaffoldOptions o = in;
  if (o.source_name.empty()) o.source_name = std::filesystem::path(o.sqlite_file).stem().string();
  if (o.target_schema.empty()) o.target_schema = o.source_name;
  SqliteSource source(o.source_name, o.sqlite_file);
  source.begin_snapshot();
  auto tables = read_tables(source, o.sample_rows);
  source.end_snapshot();
  propose_remapping(tables);
  return {emit_yaml(tables, o), emit_ddl(tables, o)};
}

}  // namespace s2p

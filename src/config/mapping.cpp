#include "sqlite2pg/config/mapping.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "sqlite2pg/config/app_ledgers.h"
#include "sqlite2pg/transform/converter.h"
#include "sqlite2pg/util/failure.h"
#include "sqlite2pg/util/sha256.h"
#include "sqlite2pg/util/uuid.h"

namespace s2p {
namespace fs = std::filesystem;
namespace {

std::string where(const fs::path& file, const YAML::Node& node) {
  const auto m = node.Mark();
  if (m.line < 0) return file.string();
  return file.string() + ":" + std::to_string(m.line + 1) + ":" + std::to_string(m.column + 1);
}

[[noreturn]] void fail(const std::string& at, const std::string& message) {
  throw Failure(ExitCode::config, at + ": " + message);
}

std::string scalar(const fs::path& file, const YAML::Node& node, const std::string& what) {
  if (!node || !node.IsScalar()) fail(where(file, node), what + " must be a plain value");
  return node.as<std::string>();
}

void allow_keys(const fs::path& file, const YAML::Node& map,
                std::initializer_list<const char*> keys, const std::string& what) {
  for (const auto& kv : map) {
    const auto key = kv.first.as<std::string>();
    if (std::none_of(keys.begin(), keys.end(), [&](const char* k) { return key == k; })) {
      std::string allowed;
      for (const char* k : keys) allowed += std::string(allowed.empty() ? "" : ", ") + k;
      fail(where(file, kv.first),
           "unknown key '" + key + "' in " + what + " (allowed: " + allowed + ")");
    }
  }
}

ColumnMapping parse_column(const fs::path& file, const YAML::Node& name, const YAML::Node& spec) {
  ColumnMapping c;
  c.source_column = name.as<std::string>();
  c.target_column = c.source_column;
  c.where = where(file, spec);
  if (spec.IsScalar()) {
    c.transform = spec.as<std::string>();
  } else if (spec.IsMap()) {
    allow_keys(file, spec,
               {"transform", "to", "references", "constants", "separator", "precision", "config"},
               "column '" + c.source_column + "'");
    c.transform = scalar(file, spec["transform"], "column '" + c.source_column + "': transform");
    if (spec["to"]) c.target_column = scalar(file, spec["to"], "to");
    if (spec["references"]) c.references = scalar(file, spec["references"], "references");
    if (spec["precision"]) {
      c.precision = scalar(file, spec["precision"], "precision");
      if (c.precision != "truncate" && c.precision != "round")
        fail(where(file, spec["precision"]),
             "precision is truncate or round, got '" + c.precision + "'");
    }
    if (spec["config"]) {
      c.config = scalar(file, spec["config"], "config");
      if (c.config.empty()) fail(where(file, spec["config"]), "config must not be empty");
    }
    if (spec["separator"]) {
      c.separator = scalar(file, spec["separator"], "separator");
      if (c.separator.empty()) fail(where(file, spec["separator"]), "separator must not be empty");
    }
    if (const auto constants = spec["constants"]) {
      if (!constants.IsMap()) fail(where(file, constants), "constants must be a map of word: UUID");
      for (const auto& kv : constants) {
        const auto value = scalar(file, kv.second, "constant");
        if (!parse_uuid(value))
          fail(where(file, kv.second), "constant '" + value + "' is not a UUID");
        c.constants[kv.first.as<std::string>()] = value;
      }
    }
  } else {
    fail(c.where, "column '" + c.source_column + "' must be a transform name or a map");
  }
  if (c.transform == "skip") {
    c.skip = true;
    c.transform.clear();
    return c;
  }
  if (!find_transform(c.transform)) {
    std::string known;
    for (const auto& t : transforms())
      known += std::string(known.empty() ? "" : ", ") + std::string(t.name);
    fail(c.where, "unknown transform '" + c.transform + "' (known: " + known + ", skip)");
  }
  if (!c.references.empty() && c.transform != "remap_id") {
    fail(c.where, "references goes with transform remap_id");
  }
  if (!c.constants.empty() && c.transform != "uuid")
    fail(c.where, "constants go with transform uuid");
  if (!c.precision.empty() && c.transform != "timestamptz" && c.transform != "time")
    fail(c.where, "precision goes with transform timestamptz or time");
  if (!c.config.empty() && c.transform != "to_tsvector")
    fail(c.where, "config goes with transform to_tsvector");
  if (c.config.empty() && c.transform == "to_tsvector")
    fail(c.where,
         "transform to_tsvector needs config: the text search configuration the application's "
         "queries use (e.g. config: english)");
  if (!c.separator.empty() && c.transform != "array")
    fail(c.where, "separator goes with transform array");
  return c;
}

TableMapping parse_table(const fs::path& file, const YAML::Node& name, const YAML::Node& spec) {
  TableMapping t;
  t.source_table = name.as<std::string>();
  t.where = where(file, name);
  if (!spec.IsMap()) fail(t.where, "table '" + t.source_table + "' must be a map");
  allow_keys(file, spec, {"target", "key", "columns", "on_error", "ledger", "after_load"},
             "table '" + t.source_table + "'");
  if (const auto ledger = spec["ledger"]) {
    if (scalar(file, ledger, "ledger") != "overwrite")
      fail(where(file, ledger), "ledger is overwrite (the only way to write a migration ledger)");
    t.overwrite_ledger = true;
  }
  if (const auto statements = spec["after_load"]) {
    if (!statements.IsSequence()) fail(where(file, statements), "after_load is a list of SQL");
    for (const auto& st : statements) t.after_load.push_back(scalar(file, st, "after_load"));
  }
  if (const auto on_error = spec["on_error"]) {
    const auto policy = scalar(file, on_error, "on_error");
    if (policy != "stop" && policy != "reject") {
      fail(where(file, on_error), "on_error is stop or reject, got '" + policy + "'");
    }
    t.reject_bad_rows = policy == "reject";
  }
  const auto target = scalar(file, spec["target"], "table '" + t.source_table + "': target");
  const auto dot = target.find('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == target.size()) {
    fail(where(file, spec["target"]), "target must be schema.table, got '" + target + "'");
  }
  t.target_schema = target.substr(0, dot);
  t.target_table = target.substr(dot + 1);
  if (const char* framework = migration_ledger_of(t.target_table); framework && !t.overwrite_ledger)
    fail(where(file, spec["target"]),
         t.target_table + " is " + framework +
             "'s migration ledger: the application's PostgreSQL migrations wrote their own rows "
             "there. Map it `" +
             t.source_table + ": skip`, or add `ledger: overwrite` to replace them");
  if (const auto key = spec["key"]) {
    if (key.IsScalar()) {
      t.key.push_back(key.as<std::string>());
    } else if (key.IsSequence()) {
      for (const auto& k : key) t.key.push_back(scalar(file, k, "key column"));
    } else {
      fail(where(file, key), "key must be a column name or a list of them");
    }
  }
  const auto columns = spec["columns"];
  if (!columns || !columns.IsMap() || columns.size() == 0) {
    fail(t.where, "table '" + t.source_table + "' needs a map of columns");
  }
  std::set<std::string> targets;
  for (const auto& kv : columns) {
    auto c = parse_column(file, kv.first, kv.second);
    if (!c.skip && !targets.insert(c.target_column).second) {
      fail(c.where, "two columns write target column '" + c.target_column + "'");
    }
    t.columns.push_back(std::move(c));
  }
  return t;
}

// schema.sequence: "SELECT ..." | skip | TO DECIDE
std::vector<SequenceSetting> parse_sequences(const fs::path& file, const YAML::Node& node) {
  if (!node.IsMap())
    fail(where(file, node), "sequences is a map of schema.sequence: query or skip");
  std::vector<SequenceSetting> out;
  for (const auto& kv : node) {
    SequenceSetting s;
    s.name = kv.first.as<std::string>();
    s.where = where(file, kv.first);
    const auto dot = s.name.find('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 == s.name.size())
      fail(s.where, "a sequence is named schema.sequence, got '" + s.name + "'");
    const auto value = scalar(file, kv.second, "sequence " + s.name);
    s.skip = value == "skip";
    s.undecided = value == "TO DECIDE";
    if (!s.skip && !s.undecided) s.query = value;
    if (s.query.find_first_not_of(" \t\r\n") == std::string::npos && !s.skip && !s.undecided)
      fail(s.where, "sequence " + s.name + " needs a query, skip or TO DECIDE");
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace

SourceMapping load_mapping_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw Failure(ExitCode::config, file.string() + ": cannot read mapping file");
  std::stringstream text;
  text << in.rdbuf();
  SourceMapping m = parse_mapping(text.str(), file);
  m.file_sha256 = sha256_file(file);
  return m;
}

SourceMapping parse_mapping(const std::string& text, const fs::path& file) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    throw Failure(ExitCode::config, file.string() + ":" + std::to_string(e.mark.line + 1) + ":" +
                                        std::to_string(e.mark.column + 1) +
                                        ": YAML syntax error: " + e.msg);
  }
  if (!root.IsMap())
    fail(file.string(), "a mapping file must be a map with source, path and tables");
  try {
    allow_keys(file, root, {"source", "path", "tables", "sequences"}, "mapping file");
    SourceMapping m;
    m.file = file;
    m.name = scalar(file, root["source"], "source");
    m.path = scalar(file, root["path"], "path");
    const auto tables = root["tables"];
    if (!tables || !tables.IsMap())
      fail(file.string(), "tables must be a map of source table names");
    for (const auto& kv : tables) {
      if (kv.second.IsScalar() && kv.second.as<std::string>() == "skip")
        m.skipped_tables.push_back(kv.first.as<std::string>());
      else
        m.tables.push_back(parse_table(file, kv.first, kv.second));
    }
    if (m.tables.empty()) fail(file.string(), "tables is empty: map at least one table");
    if (const auto sequences = root["sequences"]) m.sequences = parse_sequences(file, sequences);
    // References stay within one source: its ids are what the remapping is computed from.
    for (const auto& t : m.tables) {
      for (const auto& c : t.columns) {
        if (c.transform != "remap_id" || c.references.empty() || c.references == t.source_table)
          continue;
        const bool mapped =
            std::any_of(m.tables.begin(), m.tables.end(),
                        [&](const TableMapping& o) { return o.source_table == c.references; });
        if (!mapped)
          fail(c.where, "references table '" + c.references + "', which this mapping does not map");
      }
    }
    return m;
  } catch (const YAML::Exception& e) {
    throw Failure(ExitCode::config, file.string() + ":" + std::to_string(e.mark.line + 1) + ":" +
                                        std::to_string(e.mark.column + 1) + ": " + e.msg);
  }
}

std::vector<SourceMapping> load_mappings(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw Failure(ExitCode::config, "mappings directory not found: " + dir.string());
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    const auto ext = entry.path().extension();
    if (entry.is_regular_file() && (ext == ".yaml" || ext == ".yml")) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  if (files.empty()) throw Failure(ExitCode::config, "no *.yaml mapping files in " + dir.string());
  std::vector<SourceMapping> out;
  std::map<std::string, std::string> target_owner;
  for (const auto& f : files) {
    auto m = load_mapping_file(f);
    for (const auto& other : out) {
      if (other.name == m.name) {
        throw Failure(ExitCode::config, f.string() + ": source '" + m.name +
                                            "' is already mapped by " + other.file.string());
      }
    }
    for (const auto& t : m.tables) {
      const auto [it, fresh] = target_owner.emplace(t.target_name(), t.where);
      if (!fresh)
        fail(t.where, "target table " + t.target_name() + " is also written by " + it->second);
    }
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace s2p

// scaffold: a proposal for any SQLite file, in steps (model.h): read, propose, name, write.
#include "sqlite2pg/scaffold/scaffold.h"

#include <yaml-cpp/yaml.h>

#include <filesystem>

#include "model.h"

namespace s2p {
namespace scaffolding {

std::string emit_yaml(const Schema& s, const ScaffoldOptions& o) {
  YAML::Emitter e;
  e << YAML::Comment("Proposed by sqlite2pg scaffold from " + o.sqlite_file +
                     ". Review every commented guess; `sqlite2pg plan` checks the result.");
  e << YAML::BeginMap;
  e << YAML::Key << "source" << YAML::Value << o.source_name;
  e << YAML::Key << "path" << YAML::Value << o.sqlite_file;
  e << YAML::Key << "tables" << YAML::Value << YAML::BeginMap;
  for (const auto& t : s.tables) {
    e << YAML::Key << t.name << YAML::Value << YAML::BeginMap;
    e << YAML::Key << "target" << YAML::Value << o.target_schema + "." + t.target;
    if (t.primary_key.empty())
      e << YAML::Comment("no primary key: rows are named by rowid in messages");
    e << YAML::Key << "columns" << YAML::Value << YAML::BeginMap;
    for (const auto& c : t.columns) {
      e << YAML::Key << c.info.name << YAML::Value;
      if (c.references.empty() && c.target == c.info.name) {
        e << c.transform;
      } else {
        e << YAML::Flow << YAML::BeginMap << YAML::Key << "transform" << YAML::Value << c.transform;
        if (!c.references.empty()) e << YAML::Key << "references" << YAML::Value << c.references;
        if (c.target != c.info.name) e << YAML::Key << "to" << YAML::Value << c.target;
        e << YAML::EndMap;
      }
      if (!c.note.empty()) e << YAML::Comment(c.note);
    }
    e << YAML::EndMap << YAML::EndMap;
  }
  e << YAML::EndMap << YAML::EndMap;
  return std::string(e.c_str()) + "\n";
}

std::string yaml_scalar(const std::string& text) {
  YAML::Emitter e;
  e << text;
  return e.c_str();
}

}  // namespace scaffolding

namespace {

scaffolding::Schema read_and_propose(ScaffoldOptions& o, const std::string& default_schema) {
  if (o.source_name.empty()) o.source_name = std::filesystem::path(o.sqlite_file).stem().string();
  if (o.target_schema.empty())
    o.target_schema = default_schema.empty() ? o.source_name : default_schema;
  SqliteSource source(o.source_name, o.sqlite_file);
  source.begin_snapshot();
  auto schema = scaffolding::read_schema(source, o.sample_rows);
  source.end_snapshot();
  scaffolding::propose(schema);
  return schema;
}

}  // namespace

Scaffold scaffold_onto(const ScaffoldOptions& in, PgSession& pg) {
  ScaffoldOptions o = in;
  const auto schema = read_and_propose(o, "public");
  auto onto = scaffolding::scaffold_onto_target(schema, pg, o);
  Scaffold out;
  out.mapping_yaml = std::move(onto.mapping_yaml);
  out.notes = std::move(onto.notes);
  out.decisions = std::move(onto.decisions);
  return out;
}

Scaffold scaffold(const ScaffoldOptions& in) {
  ScaffoldOptions o = in;
  auto schema = read_and_propose(o, "");
  scaffolding::assign_names(schema, o.fold_names);
  Scaffold out;
  out.mapping_yaml = scaffolding::emit_yaml(schema, o);
  out.ddl = scaffolding::emit_ddl(schema, o);
  out.notes = schema.notes;
  return out;
}

}  // namespace s2p

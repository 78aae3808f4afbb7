#include "mapping_yaml.h"

#include "output_text.h"

namespace s2p::scaffolding {
namespace {

void key(YAML::Emitter& e, const std::string& name) {
  e << YAML::Key;
  yaml_text(e, name);
  e << YAML::Value;
}

// A column as its transform alone, or as a flow map when it says more.
void write_column(YAML::Emitter& e, const MappingColumn& c) {
  key(e, c.source);
  if (c.references.empty() && c.to.empty() && c.precision.empty() && c.config.empty()) {
    e << c.transform;
  } else {
    e << YAML::Flow << YAML::BeginMap << YAML::Key << "transform" << YAML::Value << c.transform;
    if (!c.references.empty()) {
      key(e, "references");
      yaml_text(e, c.references);
    }
    if (!c.to.empty()) {
      key(e, "to");
      yaml_text(e, c.to);
    }
    if (!c.precision.empty()) e << YAML::Key << "precision" << YAML::Value << c.precision;
    if (!c.config.empty()) {
      key(e, "config");
      yaml_text(e, c.config);
    }
    e << YAML::EndMap;
  }
  if (!c.comment.empty()) e << yaml_comment(c.comment);
}

}  // namespace

std::string write_mapping(const MappingFile& m) {
  YAML::Emitter e;
  e << yaml_header(m.header, m.decisions) << YAML::BeginMap;
  key(e, "source");
  yaml_text(e, m.source);
  key(e, "path");
  yaml_text(e, m.path);
  key(e, "tables");
  e << YAML::BeginMap;
  for (const auto& s : m.skipped) {
    key(e, s.name);
    e << "skip" << yaml_comment(s.comment);
  }
  for (const auto& t : m.tables) {
    key(e, t.source);
    e << YAML::BeginMap;
    key(e, "target");
    yaml_text(e, t.target);
    if (!t.comment.empty()) e << yaml_comment(t.comment);
    key(e, "columns");
    e << YAML::BeginMap;
    for (const auto& c : t.columns) write_column(e, c);
    e << YAML::EndMap << YAML::EndMap;
  }
  e << YAML::EndMap;
  if (!m.sequences.empty()) {
    key(e, "sequences");
    e << YAML::BeginMap;
    for (const auto& s : m.sequences) {
      key(e, s.name);
      yaml_text(e, s.value);
      if (!s.comment.empty()) e << yaml_comment(s.comment);
    }
    e << YAML::EndMap;
  }
  e << YAML::EndMap;
  return std::string(e.c_str()) + "\n";
}

}  // namespace s2p::scaffolding

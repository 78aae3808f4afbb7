// scaffold: a proposal for any SQLite file, in steps (model.h): read, check, propose, name,
// write.
#include "sqlite2pg/scaffold/scaffold.h"

#include <filesystem>

#include "mapping_yaml.h"
#include "model.h"

namespace s2p {
namespace scaffolding {

std::string emit_yaml(const Schema& s, const ScaffoldOptions& o) {
  MappingFile m{"Proposed by sqlite2pg scaffold from " + o.sqlite_file +
                    ". Review every commented guess; `sqlite2pg plan` checks the result.",
                s.decisions, o.source_name, o.sqlite_file};
  for (const auto& t : s.tables) {
    auto& out = m.tables.emplace_back(MappingTable{t.name, o.target_schema + "." + t.target});
    if (t.primary_key.empty()) out.comment = "no primary key: rows are named by rowid in messages";
    for (const auto& c : t.columns) {
      out.columns.push_back({c.info.name, c.transform, c.references,
                             c.target == c.info.name ? "" : c.target, c.note});
    }
  }
  return write_mapping(m);
}

}  // namespace scaffolding

namespace {

// The file's schema and a sample of its values, after SQLite's own check of the file: a
// damaged file would otherwise give a proposal for what is left of it.
scaffolding::Schema read(ScaffoldOptions& o, const std::string& default_schema) {
  if (o.source_name.empty()) o.source_name = std::filesystem::path(o.sqlite_file).stem().string();
  if (o.target_schema.empty())
    o.target_schema = default_schema.empty() ? o.source_name : default_schema;
  scaffolding::refuse_unusable_options(o);
  SqliteSource source(o.source_name, o.sqlite_file);
  source.check_integrity();
  source.begin_snapshot();
  auto schema = scaffolding::read_schema(source, o.sample_rows);
  source.end_snapshot();
  return schema;
}

}  // namespace

Scaffold scaffold_onto(const ScaffoldOptions& in, PgSession& pg) {
  ScaffoldOptions o = in;
  auto schema = read(o, "public");
  scaffolding::refuse_unusable_names(schema, o, false);
  scaffolding::propose(schema);
  auto onto = scaffolding::scaffold_onto_target(schema, pg, o);
  Scaffold out;
  out.mapping_yaml = std::move(onto.mapping_yaml);
  out.notes = std::move(onto.notes);
  out.decisions = std::move(onto.decisions);
  return out;
}

Scaffold scaffold(const ScaffoldOptions& in) {
  ScaffoldOptions o = in;
  auto schema = read(o, "");
  scaffolding::refuse_unusable_names(schema, o, true);
  scaffolding::set_aside_wide_tables(schema);
  scaffolding::propose(schema);
  scaffolding::assign_names(schema, o.fold_names);
  Scaffold out;
  out.mapping_yaml = scaffolding::emit_yaml(schema, o);
  out.ddl = scaffolding::emit_ddl(schema, o);
  out.notes = schema.notes;
  out.decisions = schema.decisions;
  return out;
}

}  // namespace s2p

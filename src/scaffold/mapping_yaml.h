#pragma once
// The mapping file both kinds of scaffold write, through yaml-cpp's emitter: every name a YAML
// key or value of its own (output_text.h), every comment on the line of the entry it is about.
#include <string>
#include <vector>

namespace s2p::scaffolding {

struct MappingColumn {
  std::string source, transform;
  std::string references;  // remap_id of a reference: the parent table
  std::string to;          // the target column when its name is not the source's
  std::string comment;
  std::string precision;  // timestamptz, time: digits past microseconds cut or rounded
  std::string config;     // to_tsvector: the text search configuration
};

struct MappingTable {
  std::string source, target;  // target: schema.table
  std::string comment;
  std::vector<MappingColumn> columns;
};

// A table deliberately left behind, or a sequence's setting: a name, a value, why.
struct MappingEntry {
  std::string name, value, comment;
};

struct MappingFile {
  std::string header;                  // the first comment line
  std::vector<std::string> decisions;  // a "TO DECIDE:" comment line each, below it
  std::string source, path;
  std::vector<MappingTable> tables;
  std::vector<MappingEntry> skipped;    // tables: `name: skip`
  std::vector<MappingEntry> sequences;  // sequences: `schema.name: query | TO DECIDE`
};

std::string write_mapping(const MappingFile& m);

}  // namespace s2p::scaffolding

#pragma once
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace s2p {

struct ColumnMapping {
  std::string source_column;
  std::string target_column;
  std::string transform;  // a name from transforms(); empty when skipped
  std::string
      references;  // remap_id: the source table owning the ids (empty: the key of this table)
  std::map<std::string, std::string> constants;  // uuid: word -> UUID text
  std::string separator;  // array: elements split on this text; empty: a JSON array
  std::string precision;  // timestamptz, time: "truncate" or "round" digits past microseconds
  std::string config;     // to_tsvector: the text search configuration, e.g. "english"
  bool skip = false;      // deliberately left behind
  std::string where;      // "file:line:column" for messages
};

struct TableMapping {
  std::string source_table;
  std::string target_schema;
  std::string target_table;
  std::vector<std::string> key;  // source columns naming a row in messages; default: the PK
  std::vector<ColumnMapping> columns;
  std::string where;
  // on_error: stop (the default: one bad value stops the run) or reject (bad rows go to the
  // reject file, the rest loads).
  bool reject_bad_rows = false;
  // ledger: overwrite. A target that is an application's migration ledger is written only so.
  bool overwrite_ledger = false;
  // SQL run in the cutover's transaction after every table is loaded, before validation, for
  // target columns no source column feeds.
  std::vector<std::string> after_load;

  std::string target_name() const { return target_schema + "." + target_table; }
};

// A sequence no column owns: set after the load from a query's integer, or left alone.
struct SequenceSetting {
  std::string name;   // schema.sequence
  std::string query;  // one integer (NULL: the sequence's start); the sequence hands out + 1
  bool skip = false;
  bool undecided = false;  // "TO DECIDE": plan refuses until it is decided
  std::string where;
};

struct SourceMapping {
  std::string name;            // e.g. "registry"
  std::string path;            // the production path; --source NAME=PATH replaces it
  std::filesystem::path file;  // the YAML file
  std::string file_sha256;
  std::vector<TableMapping> tables;
  std::vector<std::string> skipped_tables;  // `name: skip`: deliberately left behind
  std::vector<SequenceSetting> sequences;
};

// Reads every *.yaml / *.yml file of `dir` (sorted by name). Throws Failure(config) with
// file, line and column on any mistake: YAML syntax, unknown keys or transforms, references
// to unmapped tables, two mappings writing one target table, duplicate source names.
std::vector<SourceMapping> load_mappings(const std::filesystem::path& dir);

// One file; exposed for tests and tools that take a single mapping.
SourceMapping load_mapping_file(const std::filesystem::path& file);

// The text of a mapping file; `file` only names it in messages. Any mistake is a Failure(config).
SourceMapping parse_mapping(const std::string& text, const std::filesystem::path& file);

}  // namespace s2p

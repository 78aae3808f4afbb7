#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace s2p {

class PgSession;

struct ScaffoldOptions {
  std::string sqlite_file;
  std::string source_name;    // default: the file's stem
  std::string target_schema;  // default: the source name
  std::size_t sample_rows = 10'000;
  bool fold_names = false;  // PostgreSQL names in lower case (unquoted use), not as written
};

struct Scaffold {
  std::string mapping_yaml;  // a mapping file load_mapping_file() reads back
  std::string ddl;           // CREATE SCHEMA / CREATE TABLE for a target that has none yet
  // What the user should know: names changed or colliding, DEFAULTs, CHECKs and indexes not
  // re-created, views and triggers.
  std::vector<std::string> notes;
  // What the user must still decide before the mapping is complete: tables PostgreSQL cannot
  // hold (over 1,600 columns); with --target, what matches nothing or cannot load.
  std::vector<std::string> decisions;
};

// Proposes a mapping for every table (sqlite_* skipped) and column of a SQLite file, from the
// declared types and a sample of the values, with a comment on every guess that could be wrong.
// Throws Failure(config) for a file that fails PRAGMA quick_check and for names PostgreSQL
// cannot hold, naming them.
Scaffold scaffold(const ScaffoldOptions& options);

// The same onto the tables that already exist in `options.target_schema` of the target (no
// DDL): tables and columns matched by name, transforms chosen from the target types.
Scaffold scaffold_onto(const ScaffoldOptions& options, PgSession& pg);

}  // namespace s2p

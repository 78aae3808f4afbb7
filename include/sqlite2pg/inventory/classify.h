#pragma once
// What a SQLite file that is no mapping's source is: empty, a stale copy of a mapped source
// (legacy), or unknown. Only its schema and row counts are read.
#include <string>
#include <vector>

#include "sqlite2pg/config/mapping.h"
#include "sqlite2pg/extract/sqlite_source.h"
#include "sqlite2pg/inventory/found_file.h"

namespace s2p {

struct Classification {
  std::string kind;                        // empty, legacy or unknown
  const SourceMapping* copy_of = nullptr;  // legacy: the mapping of the source it copies
  std::vector<std::string> unmapped;       // legacy: its columns that mapping does not name
  std::vector<TableRows> tables;
};

// A file is a copy of a mapped source when every one of its tables is a table that source's
// mapping maps, holding every column the mapping names; the first such mapping is the one.
Classification classify_database(SqliteSource& file, const std::vector<SourceMapping>& mappings);

// "agents (3 rows), roles (0 rows)"
std::string describe_tables(const std::vector<TableRows>& tables);

}  // namespace s2p

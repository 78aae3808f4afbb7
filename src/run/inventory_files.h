#pragma once
// inventory's verdict on each file it found, given verify's reasons for the mapped sources.
#include <map>
#include <string>
#include <vector>

#include "sqlite2pg/inventory/found_file.h"
#include "sqlite2pg/pg/session.h"
#include "sqlite2pg/plan/plan.h"
#include "sqlite2pg/run/options.h"

namespace s2p {

struct MappedFile {
  std::string sources;  // "swarm" or "swarm, tickets"
  std::string real_path;
  std::vector<std::string> reasons;  // verify's; none: safe
};
using MappedFiles = std::map<std::pair<std::uint64_t, std::uint64_t>, MappedFile>;  // dev, inode

// By contents: verify's reasons, a stale copy's rows.
void judge_files(std::vector<FoundFile>& files, const MappedFiles& mapped,
                 const std::vector<SourceMapping>& mappings, PgSession& pg,
                 const InventoryOptions& options);

// By what lies beside each database and who uses it: committed WAL frames, a journal's pages,
// a companion SQLite did not write, another process's lock or descriptor keep a database with
// its -wal, -shm and -journal. Call once this process has closed every SQLite connection: the
// descriptors these reads and probes close would drop this process's own POSIX locks.
void judge_use(std::vector<FoundFile>& files);

}  // namespace s2p

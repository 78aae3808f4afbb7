#pragma once
// What verify's proof covers of each source file: its bytes and its -wal, taken before the
// file is opened and again after its read snapshot ends. Equal, they are the state that snapshot
// read (a checkpoint or a commit in between changes one of them); moved, the file is not
// certified, since what was read may not be what is on disk.
#include <map>
#include <string>
#include <vector>

#include "sqlite2pg/config/mapping.h"
#include "sqlite2pg/run/run_result.h"

namespace s2p {

// Each mapping's -wal now, by source name; before the sources are opened.
std::map<std::string, WalState> wal_states_before(const std::vector<SourceMapping>& mappings);

// Takes each file's sha256 and -wal again, after the snapshots ended. Records in result.wal the
// -wal state each source was opened with, and returns a reason for each file that moved.
std::vector<std::string> files_that_moved(const std::map<std::string, WalState>& before,
                                          RunResult& result);

// "source swarm (/srv/swarm.db) at sha256 ... with its -wal at ...; source ..." for each file.
std::string proof_scope(const RunResult& result);

}  // namespace s2p

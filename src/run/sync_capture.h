#pragma once
// sync and change capture: the log rows the last committed run consumed are deleted (the one
// write sync makes to a source), and each source's log is judged complete or not.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sqlite2pg/config/mapping.h"
#include "sqlite2pg/pg/session.h"
#include "sqlite2pg/run/run_result.h"
#include "sqlite2pg/sync/log_window.h"

namespace s2p {

using LogWindows = std::map<std::string, LogWindow>;  // by source name
// What the last committed run that read each source recorded of its capture, by source name.
using RecordedCaptures = std::map<std::string, std::optional<RecordedCapture>>;

// Read once, under the sync's lock: both steps below use them.
RecordedCaptures recorded_captures(PgSession& pg, const std::vector<SourceMapping>& mappings);

// For each source whose last run recorded capture on: deletes the log rows that run consumed.
// A file that cannot be written now (locked past --busy-timeout, read-only) keeps them, with a
// warning: they are only space.
void forget_consumed_logs(const std::vector<SourceMapping>& mappings,
                          const RecordedCaptures& recorded, RunResult& result);

// Each source's window, from its snapshot's capture state and the last run's record; reported
// (the report's capture section) for every source with capture on now or then. `read_whole`: none
// is used.
LogWindows log_windows(const std::vector<SourceFacts>& sources, const RecordedCaptures& recorded,
                       bool read_whole, RunResult& result);

}  // namespace s2p

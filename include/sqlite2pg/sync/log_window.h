#pragma once
// Whether a sync may read a source's change log instead of its tables: only when the log is
// provably complete since the last committed run that read the source, that is, capture was on
// and intact in that run's snapshot and is still the same capture now, over the same rowids.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sqlite2pg/extract/sqlite_source.h"
#include "sqlite2pg/pg/etl_store.h"

namespace s2p {

struct LogWindow {
  std::string source;
  bool usable = false;
  std::string reason;                  // why it is not: every table of the source is read whole
  std::int64_t run_id = 0;             // the last committed run that read the source
  std::int64_t after_seq = 0;          // the log's last seq in that run's snapshot
  std::int64_t through_seq = 0;        // and in this sync's
  std::map<std::string, int> numbers;  // captured tables read by that run: their log numbers
};

LogWindow log_window(const SourceFacts& now, const std::optional<RecordedCapture>& recorded);

}  // namespace s2p

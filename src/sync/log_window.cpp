#include "sqlite2pg/sync/log_window.h"

#include <algorithm>

namespace s2p {
namespace {

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : "; ") + i;
  return out;
}

// Why the log does not hold every write since run `was` read the source; empty when it does.
std::string why_incomplete(const CaptureStatus& now, const RecordedCapture& was) {
  const std::string run = "run " + std::to_string(was.run_id);
  if (!now.on) return "capture is off";
  if (!now.problems.empty()) return "capture is damaged: " + joined(now.problems);
  if (!was.on) return "capture was off or damaged when " + run + " read the file";
  if (was.generation != now.generation)
    return "capture was stopped and started again, or the file replaced, since " + run;
  if (was.schema_version != now.schema_version)
    return "the file's schema changed, or it was VACUUMed (which may give rows new rowids), "
           "since " +
           run + " (schema_version " + std::to_string(was.schema_version) + ", now " +
           std::to_string(now.schema_version) + ")";
  if (now.last_seq < was.seq)
    return "the log ends before what " + run + " read (seq " + std::to_string(was.seq) + ", now " +
           std::to_string(now.last_seq) + "): the file was replaced by an older copy";
  return "";
}

}  // namespace

LogWindow log_window(const SourceFacts& now, const std::optional<RecordedCapture>& recorded) {
  LogWindow w;
  w.source = now.name;
  w.through_seq = now.capture.last_seq;
  if (!recorded) {
    w.reason = "no committed run read it";
    return w;
  }
  w.run_id = recorded->run_id;
  w.after_seq = recorded->seq;
  w.reason = why_incomplete(now.capture, *recorded);
  if (!w.reason.empty()) return w;
  w.usable = true;
  for (std::size_t i = 0; i < now.capture.tables.size(); ++i) {
    const auto& table = now.capture.tables[i];
    if (std::count(recorded->tables.begin(), recorded->tables.end(), table))
      w.numbers[table] = static_cast<int>(i + 1);
  }
  return w;
}

}  // namespace s2p

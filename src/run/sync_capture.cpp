#include "sync_capture.h"

#include <spdlog/spdlog.h>

#include "sqlite2pg/extract/capture_file.h"
#include "sqlite2pg/util/failure.h"

namespace s2p {

RecordedCaptures recorded_captures(PgSession& pg, const std::vector<SourceMapping>& mappings) {
  RecordedCaptures out;
  for (const auto& m : mappings) out.emplace(m.name, recorded_capture(pg, m.name));
  return out;
}

void forget_consumed_logs(const std::vector<SourceMapping>& mappings, const RecordedCaptures& all,
                          RunResult& result) {
  for (const auto& m : mappings) {
    const auto& recorded = all.at(m.name);
    if (!recorded || !recorded->on) continue;
    try {
      CaptureFile file(m.name, m.path);
      const auto n = file.forget_consumed(recorded->generation, recorded->seq);
      result.capture_forgotten[m.name] = n;
      if (n)
        spdlog::info("source {}: {} log row(s) consumed by run {} deleted", m.name, n,
                     recorded->run_id);
    } catch (const Failure& e) {
      result.warnings.push_back("source " + m.name + ": the change log rows run " +
                                std::to_string(recorded->run_id) +
                                " consumed stay for now: " + e.what());
    }
  }
}

LogWindows log_windows(const std::vector<SourceFacts>& sources, const RecordedCaptures& all,
                       bool read_whole, RunResult& result) {
  LogWindows out;
  for (const auto& s : sources) {
    if (!s.same_file_as.empty()) continue;  // read through the other name
    const auto& recorded = all.at(s.name);
    LogWindow w = log_window(s, recorded);
    if (read_whole && w.usable) {
      w.usable = false;
      w.reason = "sync --read-whole";
    }
    if (s.capture.on || (recorded && recorded->on)) result.capture_windows.push_back(w);
    out.emplace(s.name, std::move(w));
  }
  return out;
}

}  // namespace s2p

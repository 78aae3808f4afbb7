// sqlite2pg capture start|status|stop: change capture on every mapped source file (see
// extract/capture_file.h), one file at a time, each in its own transaction.
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <set>

#include "sqlite2pg/extract/capture_file.h"
#include "sqlite2pg/pg/etl_store.h"
#include "sqlite2pg/pg/session.h"
#include "sqlite2pg/plan/sources.h"
#include "sqlite2pg/run/commands.h"
#include "sqlite2pg/util/text.h"

namespace s2p {
namespace {

// One file, whichever sources name it, with the tables they map.
struct CapturedFile {
  std::string sources, path;
  std::vector<std::string> tables;
};

std::vector<CapturedFile> files_of(const std::vector<SourceMapping>& mappings) {
  std::map<std::string, CapturedFile> by_file;
  std::vector<std::string> order;
  for (const auto& m : mappings) {
    std::error_code ec;
    const auto real = std::filesystem::weakly_canonical(m.path, ec).string();
    const std::string key = ec ? m.path : real;
    if (!by_file.count(key)) order.push_back(key), by_file[key].path = m.path;
    auto& f = by_file[key];
    f.sources += (f.sources.empty() ? "" : "+") + m.name;
    std::set<std::string> have(f.tables.begin(), f.tables.end());
    for (const auto& t : m.tables) {
      if (have.insert(t.source_table).second) f.tables.push_back(t.source_table);
    }
  }
  std::vector<CapturedFile> out;
  for (const auto& key : order) out.push_back(by_file[key]);
  return out;
}

void print_status(const CapturedFile& f, const CaptureStatus& s) {
  if (!s.on) {
    std::printf("%s (%s): capture off\n", f.sources.c_str(), f.path.c_str());
  } else {
    std::printf(
        "%s (%s): capture on since %s, generation %s, %zu table(s), %llu write(s) "
        "logged, last #%lld\n",
        f.sources.c_str(), f.path.c_str(), s.started_at.c_str(), s.generation.c_str(),
        s.tables.size(), static_cast<unsigned long long>(s.logged),
        static_cast<long long>(s.last_seq));
  }
  for (const auto& p : s.problems) std::printf("  problem: %s\n", p.c_str());
}

// With a target: where the last committed run that read the file left its log.
void show_consumed(PgSession& pg, const CapturedFile& f, CaptureFile& file, const CaptureStatus& s,
                   CaptureFileState& out) {
  const std::string source = f.sources.substr(0, f.sources.find('+'));
  const auto recorded = recorded_capture(pg, source);
  std::string line;
  if (!recorded) {
    line = "no committed run read it yet";
  } else if (!recorded->on || recorded->generation != s.generation) {
    line = "run " + std::to_string(recorded->run_id) +
           " read it without this capture: the next sync reads every table whole";
  } else {
    const auto pending = file.logged_after(recorded->seq);
    line = "run " + std::to_string(recorded->run_id) + " consumed the log through #" +
           std::to_string(recorded->seq) + "; " + std::to_string(pending) +
           " write(s) logged since, for the next sync";
    out.consumed_by_run = recorded->run_id;
    out.consumed_through = recorded->seq;
    out.pending = pending;
  }
  std::printf("  %s\n", line.c_str());
  out.consumed = line;
}

void capture(const CaptureOptions& options, RunResult& result) {
  const auto files = files_of(load_source_mappings(options.mappings_dir, options.source_paths));
  std::unique_ptr<PgSession> pg;
  if (options.action == CaptureOptions::Action::status && !options.target_dsn.empty()) {
    pg = std::make_unique<PgSession>(options.target_dsn, options.lock_timeout_seconds,
                                     options.statement_timeout_seconds);
    result.target = pg->describe();
  }
  auto& states = result.capture_files.emplace();
  for (const auto& f : files) {
    CaptureFile file(f.sources, f.path);
    CaptureStatus s;
    std::vector<std::string> skipped;
    if (options.action == CaptureOptions::Action::start) {
      s = file.start(f.tables, skipped);
    } else if (options.action == CaptureOptions::Action::stop) {
      const bool was_on = file.stop();
      std::printf("%s (%s): %s\n", f.sources.c_str(), f.path.c_str(),
                  was_on ? "capture stopped: its log, state and triggers are gone"
                         : "capture was not on: nothing to remove");
      s = file.status();
    } else {
      s = file.status();
    }
    if (options.action != CaptureOptions::Action::stop) print_status(f, s);
    for (const auto& k : skipped) {
      std::printf("  not captured (sync reads it whole): %s\n", k.c_str());
      result.warnings.push_back(f.sources + "." + k + ": not captured");
    }
    for (const auto& p : s.problems) result.reasons.push_back(f.sources + ": " + p);
    CaptureFileState state{f.sources, f.path, s};
    if (pg && s.on) show_consumed(*pg, f, file, s, state);
    states.push_back(std::move(state));
  }
  std::fflush(stdout);
}

}  // namespace

ExitCode run_capture(const CaptureOptions& options) {
  RunResult result;
  const char* action = options.action == CaptureOptions::Action::start  ? "start"
                       : options.action == CaptureOptions::Action::stop ? "stop"
                                                                        : "status";
  result.command = std::string("capture ") + action;
  const auto body = [&] {
    capture(options, result);
    if (result.reasons.empty()) {
      result.verdict = options.action == CaptureOptions::Action::start
                           ? "CAPTURE ON: every write to the mapped tables is logged from now on"
                       : options.action == CaptureOptions::Action::stop
                           ? "CAPTURE OFF: the files hold none of capture's objects"
                           : "CAPTURE STATUS: no problem found";
    } else {
      result.exit_code = ExitCode::config;
      result.verdict = "CAPTURE INCOMPLETE: " + std::to_string(result.reasons.size()) +
                       " problem(s) above; the next sync reads those tables whole";
    }
  };
  return run_and_report(
      result, options, body,
      [&](const Failure& f) {
        return "CAPTURE " + ascii_upper(action) + " FAILED: " + std::string(f.what());
      },
      [](const RunResult& r) { std::printf("%s\n", r.verdict.c_str()); });
}

}  // namespace s2p

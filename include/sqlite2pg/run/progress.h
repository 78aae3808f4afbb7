#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "sqlite2pg/plan/plan.h"
#include "sqlite2pg/run/run_result.h"
#include "sqlite2pg/util/logging.h"

namespace s2p {

// Live progress of a run, per table and overall. On a terminal it redraws a block of lines
// (rows done of total, rate, elapsed, ETA, and a bar) on stderr; anywhere else it writes a plain
// log line every `interval`, with no control characters. Counters are updated from any thread.
class Progress {
 public:
  struct Table {
    std::string name;
    std::uint64_t total = 0;
  };
  enum class Mode { off, terminal, lines };
  Progress(std::string verb, std::vector<Table> tables, Mode mode,
           std::chrono::milliseconds interval);
  ~Progress();  // draws the final state
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void start(std::size_t table, const char* state);  // e.g. "loading", "validating"
  std::atomic<std::uint64_t>& rows(std::size_t table) { return tables_[table]->done; }
  void finish(std::size_t table);

  // Terminal when stderr is one, plain lines otherwise, off when quiet.
  static Mode mode_for(bool quiet);

 private:
  struct State {
    std::string name;
    std::uint64_t total = 0;
    std::atomic<std::uint64_t> done{0};
    std::string phase = "waiting";
    std::chrono::steady_clock::time_point started, phase_started, finished;
    bool running = false, complete = false;
  };
  void run();
  void draw_terminal(bool final);
  void write_line();

  std::string verb_;
  std::vector<std::unique_ptr<State>> tables_;
  Mode mode_;
  std::chrono::milliseconds interval_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stop_ = false;
  std::size_t drawn_lines_ = 0;
  std::thread thread_;
};

// A run's progress over the tables of a plan, with the console's info lines held back while a
// terminal shows the live block (the log file still gets them).
class PlanProgress {
 public:
  // `uncounted`: tables not read whole (sync from a change log), whose rows are not counted.
  PlanProgress(const char* verb, const LoadPlan& plan, const RunOptions& options,
               const std::vector<bool>* uncounted = nullptr);
  Progress& operator*() { return *progress_; }
  Progress* operator->() { return progress_.get(); }

 private:
  std::optional<ConsoleQuiet> console_quiet_;  // declared first: outlives the final drawing
  std::unique_ptr<Progress> progress_;
};

// Every table of the plan, in plan order, under one progress display: `find(i, rows)` compares
// table i (counting its rows into `rows`), `describe(i, found)` makes its result, which gets
// the seconds it took.
template <class Found, class Find, class Describe>
std::vector<Found> compare_each_table(const char* verb, const LoadPlan& plan,
                                      const RunOptions& options, RunResult& result, Find&& find,
                                      Describe&& describe,
                                      const std::vector<bool>* uncounted = nullptr) {
  PlanProgress progress(verb, plan, options, uncounted);
  std::vector<Found> all;
  for (std::size_t i = 0; i < plan.tables.size(); ++i) {
    const auto start = std::chrono::steady_clock::now();
    progress->start(i, "comparing");
    all.push_back(find(i, progress->rows(i)));
    progress->finish(i);
    result.tables.push_back(describe(i, all.back()));
    result.tables.back().seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  return all;
}

}  // namespace s2p

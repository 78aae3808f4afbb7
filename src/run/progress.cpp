#include "sqlite2pg/run/progress.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdio>
#include <utility>

namespace s2p {
namespace {

using Clock = std::chrono::steady_clock;

double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

std::string duration_text(double s) {
  char buf[32];
  if (s < 60) {
    std::snprintf(buf, sizeof buf, "%.1fs", s);
  } else {
    std::snprintf(buf, sizeof buf, "%dm%02ds", static_cast<int>(s) / 60, static_cast<int>(s) % 60);
  }
  return buf;
}

std::string bar(double fraction, int width) {
  const int filled = static_cast<int>(fraction * width + 0.5);
  return "[" + std::string(static_cast<std::size_t>(filled), '#') +
         std::string(static_cast<std::size_t>(width - filled), '.') + "]";
}

// "loading" -> "loaded": what a finished phase did.
std::string past_tense(const std::string& phase) {
  static const std::pair<const char*, const char*> words[] = {
      {"loading", "loaded"}, {"validating", "read back"}, {"comparing", "compared"}};
  for (const auto& [ing, ed] : words) {
    if (phase == ing) return ed;
  }
  return phase;
}

}  // namespace

Progress::Mode Progress::mode_for(bool quiet) {
  if (quiet) return Mode::off;
  return isatty(STDERR_FILENO) ? Mode::terminal : Mode::lines;
}

Progress::Progress(std::string verb, std::vector<Table> tables, Mode mode,
                   std::chrono::milliseconds interval)
    : verb_(std::move(verb)),
      mode_(mode),
      // A terminal is redrawn often; log lines come at the interval asked for.
      interval_(mode == Mode::terminal ? std::chrono::milliseconds(200) : interval) {
  for (auto& t : tables) {
    auto s = std::make_unique<State>();
    s->name = std::move(t.name);
    s->total = t.total;
    tables_.push_back(std::move(s));
  }
  if (mode_ != Mode::off) thread_ = std::thread([this] { run(); });
}

Progress::~Progress() {
  if (mode_ == Mode::off) return;
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
  if (mode_ == Mode::terminal) draw_terminal(true);
}

void Progress::start(std::size_t table, const char* state) {
  std::lock_guard lock(mutex_);
  auto& t = *tables_[table];
  if (!t.running) t.started = Clock::now();
  t.phase_started = Clock::now();
  t.running = true;
  t.complete = false;
  t.phase = state;
  t.done = 0;
}

void Progress::finish(std::size_t table) {
  std::string phase;
  double s = 0;
  {
    std::lock_guard lock(mutex_);
    auto& t = *tables_[table];
    t.finished = Clock::now();
    t.complete = true;
    phase = std::exchange(t.phase, "done");
    s = seconds(t.finished - t.phase_started);
  }
  // One line per table and phase, timed from that phase's start.
  const auto& t = *tables_[table];
  spdlog::info("{} {}: {} {} rows in {:.2f}s ({:.0f} rows/s)", verb_, t.name, past_tense(phase),
               t.done.load(), s, s > 0 ? static_cast<double>(t.done.load()) / s : 0.0);
}

void Progress::run() {
  std::unique_lock lock(mutex_);
  while (!wake_.wait_for(lock, interval_, [&] { return stop_; })) {
    lock.unlock();
    if (mode_ == Mode::terminal) {
      draw_terminal(false);
    } else {
      write_line();
    }
    lock.lock();
  }
}

void Progress::write_line() {
  std::uint64_t done = 0, total = 0;
  std::string current;
  {
    std::lock_guard lock(mutex_);
    for (const auto& t : tables_) {
      done += t->complete ? t->total : std::min(t->done.load(), t->total);
      total += t->total;
      if (t->running && !t->complete) {
        current = t->name + " " + t->phase + " " + std::to_string(t->done.load()) + "/" +
                  std::to_string(t->total);
      }
    }
  }
  const double elapsed = seconds(Clock::now() - started_);
  const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
  const double eta = rate > 0 ? static_cast<double>(total - std::min(done, total)) / rate : 0;
  spdlog::info("progress: {} {}% ({}/{} rows), {:.0f} rows/s, elapsed {}, ETA {}{}", verb_,
               total ? done * 100 / total : 100, done, total, rate, duration_text(elapsed),
               duration_text(eta), current.empty() ? "" : "; " + current);
}

void Progress::draw_terminal(bool final) {
  std::string out;
  // Back to the top of the block drawn last time, then redraw it.
  if (drawn_lines_) out += "\r\x1b[" + std::to_string(drawn_lines_) + "A";
  std::uint64_t done = 0, total = 0;
  std::size_t lines = 0;
  {
    std::lock_guard lock(mutex_);
    const auto now = Clock::now();
    for (const auto& t : tables_) {
      const std::uint64_t d = std::min(t->done.load(), t->total);
      done += t->complete ? t->total : d;
      total += t->total;
      char line[256];
      if (!t->running) {
        std::snprintf(line, sizeof line, "  %-40s waiting   %12llu rows", t->name.c_str(),
                      static_cast<unsigned long long>(t->total));
      } else {
        const double s = seconds((t->complete ? t->finished : now) - t->started);
        const double rate = s > 0 ? static_cast<double>(d) / s : 0;
        const double eta = rate > 0 ? static_cast<double>(t->total - d) / rate : 0;
        std::snprintf(line, sizeof line, "  %-40s %-10s %10llu/%-10llu %9.0f rows/s  %7s  ETA %s",
                      t->name.c_str(), t->phase.c_str(),
                      static_cast<unsigned long long>(t->complete ? t->total : d),
                      static_cast<unsigned long long>(t->total), rate, duration_text(s).c_str(),
                      t->complete ? "-" : duration_text(eta).c_str());
      }
      out += "\x1b[2K";
      out += line;
      out += "\n";
      ++lines;
    }
  }
  const double elapsed = seconds(Clock::now() - started_);
  const double fraction = total ? static_cast<double>(done) / static_cast<double>(total) : 1.0;
  const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
  const double eta = rate > 0 ? static_cast<double>(total - std::min(done, total)) / rate : 0;
  char overall[256];
  std::snprintf(overall, sizeof overall, "  %s %s %3.0f%%  %llu/%llu rows  elapsed %s  ETA %s",
                verb_.c_str(), bar(fraction, 30).c_str(), fraction * 100,
                static_cast<unsigned long long>(done), static_cast<unsigned long long>(total),
                duration_text(elapsed).c_str(), final ? "-" : duration_text(eta).c_str());
  out += "\x1b[2K";
  out += overall;
  out += "\n";
  drawn_lines_ = lines + 1;
  std::fwrite(out.data(), 1, out.size(), stderr);
  std::fflush(stderr);
}

PlanProgress::PlanProgress(const char* verb, const LoadPlan& plan, const RunOptions& options,
                           const std::vector<bool>* uncounted) {
  const auto mode = Progress::mode_for(options.quiet);
  if (mode == Progress::Mode::terminal) console_quiet_.emplace();
  std::vector<Progress::Table> totals;
  for (std::size_t i = 0; i < plan.tables.size(); ++i) {
    const auto& t = plan.tables[i];
    // Counting is a pass over the table's b-tree: only for a display, and a table read whole.
    const bool count =
        mode != Progress::Mode::off && !t.source_table_missing && !(uncounted && (*uncounted)[i]);
    const auto rows = count ? t.source->count_rows(t.mapping->source_table) : 0;
    totals.push_back({t.label(), static_cast<std::uint64_t>(rows)});
  }
  progress_ = std::make_unique<Progress>(
      verb, std::move(totals), mode,
      std::chrono::milliseconds(static_cast<long>(options.progress_interval_seconds * 1000)));
}

}  // namespace s2p

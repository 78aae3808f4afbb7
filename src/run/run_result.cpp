#include "sqlite2pg/run/run_result.h"

#include <SQLiteCpp/Exception.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>

#include "sqlite2pg/pg/session.h"
#include "sqlite2pg/util/interrupt.h"
#include "sqlite2pg/util/private_file.h"
#include "sqlite2pg/util/secrets.h"

namespace s2p {

std::string utc_now_iso() {
  const auto now = std::chrono::system_clock::now();
  const auto t = std::chrono::system_clock::to_time_t(now);
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
  return buf;
}

Failure current_failure(const std::string& doing) {
  // After SIGINT or SIGTERM, whatever failed failed because of it: say so first.
  if (interrupted()) {
    const int sig = interrupting_signal();
    std::string what;
    try {
      throw;
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    if (what.rfind("interrupted by", 0) == 0 || what.rfind("terminated by", 0) == 0) {
      return Failure(sig == SIGTERM ? ExitCode::terminated : ExitCode::interrupted, what);
    }
    return Failure(sig == SIGTERM ? ExitCode::terminated : ExitCode::interrupted,
                   std::string(sig == SIGTERM ? "terminated by SIGTERM" : "interrupted by SIGINT") +
                       (what.empty() ? "" : " (" + what + ")"));
  }
  try {
    throw;
  } catch (const Failure& f) {
    return f;
  } catch (const PgError& e) {
    return Failure(ExitCode::target, "PostgreSQL refused" + (doing.empty() ? "" : " " + doing) +
                                         ": " + e.diagnostics().with_context());
  } catch (const SQLite::Exception& e) {
    return Failure(ExitCode::config, std::string("SQLite: ") + e.what());
  } catch (const std::exception& e) {
    return Failure(ExitCode::internal, std::string("internal error: ") + e.what());
  } catch (...) {
    return Failure(ExitCode::internal, "internal error: an unknown exception");
  }
}

void print_summary(const RunResult& r) {
  if (!r.tables.empty()) {
    std::printf("%-34s %-30s %10s %10s %10s %8s %10s  %s\n", "source table", "target table",
                "source", "loaded", "target", "seconds", "rows/s", "checksum");
    std::uint64_t source_rows = 0, loaded_rows = 0, target_rows = 0;
    double seconds = 0;
    for (const auto& t : r.tables) {
      const double rate = t.seconds > 0 ? static_cast<double>(t.loaded_rows) / t.seconds : 0;
      std::printf("%-34s %-30s %10llu %10llu %10llu %8.2f %10.0f  %s\n",
                  (t.source + "." + t.source_table).c_str(), t.target_table.c_str(),
                  static_cast<unsigned long long>(t.source_rows),
                  static_cast<unsigned long long>(t.loaded_rows),
                  static_cast<unsigned long long>(t.target_rows), t.seconds, rate,
                  t.matches ? "match" : (t.target_checksum.empty() ? "not checked" : "MISMATCH"));
      source_rows += t.source_rows;
      loaded_rows += t.loaded_rows;
      target_rows += t.target_rows;
      seconds += t.seconds;
    }
    std::printf("%-34s %-30s %10llu %10llu %10llu %8.2f %10.0f\n", "total", "",
                static_cast<unsigned long long>(source_rows),
                static_cast<unsigned long long>(loaded_rows),
                static_cast<unsigned long long>(target_rows), seconds,
                seconds > 0 ? static_cast<double>(loaded_rows) / seconds : 0);
  }
  std::printf("%s\n", r.verdict.c_str());
  std::fflush(stdout);
}

ExitCode finish_run(RunResult& result, const RunOptions& options,
                    const std::function<void(const RunResult&)>& print) {
  result.finished_at = utc_now_iso();
  print(result);
  if (options.report) {
    try {
      write_report(result, *options.report);
    } catch (const Failure& f) {
      // The run's outcome stands; only its record is missing.
      spdlog::error("{}", f.what());
    }
  }
  return result.exit_code;
}

ExitCode run_and_report(RunResult& result, const RunOptions& options,
                        const std::function<void()>& body,
                        const std::function<std::string(const Failure&)>& failed,
                        const std::function<void(const RunResult&)>& print,
                        const std::string& doing) {
  result.started_at = utc_now_iso();
  if (options.report) prepare_report(*options.report);
  try {
    body();
  } catch (...) {
    const Failure f = current_failure(doing);
    result.exit_code = f.code();
    result.error = redact(f.what(), password_of(options.target_dsn));
    result.verdict = failed(Failure(f.code(), result.error));
    spdlog::error("{}", result.error);
  }
  return finish_run(result, options, print);
}

void prepare_report(const std::filesystem::path& file, const std::string& option) {
  ::close(open_private_file(file, option, Existing::keep, ExitCode::usage));
}

}  // namespace s2p

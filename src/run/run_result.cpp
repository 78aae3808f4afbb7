#include "sqlite2pg/run/run_result.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SQLiteCpp/Exception.h>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>

#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "sqlite2pg/pg/session.h"
#include "sqlite2pg/util/interrupt.h"

#include <csignal>

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
                                         ": " + e.diagnostics().full());
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

void prepare_report(const std::filesystem::path& file) {
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    throw Failure(ExitCode::usage,
                  "cannot create report " + file.string() + ": " + std::strerror(errno));
  }
  ::close(fd);
}

void write_report(const RunResult& r, const std::filesystem::path& file) {
  using nlohmann::json;
  json j;
  j["report_format"] = 1;
  j["tool"] = {{"name", "sqlite2pg"}, {"version", SQLITE2PG_VERSION}};
  j["command"] = r.command;
  j["dry_run"] = r.dry_run;
  j["started_at"] = r.started_at;
  j["finished_at"] = r.finished_at;
  j["target"] = r.target;
  j["exit_code"] = static_cast<int>(r.exit_code);
  j["verdict"] = r.verdict;
  j["error"] = r.error.empty() ? json(nullptr) : json(r.error);
  j["warnings"] = r.warnings;
  j["migrations_applied"] = r.migrations_applied;
  j["mappings"] = json::array();
  for (const auto& [f, sha] : r.mapping_files)
    j["mappings"].push_back({{"file", f}, {"sha256", sha}});
  j["sources"] = json::array();
  for (const auto& s : r.sources) {
    j["sources"].push_back(
        {{"name", s.name},
         {"path", s.path},
         {"real_path", s.real_path},
         {"size", s.size},
         {"sha256", s.sha256},
         {"empty_file", s.empty_file},
         {"symlink", s.symlink},
         {"same_file_as", s.same_file_as.empty() ? json(nullptr) : json(s.same_file_as)}});
  }
  j["tables"] = json::array();
  for (const auto& t : r.tables) {
    j["tables"].push_back({{"source", t.source},
                           {"source_table", t.source_table},
                           {"target_table", t.target_table},
                           {"source_rows", t.source_rows},
                           {"loaded_rows", t.loaded_rows},
                           {"target_rows", t.target_rows},
                           {"remapped_ids", t.remapped_ids},
                           {"rejected_rows", t.rejected_rows},
                           {"source_checksum", t.source_checksum},
                           {"target_checksum", t.target_checksum},
                           {"seconds", t.seconds},
                           {"matches", t.matches}});
    if (r.command.rfind("verify", 0) == 0) {
      auto& jt = j["tables"].back();
      jt["baseline_run"] = t.baseline_run ? json(*t.baseline_run) : json(nullptr);
      jt["differences"] = t.differences;
      jt["samples"] = json::array();
      for (const auto& d : t.samples) {
        jt["samples"].push_back(
            {{"kind", d.kind}, {"source_row", d.source_row}, {"target_row", d.target_row}});
      }
    }
  }
  if (r.command.rfind("verify", 0) == 0) {
    j["reasons"] = r.reasons;
    if (r.archive) {
      json files = json::array();
      for (const auto& [name, sha] : r.archive->files)
        files.push_back({{"name", name}, {"sha256", sha}});
      j["archive"] = {{"path", r.archive->path}, {"sha256", r.archive->sha256}, {"files", files}};
    } else {
      j["archive"] = nullptr;
    }
  }
  j.update(r.details);
  const std::string text = j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  // Created 0600 from the start: reports name hosts, paths and row keys.
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw Failure(ExitCode::config, "cannot write report " + file.string());
  ::fchmod(fd, 0600);
  std::size_t off = 0;
  while (off < text.size()) {
    const auto n = ::write(fd, text.data() + off, text.size() - off);
    if (n <= 0) {
      ::close(fd);
      throw Failure(ExitCode::config, "cannot write report " + file.string());
    }
    off += static_cast<std::size_t>(n);
  }
  ::close(fd);
}

}  // namespace s2p

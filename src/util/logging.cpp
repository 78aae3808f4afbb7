#include "sqlite2pg/util/logging.h"

#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "sqlite2pg/util/failure.h"

namespace s2p {
namespace {

std::shared_ptr<spdlog::sinks::sink> console;

}  // namespace

void setup_logging(const std::string& level, bool quiet,
                   const std::optional<std::string>& log_file) {
  const auto lvl = spdlog::level::from_str(level);
  if (lvl == spdlog::level::off && level != "off") {
    throw Failure(ExitCode::usage, "--log-level: unknown level '" + level +
                                       "' (trace, debug, info, warn, error, off)");
  }
  // Colours only when stderr is a terminal: spdlog's colour sink checks that itself.
  console = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
  console->set_level(quiet ? std::max(lvl, spdlog::level::warn) : lvl);
  std::vector<spdlog::sink_ptr> sinks{console};
  if (log_file) {
    try {
      auto file = std::make_shared<spdlog::sinks::basic_file_sink_mt>(*log_file);
      file->set_level(lvl);
      sinks.push_back(file);
    } catch (const spdlog::spdlog_ex& e) {
      throw Failure(ExitCode::usage, "--log-file " + *log_file + ": " + e.what());
    }
  }
  auto logger = std::make_shared<spdlog::logger>("sqlite2pg", sinks.begin(), sinks.end());
  logger->set_level(lvl);
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(logger);
}

ConsoleQuiet::ConsoleQuiet() : saved_(console ? console->level() : spdlog::level::info) {
  if (console)
    console->set_level(
        std::max(static_cast<spdlog::level::level_enum>(saved_), spdlog::level::warn));
}

ConsoleQuiet::~ConsoleQuiet() {
  if (console) console->set_level(static_cast<spdlog::level::level_enum>(saved_));
}

}  // namespace s2p

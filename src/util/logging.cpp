#include "sqlite2pg/util/logging.h"

#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <mutex>

#include "sqlite2pg/util/failure.h"
#include "sqlite2pg/util/private_file.h"

namespace s2p {
namespace {

std::shared_ptr<spdlog::sinks::sink> console;

// --log-file, written through the descriptor open_private_file checked: spdlog's file sink
// would open the name again, and follow a link put there in between.
class LogFileSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit LogFileSink(const std::string& path) : path_(path), fd_(open_log(path)) {}
  ~LogFileSink() override { ::close(fd_); }
  LogFileSink(const LogFileSink&) = delete;
  LogFileSink& operator=(const LogFileSink&) = delete;

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t line;
    formatter_->format(msg, line);
    if (!write_all(fd_, std::string_view(line.data(), line.size())))
      spdlog::throw_spdlog_ex("cannot write --log-file " + path_, errno);
  }
  void flush_() override {}  // every line is written at once

 private:
  static int open_log(const std::filesystem::path& path) {
    // Its folder is created as spdlog's file sink did; the file itself only by open_private_file.
    std::error_code ignored;  // open_private_file says why when it cannot be
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ignored);
    return open_private_file(path, "--log-file", Existing::append, ExitCode::usage);
  }

  std::string path_;
  int fd_;
};

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
    auto file = std::make_shared<LogFileSink>(*log_file);
    file->set_level(lvl);
    sinks.push_back(file);
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

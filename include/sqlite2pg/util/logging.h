#pragma once
#include <optional>
#include <string>

namespace s2p {

// stderr gets messages at `level` (warnings only with `quiet`); `log_file`, when given, gets
// them all at `level`, without colours. Throws Failure(usage) for an unknown level.
void setup_logging(const std::string& level, bool quiet,
                   const std::optional<std::string>& log_file);

// While alive, stderr shows warnings and errors only (a progress display owns the terminal);
// the log file keeps everything.
class ConsoleQuiet {
 public:
  ConsoleQuiet();
  ~ConsoleQuiet();
  ConsoleQuiet(const ConsoleQuiet&) = delete;
  ConsoleQuiet& operator=(const ConsoleQuiet&) = delete;

 private:
  int saved_;
};

}  // namespace s2p

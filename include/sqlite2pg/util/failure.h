#pragma once
#include <stdexcept>
#include <string>

namespace s2p {

// Process exit codes; documented in the README. 0 only on success.
enum class ExitCode : int {
  ok = 0,
  internal = 1,       // a defect: an unexpected exception
  usage = 2,          // bad command line
  config = 3,         // mappings, migrations or sources that cannot be used as given
  source_data = 4,    // a source value or reference that cannot be loaded
  target = 5,         // PostgreSQL refused, or could not be reached
  mismatch = 6,       // validation or verification found a difference
  not_empty = 7,      // target tables already hold rows and --replace was not given
  in_doubt = 8,       // the connection was lost during COMMIT: the outcome is unknown
  rejected = 9,       // committed, but on_error: reject tables left rows out (see the reject file)
  interrupted = 130,  // SIGINT: stopped and rolled back
  terminated = 143,   // SIGTERM: stopped and rolled back
};

// The one exception type that carries a user-facing message and the exit code it maps to.
// Thrown where a failure is detected; caught where a command's outcome becomes its report and
// exit code (run_and_report, and main() for the commands that write no report).
class Failure : public std::runtime_error {
 public:
  Failure(ExitCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ExitCode code() const { return code_; }

 private:
  ExitCode code_;
};

}  // namespace s2p

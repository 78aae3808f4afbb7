#pragma once
// The names sqlite2pg's change capture gives what it puts into a source file (capture.h): one
// reserved prefix, so they cannot be the application's and every reader can leave them out.
#include <string_view>

namespace s2p {

inline constexpr std::string_view kCapturePrefix = "_sqlite2pg_capture";
inline constexpr std::string_view kCaptureLog = "_sqlite2pg_capture_log";
inline constexpr std::string_view kCaptureState = "_sqlite2pg_capture_state";

// An SQL condition true for the names that are not capture's (LIKE with '\' as escape).
inline constexpr std::string_view kNotCaptureObject =
    "name NOT LIKE '\\_sqlite2pg\\_capture%' ESCAPE '\\'";

inline bool is_capture_object(std::string_view name) {
  return name.substr(0, kCapturePrefix.size()) == kCapturePrefix;
}

}  // namespace s2p

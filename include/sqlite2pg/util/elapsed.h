#pragma once
// Wall seconds for the log and the reports, on the clock that never goes back.
#include <chrono>

namespace s2p {

inline double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace s2p

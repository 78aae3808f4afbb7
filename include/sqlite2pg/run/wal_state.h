#pragma once
// A source's -wal file as verify's proof covers it: in WAL mode, committed rows can live there
// and nowhere else until a checkpoint, so the database's sha256 alone does not name what was read.
#include <cstdint>
#include <filesystem>
#include <string>

namespace s2p {

struct WalState {
  bool present = false;  // a -wal file is there (possibly 0 bytes)
  std::uint64_t size = 0;
  std::string sha256;                  // empty when there is none
  std::uint64_t committed_frames = 0;  // frames of its current generation, up to the last commit
  bool operator==(const WalState&) const = default;
};

// The -wal beside `database` (its real path) now.
WalState wal_state_of(const std::filesystem::path& database);

// "no -wal", or "its -wal at 8272 bytes, sha256 ..., 2 committed frame(s)".
std::string describe(const WalState& wal);

}  // namespace s2p

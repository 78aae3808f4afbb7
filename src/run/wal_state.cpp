#include "sqlite2pg/run/wal_state.h"

#include "sqlite2pg/inventory/sqlite_files.h"
#include "sqlite2pg/util/sha256.h"

namespace s2p {
namespace fs = std::filesystem;

WalState wal_state_of(const fs::path& database) {
  const fs::path wal = database.string() + "-wal";
  std::error_code error;
  WalState s;
  if (!fs::exists(wal, error)) return s;
  // Size first, frames last: a writer appending meanwhile makes a state that cannot match a
  // later one, so the comparison that follows refuses rather than certifies it.
  s.present = true;
  s.size = fs::file_size(wal, error);
  s.sha256 = sha256_file(wal);
  s.committed_frames = committed_wal_frames(wal);
  return s;
}

std::string describe(const WalState& wal) {
  if (!wal.present) return "no -wal";
  return "its -wal at " + std::to_string(wal.size) + " bytes, sha256 " + wal.sha256 + ", " +
         std::to_string(wal.committed_frames) + " committed frame(s)";
}

}  // namespace s2p

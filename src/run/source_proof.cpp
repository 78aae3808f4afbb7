#include "source_proof.h"

#include "sqlite2pg/util/printable.h"
#include "sqlite2pg/util/sha256.h"

namespace s2p {
namespace fs = std::filesystem;

std::map<std::string, WalState> wal_states_before(const std::vector<SourceMapping>& mappings) {
  std::map<std::string, WalState> out;
  for (const auto& m : mappings) {
    std::error_code error;
    const auto real = fs::canonical(m.path, error);
    if (!error) out[m.name] = wal_state_of(real);  // a missing file fails when it is opened
  }
  return out;
}

std::vector<std::string> files_that_moved(const std::map<std::string, WalState>& before,
                                          RunResult& result) {
  std::vector<std::string> reasons;
  for (const auto& s : result.sources) {
    const auto it = before.find(s.name);
    const WalState opened = it == before.end() ? WalState{} : it->second;
    result.wal[s.name] = opened;
    if (!s.same_file_as.empty()) continue;  // read once, checked once
    const std::string where = "source " + printable(s.name) + " (" + printable(s.real_path) + ")";
    const WalState now = wal_state_of(s.real_path);
    if (now != opened) {
      reasons.push_back(where + ": its -wal changed while verify read it (" + describe(opened) +
                        " before, " + describe(now) +
                        " after): a process writes to it; stop it, then run verify again");
    }
    const std::string sha256 = sha256_file(s.real_path);
    if (sha256 != s.sha256) {
      reasons.push_back(where + ": the file changed while verify read it (sha256 " + s.sha256 +
                        " when opened, " + sha256 +
                        " after): a process writes to it; stop it, then run verify again");
    }
  }
  return reasons;
}

std::string proof_scope(const RunResult& result) {
  std::string out;
  for (const auto& s : result.sources) {
    if (!s.same_file_as.empty()) continue;
    out += (out.empty() ? "" : "; ") +
           ("source " + printable(s.name) + " (" + printable(s.real_path) + ") at sha256 " +
            s.sha256 + " with " + describe(result.wal.at(s.name)));
  }
  return out;
}

}  // namespace s2p

// verify --archive: the source files in the state verify proved, and a manifest that says what
// that state is.
#include <nlohmann/json.hpp>
#include <set>

#include "sqlite2pg/run/archive.h"

namespace s2p {
namespace fs = std::filesystem;

ArchiveResult archive_sources(const std::vector<SourceFacts>& sources,
                              const std::map<std::string, WalState>& wal, const fs::path& dir) {
  std::vector<ArchiveItem> items;
  nlohmann::json manifest = nlohmann::json::array();
  std::set<std::string> seen;
  for (const auto& s : sources) {
    if (!s.same_file_as.empty() || !seen.insert(s.real_path).second) continue;
    const std::string name = s.name + "/" + fs::path(s.real_path).filename().string();
    items.push_back({name, s.real_path, s.sha256});
    manifest.push_back({{"name", name},
                        {"source", s.name},
                        {"kind", "database"},
                        {"original", s.real_path},
                        {"size", s.size},
                        {"sha256", s.sha256}});
    // The -wal goes with its file: its committed frames can hold rows the file lacks, and the
    // archive must give back exactly the state that was proved (its sha256 then, not now).
    const auto it = wal.find(s.name);
    if (it == wal.end() || !it->second.present) continue;
    const WalState& w = it->second;
    items.push_back({name + "-wal", s.real_path + "-wal", w.sha256});
    manifest.push_back({{"name", name + "-wal"},
                        {"source", s.name},
                        {"kind", "wal"},
                        {"original", s.real_path + "-wal"},
                        {"size", w.size},
                        {"sha256", w.sha256},
                        {"committed_frames", w.committed_frames}});
  }
  const std::string text =
      nlohmann::json{{"manifest_format", 1}, {"files", manifest}}.dump(2) + "\n";
  return archive_files(items, dir, {{"MANIFEST.json", text}});
}

}  // namespace s2p

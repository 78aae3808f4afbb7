#include "rollback_summary.h"

#include <cstdio>

#include "named_rows.h"
#include "sync_summary.h"

namespace s2p {
nlohmann::json WrittenFile::to_json() const {
  return {{"source", source}, {"sources", sources}, {"original", original},
          {"path", path},     {"size", size},       {"sha256", sha256}};
}

nlohmann::json files_json(const std::vector<WrittenFile>& files) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& f : files) out.push_back(f.to_json());
  return out;
}

void print_rollback(const RunResult& r, const std::vector<WrittenFile>& written) {
  print_change_counts(r);
  for (const auto& t : r.tables) print_named_rows(t, DiffReader::rollback);
  if (r.details.contains("assigned_ids") && !r.details["assigned_ids"].empty()) {
    std::printf("new ids for rows PostgreSQL created (--assign-ids):\n");
    for (const auto& a : r.details["assigned_ids"]) {
      std::printf("    %s.%s id %s <- %s\n", a["source"].get<std::string>().c_str(),
                  a["table"].get<std::string>().c_str(), a["id"].get<std::string>().c_str(),
                  a["uuid"].get<std::string>().c_str());
    }
  }
  for (const auto& f : written) {
    std::printf("wrote %s\n  sha256 %s, from %s\n", f.path.c_str(), f.sha256.c_str(),
                f.original.c_str());
  }
  for (const auto& reason : r.reasons) std::printf("  - %s\n", reason.c_str());
  std::printf("%s\n", r.verdict.c_str());
  std::fflush(stdout);
}

}  // namespace s2p

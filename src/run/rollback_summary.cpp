#include "rollback_summary.h"

#include <cstdio>

#include "sync_summary.h"

namespace s2p {
namespace {

void print_named(const TableResult& t) {
  for (const auto& [kind, meaning] : kRollbackKinds) {
    const auto n = t.differences.count(kind) ? t.differences.at(kind) : 0;
    if (!n) continue;
    std::printf("%s: %llu row(s) %s\n", t.target_table.c_str(), static_cast<unsigned long long>(n),
                meaning);
    std::size_t shown = 0;
    for (const auto& s : t.samples) {
      if (s.kind != kind) continue;
      ++shown;
      std::string line = s.source_row.empty() ? "(no source row)" : s.source_row;
      if (!s.target_row.empty()) line += " -> " + s.target_row;
      if (!s.detail.empty()) line += ": " + s.detail;
      std::printf("    %s\n", line.c_str());
    }
    if (n > shown)
      std::printf("    ... and %llu more\n", static_cast<unsigned long long>(n - shown));
  }
}

}  // namespace

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
  for (const auto& t : r.tables) print_named(t);
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

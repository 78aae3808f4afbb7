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

void print_rollback(const RunResult& r) {
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
  if (r.details.contains("outputs")) {
    for (const auto& o : r.details["outputs"]) {
      std::printf("wrote %s\n  sha256 %s, from %s\n", o["path"].get<std::string>().c_str(),
                  o["sha256"].get<std::string>().c_str(), o["original"].get<std::string>().c_str());
    }
  }
  for (const auto& reason : r.reasons) std::printf("  - %s\n", reason.c_str());
  std::printf("%s\n", r.verdict.c_str());
  std::fflush(stdout);
}

}  // namespace s2p

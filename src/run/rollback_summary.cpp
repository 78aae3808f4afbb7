#include "rollback_summary.h"

#include <cstdio>

#include "named_rows.h"
#include "sync_summary.h"

namespace s2p {

void print_rollback(const RunResult& r) {
  print_change_counts(r);
  for (const auto& t : r.tables) print_named_rows(t, DiffReader::rollback);
  if (r.assigned_ids && !r.assigned_ids->empty()) {
    std::printf("new ids for rows PostgreSQL created (--assign-ids):\n");
    for (const auto& a : *r.assigned_ids) {
      std::printf("    %s.%s id %s <- %s\n", a.source.c_str(), a.table.c_str(), a.id.c_str(),
                  a.uuid.c_str());
    }
  }
  for (const auto& f : r.outputs) {
    std::printf("wrote %s\n  sha256 %s, from %s\n", f.path.c_str(), f.sha256.c_str(),
                f.original.c_str());
  }
  for (const auto& reason : r.reasons) std::printf("  - %s\n", reason.c_str());
  std::printf("%s\n", r.verdict.c_str());
  std::fflush(stdout);
}

}  // namespace s2p

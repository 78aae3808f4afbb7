#include "named_rows.h"

#include <cstdio>

namespace s2p {

void print_named_rows(const TableResult& t, DiffReader reader) {
  for (const DiffKind kind : kAllDiffKinds) {
    const char* meaning = meaning_of(kind, reader);
    const auto n = t.differences[kind];
    if (!meaning || !n) continue;
    std::printf("%s: %llu row(s) %s\n", t.target_table.c_str(), static_cast<unsigned long long>(n),
                meaning);
    std::uint64_t shown = 0;
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

}  // namespace s2p

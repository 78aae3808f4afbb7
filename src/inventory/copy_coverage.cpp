#include "sqlite2pg/inventory/copy_coverage.h"

#include <atomic>

#include "sqlite2pg/load/computed_values.h"
#include "sqlite2pg/validate/table_verify.h"

namespace s2p {

CopyCoverage copy_coverage(PgSession& pg, const SourceMapping& mapping,
                           const std::shared_ptr<SqliteSource>& copy, std::size_t sample_limit) {
  std::vector<SourceMapping> mappings{mapping};
  mappings.front().path = copy->facts().path;
  SourceSet sources{{mapping.name, copy}};
  // The tables the copy lacks are empty: it holds nothing of them to lose.
  const LoadPlan plan = build_plan(mappings, sources, pg, {.absent_tables_empty = true});
  compute_server_values(pg, plan);
  CopyCoverage out;
  for (const auto& t : plan.tables) {
    if (t.source_table_missing) continue;
    std::atomic<std::uint64_t> rows{0};
    const TableComparison c = compare_table(pg, t, std::nullopt, sample_limit, rows);
    out.rows += c.source.rows();
    out.missing += c.counts.missing_in_target;
    out.differing += c.counts.changed_in_target;
    out.rejected += c.rejected;
    for (const auto& s : c.samples) {
      if (s.kind != DiffKind::extra_in_target)
        out.samples.emplace_back(t.mapping->target_name(), s);
    }
  }
  return out;
}

}  // namespace s2p

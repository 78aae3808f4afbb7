#include "sqlite2pg/run/verify_tables.h"

#include <spdlog/spdlog.h>

#include <cstdio>

#include "named_rows.h"
#include "sqlite2pg/pg/etl_store.h"
#include "sqlite2pg/run/progress.h"
#include "sqlite2pg/validate/table_verify.h"

namespace s2p {
namespace {

TableResult table_result(const TablePlan& t, const std::optional<CutoverRecord>& baseline,
                         const TableComparison& c) {
  TableResult r{t.source_mapping->name, t.mapping->source_table, t.mapping->target_name()};
  if (baseline) r.baseline_run = baseline->run_id;
  r.source_rows = c.source.rows();
  r.target_rows = c.target.rows();
  r.source_checksum = c.source.hex();
  r.target_checksum = c.target.hex();
  r.matches = c.source == c.target;
  r.differences = c.counts.tally();
  r.differences[DiffKind::rejected_in_source] = c.rejected;
  r.samples = c.samples;
  r.seconds = c.seconds;
  return r;
}

}  // namespace

std::vector<SourceReason> verify_tables(PgSession& pg, const LoadPlan& plan,
                                        const VerifyOptions& options, RunResult& result) {
  std::vector<SourceReason> reasons;
  const bool has_runs = has_run_records(pg);
  PlanProgress progress("verify", plan, options);
  for (std::size_t i = 0; i < plan.tables.size(); ++i) {
    const auto& t = plan.tables[i];
    spdlog::debug("comparing {} with {}", t.label(), t.mapping->target_name());
    progress->start(i, "comparing");
    const auto baseline =
        has_runs ? last_cutover(pg, t.source_mapping->name, t.mapping->source_table) : std::nullopt;
    const TableComparison c =
        compare_table(pg, t, baseline, options.sample_limit, progress->rows(i));
    progress->finish(i);
    result.tables.push_back(table_result(t, baseline, c));
    const auto& r = result.tables.back();
    if (!baseline) {
      reasons.push_back({r.source, r.target_table + ": no committed cutover of " + r.source + "." +
                                       r.source_table + " is recorded in etl.runs"});
    }
    for (const DiffKind k : kAllDiffKinds) {
      const auto n = r.differences[k];
      if (n && fatal_in_verify(k, options.exact)) {
        reasons.push_back({r.source, r.target_table + ": " + std::to_string(n) + " row(s) " +
                                         meaning_of(k, DiffReader::verify)});
      }
    }
  }
  return reasons;
}

void print_verify_tables(const RunResult& r) {
  std::printf("%-34s %-30s %9s %9s %7s %8s %8s %7s  %s\n", "source table", "target table", "source",
              "target", "drift", "missing", "changed", "extra", "state");
  for (const auto& t : r.tables) {
    const auto& d = t.differences;
    const auto get = [&](DiffKind k) { return static_cast<unsigned long long>(d[k]); };
    std::printf("%-34s %-30s %9llu %9llu %7llu %8llu %8llu %7llu  %s\n",
                (t.source + "." + t.source_table).c_str(), t.target_table.c_str(),
                static_cast<unsigned long long>(t.source_rows),
                static_cast<unsigned long long>(t.target_rows),
                static_cast<unsigned long long>(d.drift()), get(DiffKind::missing_in_target),
                get(DiffKind::changed_in_target), get(DiffKind::extra_in_target),
                !t.baseline_run ? "no cutover recorded" : (t.matches ? "identical" : "differs"));
  }
  for (const auto& t : r.tables) print_named_rows(t, DiffReader::verify);
}

}  // namespace s2p

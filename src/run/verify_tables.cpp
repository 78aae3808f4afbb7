#include "sqlite2pg/run/verify_tables.h"

#include <spdlog/spdlog.h>

#include <cstdio>

#include "sqlite2pg/pg/etl_store.h"
#include "sqlite2pg/run/progress.h"
#include "sqlite2pg/validate/table_verify.h"

namespace s2p {
namespace {

// What each kind means to an operator, and whether it alone makes deletion unsafe.
struct Kind {
  const char* name;
  const char* meaning;
  bool fatal;        // in plain verify
  bool fatal_exact;  // with --exact
};
constexpr Kind kKinds[] = {
    {"added_in_source", "added to SQLite after the cutover", true, true},
    {"changed_in_source", "changed in SQLite after the cutover", true, true},
    {"deleted_in_source", "deleted from SQLite after the cutover", true, true},
    {"missing_in_target", "missing from PostgreSQL", true, true},
    {"changed_in_target", "changed in PostgreSQL since the cutover", false, true},
    {"extra_in_target", "only in PostgreSQL", false, true},
    {"rejected_in_source",
     "refused by their transforms (on_error: reject), so PostgreSQL does not hold them", true,
     true},
};

std::uint64_t count_of(const TableComparison& t, std::string_view kind) {
  const DiffCounts& c = t.counts;
  if (kind == "rejected_in_source") return t.rejected;
  if (kind == "added_in_source") return c.added_in_source;
  if (kind == "changed_in_source") return c.changed_in_source;
  if (kind == "deleted_in_source") return c.deleted_in_source;
  if (kind == "missing_in_target") return c.missing_in_target;
  if (kind == "changed_in_target") return c.changed_in_target;
  return c.extra_in_target;
}

TableResult table_result(const TablePlan& t, const std::optional<CutoverRecord>& baseline,
                         const TableComparison& c) {
  TableResult r{t.source_mapping->name, t.mapping->source_table, t.mapping->target_name()};
  if (baseline) r.baseline_run = baseline->run_id;
  r.source_rows = c.source.rows();
  r.target_rows = c.target.rows();
  r.source_checksum = c.source.hex();
  r.target_checksum = c.target.hex();
  r.matches = c.source == c.target;
  for (const auto& k : kKinds) r.differences[k.name] = count_of(c, k.name);
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
    for (const auto& k : kKinds) {
      const auto n = r.differences.at(k.name);
      if (n && (options.exact ? k.fatal_exact : k.fatal)) {
        reasons.push_back(
            {r.source, r.target_table + ": " + std::to_string(n) + " row(s) " + k.meaning});
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
    const auto get = [&](const char* k) { return d.count(k) ? d.at(k) : 0; };
    const auto drift = get("added_in_source") + get("changed_in_source") + get("deleted_in_source");
    std::printf("%-34s %-30s %9llu %9llu %7llu %8llu %8llu %7llu  %s\n",
                (t.source + "." + t.source_table).c_str(), t.target_table.c_str(),
                static_cast<unsigned long long>(t.source_rows),
                static_cast<unsigned long long>(t.target_rows),
                static_cast<unsigned long long>(drift),
                static_cast<unsigned long long>(get("missing_in_target")),
                static_cast<unsigned long long>(get("changed_in_target")),
                static_cast<unsigned long long>(get("extra_in_target")),
                !t.baseline_run ? "no cutover recorded" : (t.matches ? "identical" : "differs"));
  }
  for (const auto& t : r.tables) {
    for (const auto& k : kKinds) {
      const auto n = t.differences.count(k.name) ? t.differences.at(k.name) : 0;
      if (!n) continue;
      std::printf("%s: %llu row(s) %s\n", t.target_table.c_str(),
                  static_cast<unsigned long long>(n), k.meaning);
      for (const auto& s : t.samples) {
        if (s.kind != k.name) continue;
        std::string line = s.source_row.empty() ? "(no source row)" : s.source_row;
        if (!s.target_row.empty()) line += " -> " + s.target_row;
        if (!s.detail.empty()) line += ": " + s.detail;
        std::printf("    %s\n", line.c_str());
      }
      std::size_t shown = 0;
      for (const auto& s : t.samples) shown += s.kind == k.name;
      if (n > shown)
        std::printf("    ... and %llu more\n", static_cast<unsigned long long>(n - shown));
    }
  }
}

}  // namespace s2p

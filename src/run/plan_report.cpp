#include "sqlite2pg/run/plan_report.h"

#include <cstdio>

#include "sqlite2pg/run/run_result.h"

namespace s2p {
namespace {

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

void print_distribution(const PlanReport& p) {
  if (p.citus_version.empty()) return;
  std::printf("  Citus %s:\n", p.citus_version.c_str());
  for (const auto& d : p.distribution) std::printf("    %s\n", d.c_str());
}

void print_target(const PlanReport& p) {
  std::printf("Target\n");
  if (p.pending_migrations.empty()) {
    std::printf("  migrations: all applied\n");
  } else {
    std::printf("  migrations: %zu pending (%s)\n", p.pending_migrations.size(),
                joined(p.pending_migrations).c_str());
  }
  for (const auto& m : p.migration_problems)
    std::printf("  migrations would fail: %s\n", m.c_str());
  if (p.tables_holding_rows.empty()) {
    std::printf("  mapped target tables: empty\n");
  } else {
    std::printf("  mapped target tables holding rows (migrate refuses them without --replace):\n");
    for (const auto& h : p.tables_holding_rows) std::printf("    %s\n", h.c_str());
  }
  print_distribution(p);
}

void print_load_order(const PlanReport& p) {
  std::printf("\nLoad order\n  %-3s %-34s %-30s %10s  %s\n", "#", "source table", "target table",
              "rows", "transforms");
  int n = 0;
  for (const auto& t : p.load_order) {
    std::printf("  %-3d %-34s %-30s %10llu  %s\n", ++n, t.source_table.c_str(),
                t.target_table.c_str(), static_cast<unsigned long long>(t.rows),
                t.transforms.c_str());
  }
}

void print_gaps(const PlanReport& p) {
  std::printf("\nSchema gaps (with the pending migrations applied)\n  %-22s %8s %8s %8s\n",
              "category", "needed", "present", "missing");
  for (const auto& g : p.schema_gaps) {
    std::printf("  %-22s %8zu %8zu %8zu\n", g.category.c_str(), g.needed, g.present,
                g.missing.size());
  }
  for (const auto& g : p.schema_gaps) {
    for (const auto& m : g.missing) std::printf("  - %s: %s\n", g.category.c_str(), m.c_str());
  }
}

void print_findings(const std::vector<DataFinding>& findings) {
  for (const auto& f : findings) {
    std::printf("  %s: %s.%s, column %s: %llu row(s) %s\n", f.kind.c_str(), f.source.c_str(),
                f.table.c_str(), f.column.c_str(), static_cast<unsigned long long>(f.count),
                f.detail.c_str());
    for (const auto& s : f.samples) std::printf("      %s\n", s.c_str());
  }
}

void print_data(const PlanReport& p) {
  std::printf("\nData (every source value read through its transform)\n");
  if (p.data_problems.empty())
    std::printf("  no value would be refused, no key collides, no reference dangles\n");
  print_findings(p.data_problems);
  if (!p.would_reject.empty()) {
    std::printf(
        "  on_error: reject tables would load without these rows and write them to the "
        "reject file (migrate exits 9):\n");
    print_findings(p.would_reject);
  }
}

void print_after_load(const PlanReport& p) {
  if (p.after_load.empty() && p.sequences.empty()) return;
  std::printf("\nAfter the load (in the cutover's transaction, before validation)\n");
  for (const auto& a : p.after_load) std::printf("  after_load %s\n", a.c_str());
  for (const auto& s : p.sequences) std::printf("  sequence %s\n", s.c_str());
}

}  // namespace

ExitCode PlanReport::verdict_code(const std::vector<std::string>& reasons) const {
  if (migration_failure) return *migration_failure;
  for (const auto& g : schema_gaps) {
    if (!g.missing.empty()) return ExitCode::config;
  }
  for (const auto& r : reasons) {
    if (r.rfind("migrations", 0) == 0) return ExitCode::config;
  }
  if (!data_problems.empty()) return ExitCode::source_data;
  return reasons.empty() ? ExitCode::ok : ExitCode::not_empty;
}

void print_plan(const PlanReport& p, const RunResult& r) {
  if (!p.ran) {
    std::printf("%s\n", r.verdict.c_str());
    return;
  }
  std::printf("sqlite2pg plan against %s (nothing is written)\n\n", r.target.c_str());
  print_target(p);
  print_load_order(p);
  print_after_load(p);
  print_gaps(p);
  print_data(p);
  if (!r.warnings.empty()) {
    std::printf("\nWarnings\n");
    for (const auto& w : r.warnings) std::printf("  - %s\n", w.c_str());
  }
  std::printf("\n%s\n", r.verdict.c_str());
  std::fflush(stdout);
}

}  // namespace s2p

// sqlite2pg plan: the cutover's preflight. It reads everything migrate would read, applies the
// pending migrations inside a transaction that is always rolled back, and reports what would
// make the cutover fail: schema gaps, values that would be refused, keys that would collide,
// references to rows that do not exist, and tables that already hold rows. Writes nothing.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>

#include "sqlite2pg/load/target_tables.h"
#include "sqlite2pg/pg/etl_store.h"
#include "sqlite2pg/run/command_context.h"
#include "sqlite2pg/run/commands.h"
#include "sqlite2pg/run/plan_report.h"

namespace s2p {
namespace {

std::string transforms_of(const TablePlan& t) {
  std::set<std::string> names;
  for (const auto& c : t.columns) names.insert(c.mapping->transform);
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// The schema the cutover would see: the pending migrations applied (and rolled back with the
// rest). One that fails is reported, and the rest is planned without it.
void preview_migrations(PgSession& pg, const std::vector<MigrationFile>& files, PlanReport& p,
                        RunResult& result) {
  const auto state = migration_state(pg, files);
  for (const auto* m : state.pending) p.pending_migrations.push_back(m->name);
  for (const auto& problem : state.problems) {
    result.reasons.push_back("migrations: " + problem);
    p.migration_problems.push_back(problem);
  }
  for (const auto& failure : preview_pending_migrations(pg, files)) {
    result.reasons.push_back(std::string("migrations: ") + failure.what());
    p.migration_problems.push_back(failure.what());
    p.migration_failure = failure.code();
  }
  pg.reset_session();
}

void add_gaps(PgSession& pg, const PreparedSources& prepared, const LoadPlan& plan,
              const std::vector<MigrationFile>& files, PlanReport& p, RunResult& result) {
  p.schema_gaps = schema_gaps(pg, prepared.mappings, plan, files, result.warnings);
  for (const auto& problem : plan.problems) {
    if (problem.category != "type" && problem.category != "not_null" &&
        problem.category != "table" && problem.category != "column") {
      p.schema_gaps.push_back(
          {problem.category == "distribution" ? "Citus" : "mappings", 0, 0, {problem.text}});
    }
  }
  // sqlite2pg's own tables: migrate refuses a target without them.
  GapRow etl{"sqlite2pg's etl tables"};
  const auto missing = missing_etl_tables(pg);
  for (const auto& t : etl_tables()) {
    const auto it = std::find_if(missing.begin(), missing.end(),
                                 [&](const EtlTable& m) { return m.name == t.name; });
    etl.count(it == missing.end(), missing_etl_text(t));
  }
  p.schema_gaps.push_back(std::move(etl));
  for (const auto& g : p.schema_gaps) {
    for (const auto& m : g.missing) result.reasons.push_back(g.category + ": " + m);
  }
}

void add_holding_tables(PgSession& pg, const LoadPlan& plan, bool replace, PlanReport& p,
                        RunResult& result) {
  for (const auto& t : plan.tables) {
    if (!has_rows(pg, t.target)) continue;
    const std::string h =
        t.mapping->target_name() + " (" + std::to_string(count_rows(pg, t.target)) + " rows)";
    p.tables_holding_rows.push_back(h);
    if (!replace)
      result.reasons.push_back("target table " + h + " holds rows; migrate needs --replace");
  }
  for (const auto& r : unmapped_referencing(pg, plan)) {
    if (!has_rows(pg, r)) continue;
    const std::string h =
        r.schema + "." + r.name + " (" + std::to_string(count_rows(pg, r)) + " rows)";
    p.tables_holding_rows.push_back(h + ", not mapped, references a loaded table");
    result.reasons.push_back("target table " + h +
                             " references a loaded table and no mapping feeds it; migrate would "
                             "refuse to empty the loaded tables under it");
  }
}

void add_data(PgSession& pg, const LoadPlan& plan, std::size_t limit, PlanReport& p,
              RunResult& result) {
  spdlog::info("reading every source value through its transform");
  DataCheckResult data = check_source_data(plan, pg, limit);
  for (const auto& t : plan.tables) {
    const auto rows = data.rows_read.count(t.label()) ? data.rows_read.at(t.label()) : 0;
    p.load_order.push_back({t.label(), t.mapping->target_name(), rows, transforms_of(t)});
  }
  for (auto& f : data.findings) {
    if (f.kind == "rejected_value") {
      result.warnings.push_back(f.source + "." + f.table + "." + f.column + ": " +
                                std::to_string(f.count) +
                                " row(s) would be rejected by on_error: reject (--rejects FILE)");
      p.would_reject.push_back(std::move(f));
      continue;
    }
    result.reasons.push_back(f.kind + ": " + f.source + "." + f.table + "." + f.column + ", " +
                             std::to_string(f.count) + " row(s)");
    p.data_problems.push_back(std::move(f));
  }
}

// The statements and sequence settings migrate would run after the load, as the mappings say.
void add_after_load(const std::vector<SourceMapping>& mappings, PlanReport& p) {
  for (const auto& m : mappings) {
    for (const auto& t : m.tables) {
      for (const auto& sql : t.after_load) p.after_load.push_back(t.target_name() + ": " + sql);
    }
    for (const auto& s : m.sequences) {
      p.sequences.push_back(s.name + ": " +
                            (s.skip        ? std::string("skip")
                             : s.undecided ? std::string("TO DECIDE")
                                           : s.query));
    }
  }
}

// How a Citus target places each mapped table: what decides which statements it can run.
void add_distribution(const LoadPlan& plan, PlanReport& p) {
  if (!plan.distribution) return;
  p.citus_version = plan.distribution->version;
  for (const auto& t : plan.tables) {
    const std::string name = t.target.schema + "." + t.target.name;
    const CitusTable* c = plan.distribution->find(t.target.schema, t.target.name);
    if (!c) {
      p.distribution.push_back(name + ": a plain table on the coordinator");
      continue;
    }
    std::string line =
        name + ": " +
        (c->kind == "distributed" ? "distributed by " + c->column : "a " + c->kind + " table");
    std::string with;
    for (const auto& o : plan.distribution->tables) {
      if (&o != c && c->kind == "distributed" && o.colocation == c->colocation &&
          plan.table_for(o.schema, o.name))
        with += (with.empty() ? "" : ", ") + o.schema + "." + o.name;
    }
    p.distribution.push_back(line + (with.empty() ? "" : ", co-located with " + with));
  }
}

void plan(const PlanOptions& options, RunResult& result, PlanReport& p) {
  auto prepared = prepare_sources(options.mappings_dir, options.source_paths,
                                  {result.mapping_files, result.sources});
  auto files = read_migration_files(options.migrations_dir);
  CommandContext ctx(options, result);
  PgSession& pg = ctx.pg();
  ctx.adopt(std::move(prepared));
  Transaction& transaction = ctx.begin();  // never committed
  preview_migrations(pg, files, p, result);
  const LoadPlan& plan = ctx.build_plan({.lenient = true});
  add_gaps(pg, ctx.sources(), plan, files, p, result);
  add_holding_tables(pg, plan, options.replace, p, result);
  add_data(pg, plan, options.sample_limit, p, result);
  add_after_load(ctx.sources().mappings, p);
  add_distribution(plan, p);
  p.ran = true;
  result.plan = p;
  transaction.rollback();
  ctx.end_snapshots();
}

}  // namespace

ExitCode run_plan(const PlanOptions& options) {
  RunResult result;
  result.command = "plan";
  PlanReport report;
  const auto body = [&] {
    plan(options, result, report);
    result.exit_code = report.verdict_code(result.reasons);
    result.verdict =
        result.reasons.empty()
            ? "READY: migrate would load every table; nothing found that would make it fail"
            : "NOT READY: " + std::to_string(result.reasons.size()) +
                  " problem(s) above would make migrate fail";
  };
  return run_and_report(
      result, options, body,
      [](const Failure& f) { return "PLAN FAILED: " + std::string(f.what()); },
      [&](const RunResult& r) { print_plan(report, r); });
}

}  // namespace s2p

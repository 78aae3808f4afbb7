// sqlite2pg plan: the cutover's preflight. It reads everything migrate would read, applies the
// pending migrations inside a transaction that is always rolled back, and reports what would
// make the cutover fail: schema gaps, values that would be refused, keys that would collide,
// references to rows that do not exist, and tables that already hold rows. Writes nothing.
#include <spdlog/spdlog.h>

#include <cstdio>
#include <set>

#include "sqlite2pg/plan/sources.h"
#include "sqlite2pg/preflight/data_checks.h"
#include "sqlite2pg/run/commands.h"
#include "sqlite2pg/schema/migrations.h"
#include "sqlite2pg/schema/sql_statements.h"
#include "sqlite2pg/util/text.h"

namespace s2p {
namespace {

struct GapRow {
  std::string category;
  std::size_t needed = 0, present = 0;
  std::vector<std::string> missing;
};

std::string join(const std::set<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

// Extensions the migrations create: the target must be able to provide them.
std::set<std::string> extensions_named(const std::vector<MigrationFile>& files) {
  std::set<std::string> out;
  for (const auto& f : files) {
    for (auto& name : extensions_created(f.sql)) out.insert(std::move(name));
  }
  return out;
}

std::vector<GapRow> schema_gaps(PgSession& pg, const std::vector<SourceMapping>& mappings,
                                const LoadPlan& plan, const std::vector<MigrationFile>& files,
                                std::vector<std::string>& warnings) {
  GapRow schemas{"schemas"}, tables{"tables"}, columns{"columns"}, extensions{"extensions"};
  GapRow types{"column types"}, not_null{"NOT NULL columns fed"};
  std::set<std::string> needed_schemas;
  for (const auto& m : mappings) {
    for (const auto& t : m.tables) {
      needed_schemas.insert(t.target_schema);
      ++tables.needed;
      const auto target = read_target_table(pg, t.target_schema, t.target_table);
      if (!target.exists) {
        tables.missing.push_back(t.target_name());
        continue;
      }
      ++tables.present;
      for (const auto& c : t.columns) {
        if (c.skip) continue;
        ++columns.needed;
        if (target.column(c.target_column)) {
          ++columns.present;
        } else {
          columns.missing.push_back(t.target_name() + "." + c.target_column);
        }
      }
    }
  }
  for (const auto& s : needed_schemas) {
    ++schemas.needed;
    if (schema_exists(pg, s)) {
      ++schemas.present;
    } else {
      schemas.missing.push_back(s);
    }
  }
  for (const auto& e : extensions_named(files)) {
    ++extensions.needed;
    if (extension_available(pg, e)) {
      ++extensions.present;
    } else {
      extensions.missing.push_back(e);
    }
  }
  for (const auto& p : plan.problems) {
    if (p.category == "type") types.missing.push_back(p.text);
    if (p.category == "not_null") not_null.missing.push_back(p.text);
  }
  for (const auto& t : plan.tables) {
    types.needed += t.columns.size();
    std::vector<SourceColumn> source_columns;
    if (!t.source_table_missing) source_columns = t.source->columns(t.mapping->source_table);
    for (const auto& tc : t.target.columns) {
      if (!tc.not_null) continue;
      ++not_null.needed;
      for (const auto& c : t.columns) {
        if (c.target.name != tc.name) continue;
        for (const auto& sc : source_columns) {
          if (sc.name == c.mapping->source_column && !sc.not_null && sc.pk_position == 0) {
            warnings.push_back(t.mapping->target_name() + "." + tc.name +
                               " is NOT NULL, fed by nullable source column " + t.label() + "." +
                               sc.name + " (the data check below finds any NULL)");
          }
        }
      }
    }
  }
  types.needed += types.missing.size();
  types.present = types.needed - types.missing.size();
  not_null.present = not_null.needed - std::min(not_null.needed, not_null.missing.size());
  return {schemas, tables, columns, extensions, types, not_null};
}

std::string transforms_of(const TablePlan& t) {
  std::set<std::string> names;
  for (const auto& c : t.columns) names.insert(c.mapping->transform);
  return join(names);
}

void print_plan(const RunResult& r) {
  const auto& d = r.details;
  if (!d.contains("plan")) {  // the preflight itself could not run
    std::printf("%s\n", r.verdict.c_str());
    return;
  }
  std::printf("sqlite2pg plan against %s (nothing is written)\n\n", r.target.c_str());
  std::printf("Target\n");
  const auto& pending = d["plan"]["pending_migrations"];
  if (pending.empty()) {
    std::printf("  migrations: all applied\n");
  } else {
    std::string names;
    for (const auto& m : pending) names += (names.empty() ? "" : ", ") + m.get<std::string>();
    std::printf("  migrations: %zu pending (%s)\n", pending.size(), names.c_str());
  }
  for (const auto& m : d["plan"]["migration_problems"]) {
    std::printf("  migrations would fail: %s\n", m.get<std::string>().c_str());
  }
  const auto& holding = d["plan"]["tables_holding_rows"];
  if (holding.empty()) {
    std::printf("  mapped target tables: empty\n");
  } else {
    std::printf("  mapped target tables holding rows (migrate refuses them without --replace):\n");
    for (const auto& h : holding) std::printf("    %s\n", h.get<std::string>().c_str());
  }
  std::printf("\nLoad order\n  %-3s %-34s %-30s %10s  %s\n", "#", "source table", "target table",
              "rows", "transforms");
  int n = 0;
  for (const auto& t : d["plan"]["load_order"]) {
    std::printf("  %-3d %-34s %-30s %10llu  %s\n", ++n,
                t["source_table"].get<std::string>().c_str(),
                t["target_table"].get<std::string>().c_str(), t["rows"].get<unsigned long long>(),
                t["transforms"].get<std::string>().c_str());
  }
  std::printf("\nSchema gaps (with the pending migrations applied)\n  %-22s %8s %8s %8s\n",
              "category", "needed", "present", "missing");
  for (const auto& g : d["plan"]["schema_gaps"]) {
    std::printf("  %-22s %8zu %8zu %8zu\n", g["category"].get<std::string>().c_str(),
                g["needed"].get<std::size_t>(), g["present"].get<std::size_t>(),
                g["missing"].size());
  }
  for (const auto& g : d["plan"]["schema_gaps"]) {
    for (const auto& m : g["missing"]) {
      std::printf("  - %s: %s\n", g["category"].get<std::string>().c_str(),
                  m.get<std::string>().c_str());
    }
  }
  std::printf("\nData (every source value read through its transform)\n");
  if (d["plan"]["data_problems"].empty())
    std::printf("  no value would be refused, no key collides, no reference dangles\n");
  for (const auto& f : d["plan"]["data_problems"]) {
    std::printf("  %s: %s.%s, column %s: %llu row(s) %s\n", f["kind"].get<std::string>().c_str(),
                f["source"].get<std::string>().c_str(), f["table"].get<std::string>().c_str(),
                f["column"].get<std::string>().c_str(), f["count"].get<unsigned long long>(),
                f["detail"].get<std::string>().c_str());
    for (const auto& s : f["samples"]) std::printf("      %s\n", s.get<std::string>().c_str());
  }
  if (!r.warnings.empty()) {
    std::printf("\nWarnings\n");
    for (const auto& w : r.warnings) std::printf("  - %s\n", w.c_str());
  }
  std::printf("\n%s\n", r.verdict.c_str());
  std::fflush(stdout);
}

void plan(const PlanOptions& options, RunResult& result) {
  auto prepared = prepare_sources(options.mappings_dir, options.source_paths,
                                  {result.mapping_files, result.sources});
  auto files = read_migration_files(options.migrations_dir);
  PgSession pg(options.target_dsn);
  pg.set_timeouts(options.lock_timeout_seconds, options.statement_timeout_seconds);
  result.target = pg.describe();
  pg.begin();  // rolled back at the end, whatever happens
  nlohmann::json p;
  const auto state = migration_state(pg, files);
  p["pending_migrations"] = nlohmann::json::array();
  for (const auto* m : state.pending) p["pending_migrations"].push_back(m->name);
  p["migration_problems"] = nlohmann::json::array();
  for (const auto& problem : state.problems) {
    result.reasons.push_back("migrations: " + problem);
    p["migration_problems"].push_back(problem);
  }
  // The schema the cutover would see: the pending migrations, applied and then rolled back.
  // If they fail, that is reported and the rest is planned against the schema as it is.
  try {
    apply_pending_migrations(pg, files);
  } catch (const Failure& f) {
    if (state.problems.empty()) {
      result.reasons.push_back(std::string("migrations: ") + f.what());
      p["migration_problems"].push_back(f.what());
    }
    pg.rollback();
    pg.begin();
  }
  pg.reset_session();
  const LoadPlan plan = build_plan(prepared.mappings, prepared.sources, pg, /*lenient=*/true);
  result.warnings = plan.warnings;
  auto gaps = schema_gaps(pg, prepared.mappings, plan, files, result.warnings);
  for (const auto& problem : plan.problems) {
    if (problem.category != "type" && problem.category != "not_null" &&
        problem.category != "table" && problem.category != "column") {
      gaps.push_back({"mappings", 0, 0, {problem.text}});
    }
  }
  p["schema_gaps"] = nlohmann::json::array();
  for (const auto& g : gaps) {
    p["schema_gaps"].push_back({{"category", g.category},
                                {"needed", g.needed},
                                {"present", g.present},
                                {"missing", g.missing}});
    for (const auto& m : g.missing) result.reasons.push_back(g.category + ": " + m);
  }
  p["tables_holding_rows"] = nlohmann::json::array();
  for (const auto& t : plan.tables) {
    if (has_rows(pg, t.target)) {
      const std::string h =
          t.mapping->target_name() + " (" + std::to_string(count_rows(pg, t.target)) + " rows)";
      p["tables_holding_rows"].push_back(h);
      if (!options.replace)
        result.reasons.push_back("target table " + h + " holds rows; migrate needs --replace");
    }
  }
  spdlog::info("reading every source value through its transform");
  const DataCheckResult data = check_source_data(plan, pg, options.sample_limit);
  p["load_order"] = nlohmann::json::array();
  for (const auto& t : plan.tables) {
    const auto rows = data.rows_read.count(t.label()) ? data.rows_read.at(t.label()) : 0;
    p["load_order"].push_back({{"source_table", t.label()},
                               {"target_table", t.mapping->target_name()},
                               {"rows", rows},
                               {"transforms", transforms_of(t)}});
  }
  p["data_problems"] = nlohmann::json::array();
  for (const auto& f : data.findings) {
    p["data_problems"].push_back({{"kind", f.kind},
                                  {"source", f.source},
                                  {"table", f.table},
                                  {"column", f.column},
                                  {"detail", f.detail},
                                  {"count", f.count},
                                  {"samples", f.samples}});
    result.reasons.push_back(f.kind + ": " + f.source + "." + f.table + "." + f.column + ", " +
                             std::to_string(f.count) + " row(s)");
  }
  result.details["plan"] = p;
  pg.rollback();
  for (const auto& [name, source] : prepared.sources) source->end_snapshot();
}

// The exit code of the first kind of problem: schema, then data, then rows in the target.
ExitCode verdict_code(const nlohmann::json& p, const std::vector<std::string>& reasons) {
  for (const auto& g : p["schema_gaps"]) {
    if (!g["missing"].empty()) return ExitCode::config;
  }
  for (const auto& r : reasons) {
    if (r.rfind("migrations", 0) == 0) return ExitCode::config;
  }
  if (!p["data_problems"].empty()) return ExitCode::source_data;
  return reasons.empty() ? ExitCode::ok : ExitCode::not_empty;
}

}  // namespace

ExitCode run_plan(const PlanOptions& options) {
  RunResult result;
  result.command = "plan";
  result.started_at = utc_now_iso();
  if (options.report) prepare_report(*options.report);
  try {
    plan(options, result);
    result.exit_code = verdict_code(result.details["plan"], result.reasons);
    result.verdict =
        result.reasons.empty()
            ? "READY: migrate would load every table; nothing found that would make it fail"
            : "NOT READY: " + std::to_string(result.reasons.size()) +
                  " problem(s) above would make migrate fail";
  } catch (...) {
    const Failure f = current_failure();
    result.exit_code = f.code();
    result.error = f.what();
    result.verdict = "PLAN FAILED: " + std::string(f.what());
    spdlog::error("{}", f.what());
  }
  return finish_run(result, options, print_plan);
}

}  // namespace s2p

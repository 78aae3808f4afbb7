#include "sqlite2pg/load/target_tables.h"

#include <algorithm>

#include "sqlite2pg/pg/constraints.h"
#include "sqlite2pg/pg/etl_store.h"
#include "sqlite2pg/util/failure.h"

namespace s2p {
namespace {

std::vector<const TargetTable*> targets_of(const LoadPlan& plan) {
  std::vector<const TargetTable*> out;
  for (const auto& t : plan.tables) out.push_back(&t.target);
  return out;
}

void refuse_referencing_rows(PgSession& pg, const std::vector<TargetTable>& tables) {
  std::string holding;
  for (const auto& r : tables) {
    if (has_rows(pg, r))
      holding +=
          "\n  - " + r.schema + "." + r.name + " (" + std::to_string(count_rows(pg, r)) + " rows)";
  }
  if (holding.empty()) return;
  throw Failure(ExitCode::not_empty,
                "tables no mapping feeds reference loaded tables and hold rows:" + holding +
                    "\nemptying the loaded tables would orphan them; nothing was changed (empty "
                    "those tables, or map them so they are loaded too)");
}

}  // namespace

std::vector<TargetTable> unmapped_referencing(PgSession& pg, const LoadPlan& plan) {
  std::vector<TargetTable> out;
  const auto known = [&](const TargetTable& r) {
    return plan.table_for(r.schema, r.name) ||
           std::any_of(out.begin(), out.end(), [&](const TargetTable& o) {
             return o.schema == r.schema && o.name == r.name;
           });
  };
  // TRUNCATE refuses a table referenced by one it does not empty, at any depth.
  std::vector<TargetTable> frontier;
  for (const auto& t : plan.tables) frontier.push_back(t.target);
  while (!frontier.empty()) {
    std::vector<TargetTable> next;
    for (const auto& t : frontier) {
      for (auto& r : referencing_tables_of(pg, t)) {
        if (known(r)) continue;
        out.push_back(r);
        next.push_back(std::move(r));
      }
    }
    frontier = std::move(next);
  }
  return out;
}

void empty_targets(PgSession& pg, const LoadPlan& plan, bool replace) {
  auto targets = targets_of(plan);
  const auto referencing = unmapped_referencing(pg, plan);
  for (const auto& r : referencing) targets.push_back(&r);
  lock_exclusive(pg, targets);  // first: no service adds a row between the check and TRUNCATE
  refuse_referencing_rows(pg, referencing);
  std::vector<std::string> holding;
  for (const auto& t : plan.tables) {
    if (has_rows(pg, t.target)) {
      holding.push_back(t.mapping->target_name() + " (" + std::to_string(count_rows(pg, t.target)) +
                        " rows)");
    }
  }
  if (!holding.empty() && !replace) {
    std::string msg = "target tables already hold rows:";
    for (const auto& h : holding) msg += "\n  - " + h;
    msg += "\nnothing was changed; run with --replace to empty them inside the cutover transaction";
    throw Failure(ExitCode::not_empty, msg);
  }
  truncate(pg, targets);  // even empty tables: COPY FREEZE needs the truncation
  for (const auto& t : plan.tables)
    forget_table(pg, t.source_mapping->name, t.mapping->source_table);
}

LoadConstraints::LoadConstraints(PgSession& pg, const LoadPlan& plan) : pg_(pg), plan_(plan) {
  for (const auto& t : plan.tables) {
    for (auto& i : secondary_indexes_of(pg, t.target)) indexes_.push_back(std::move(i));
  }
}

void LoadConstraints::drop() {
  for (const auto& fk : plan_.foreign_keys) drop_foreign_key(pg_, fk);
  for (const auto& i : indexes_) drop_index(pg_, i);
}

void LoadConstraints::build_indexes() {
  for (const auto& i : indexes_) build_index(pg_, i);
}

void LoadConstraints::add_foreign_keys() {
  for (const auto& fk : plan_.foreign_keys) add_foreign_key(pg_, fk);
}

namespace {

// SQLite's AUTOINCREMENT counter, where the column is fed by the source table's own key.
std::int64_t ids_handed_out(const TablePlan& t, const ColumnPlan& c) {
  if (t.source_table_missing || t.key_names.size() != 1 || !c.mapping ||
      c.mapping->source_column != t.key_names[0])
    return 0;
  return t.source->autoincrement_seq(t.mapping->source_table);
}

// Runs one step; PostgreSQL's refusal becomes a message naming the step and its SQL.
template <typename F>
std::string step(const std::string& what, const std::string& sql, F run) {
  try {
    return run();
  } catch (const PgError& e) {
    throw Failure(ExitCode::target, what + " failed: " + sql + ": " + e.what());
  } catch (const Failure& f) {
    throw Failure(f.code(), what + " failed: " + sql + ": " + f.what());
  }
}

}  // namespace

void restart_sequences(PgSession& pg, const LoadPlan& plan) {
  for (const auto& t : plan.tables) {
    for (const auto& c : t.columns) {
      if (!c.target.sequence.empty())
        restart_sequence_past_max(pg, t.target, c.target, ids_handed_out(t, c));
    }
  }
}

std::vector<AfterLoadStep> run_after_load_steps(PgSession& pg, const LoadPlan& plan,
                                                const std::vector<SourceMapping>& mappings,
                                                const AfterLoadScope& scope) {
  std::vector<AfterLoadStep> done;
  for (std::size_t i = 0; i < plan.tables.size(); ++i) {
    const TablePlan& t = plan.tables[i];
    if (scope.changed && !(*scope.changed)[i]) continue;
    for (const auto& sql : t.mapping->after_load) {
      const std::string what = "after_load of " + t.label();
      done.push_back({what, sql, step(what, sql, [&] {
                        return std::to_string(run_after_load(pg, sql)) + " rows";
                      })});
    }
  }
  for (const auto& m : mappings) {
    for (const auto& s : m.sequences) {
      if (s.skip || s.undecided) continue;
      const std::string what = "sequence " + s.name;
      done.push_back({what, s.query, step(what, s.query, [&] {
                        return set_sequence_from_query(pg, s.name, s.query);
                      })});
    }
  }
  return done;
}

void restart_sequences_after_inserts(PgSession& pg, const TablePlan& t) {
  for (const auto& c : t.columns) {
    if (!c.target.sequence.empty())
      restart_sequence_past_max(pg, t.target, c.target, ids_handed_out(t, c));
  }
}

}  // namespace s2p

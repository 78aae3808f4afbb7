#pragma once
// The target's side of a load: its tables emptied under a lock, its foreign keys and secondary
// indexes off for the load and back afterwards, its references checked, its sequences moved.
#include <vector>

#include "sqlite2pg/pg/catalog.h"
#include "sqlite2pg/pg/session.h"
#include "sqlite2pg/plan/plan.h"

namespace s2p {

// Locks the plan's target tables, refuses with Failure(not_empty) when one holds rows (unless
// `replace`), then truncates them all (so COPY FREEZE can write frozen rows) and forgets the
// ids and fingerprints an earlier cutover recorded for them.
// Tables no mapping feeds that reference a loaded one: TRUNCATE must empty them too, which is
// only harmless while they hold nothing (empty_targets refuses them otherwise).
std::vector<TargetTable> unmapped_referencing(PgSession& pg, const LoadPlan& plan);

void empty_targets(PgSession& pg, const LoadPlan& plan, bool replace);

// The plan's foreign keys and non-unique secondary indexes: dropped for the load, then
// re-created from their catalog definitions exactly as they were (building beats maintaining
// row by row).
class LoadConstraints {
 public:
  LoadConstraints(PgSession& pg, const LoadPlan& plan);
  void drop();
  void build_indexes();
  void add_foreign_keys();

 private:
  PgSession& pg_;
  const LoadPlan& plan_;
  std::vector<SecondaryIndex> indexes_;
};

// Checks every foreign key between loaded tables, naming each orphan's source row; throws
// Failure(source_data) listing them.
void check_references(PgSession& pg, const LoadPlan& plan);

// Moves each loaded SERIAL or identity column's sequence past the highest id loaded.
void restart_sequences(PgSession& pg, const LoadPlan& plan);

// What the mappings ask of PostgreSQL after the load: after_load statements (in mapping order)
// and the standalone sequences' queries, each as it ran.
struct AfterLoadStep {
  std::string what;  // "after_load of registry.events" or "sequence public.events_seq"
  std::string sql;
  std::string result;  // rows affected, or the sequence's value
};

// Runs them; a failure names the step and its SQL (Failure(target)). A sync passes the tables
// it changed (the statements of the others do not run).
struct AfterLoadScope {
  const std::vector<bool>* changed = nullptr;  // by plan.tables' index; nullptr: every table
};
std::vector<AfterLoadStep> run_after_load_steps(PgSession& pg, const LoadPlan& plan,
                                                const std::vector<SourceMapping>& mappings,
                                                const AfterLoadScope& scope = {});
// The same for one table that was added to rather than emptied: never moves a sequence back.
void restart_sequences_after_inserts(PgSession& pg, const TablePlan& t);

}  // namespace s2p

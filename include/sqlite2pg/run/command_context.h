#pragma once
// How a command that reads the sources and the target opens and closes. It opens: one session
// with the run's timeouts, one transaction, the sources (read-only, one snapshot each) and the
// plan; it closes on every path: the transaction rolled back unless committed, every source's
// snapshot ended, the session closed. Each command chooses the order of its opening steps (sync
// reads the target before it opens the sources, rollback locks before its snapshot).
#include <memory>
#include <optional>

#include "sqlite2pg/pg/session.h"
#include "sqlite2pg/pg/transaction.h"
#include "sqlite2pg/plan/plan.h"
#include "sqlite2pg/plan/sources.h"
#include "sqlite2pg/run/options.h"
#include "sqlite2pg/run/run_result.h"

namespace s2p {

class CommandContext {
 public:
  // Connects to the target with the run's timeouts, and records it in `result`.
  CommandContext(const RunOptions& options, RunResult& result);
  CommandContext(const CommandContext&) = delete;
  CommandContext& operator=(const CommandContext&) = delete;

  PgSession& pg() { return *pg_; }
  // Begins the run's one transaction; it rolls back when the context ends uncommitted.
  Transaction& begin(TransactionMode mode = TransactionMode::read_write);
  Transaction& transaction();
  // Takes the run's sources, opened and in their snapshots.
  PreparedSources& adopt(PreparedSources sources);
  PreparedSources& sources();
  // The plan of the sources onto the target, its warnings added to the result's. Unless the
  // rules are lenient (plan's preview), the values the server computes are ready too.
  LoadPlan& build_plan(const PlanRules& rules = {});
  LoadPlan& plan();
  // Ends every source's snapshot; throws if a file was written while it was read. A context
  // that ends without it ends the snapshots unchecked.
  void end_snapshots();

 private:
  RunResult& result_;
  std::unique_ptr<PgSession> pg_;  // declared first: closed last
  std::optional<PreparedSources> sources_;
  std::optional<Transaction> transaction_;
  std::optional<LoadPlan> plan_;
};

}  // namespace s2p

#include "sqlite2pg/run/command_context.h"

#include "sqlite2pg/load/computed_values.h"

namespace s2p {
namespace {

template <typename T>
T& required(std::optional<T>& part, const char* what) {
  if (!part) throw Failure(ExitCode::internal, std::string("the command has no ") + what + " yet");
  return *part;
}

}  // namespace

CommandContext::CommandContext(const RunOptions& options, RunResult& result)
    : result_(result),
      pg_(std::make_unique<PgSession>(options.target_dsn, options.lock_timeout_seconds,
                                      options.statement_timeout_seconds)) {
  result_.target = pg_->describe();
}

Transaction& CommandContext::begin(TransactionMode mode) {
  return transaction_.emplace(*pg_, mode);
}

Transaction& CommandContext::transaction() { return required(transaction_, "transaction"); }

PreparedSources& CommandContext::adopt(PreparedSources sources) {
  return sources_.emplace(std::move(sources));
}

PreparedSources& CommandContext::sources() { return required(sources_, "sources"); }

LoadPlan& CommandContext::build_plan(const PlanRules& rules) {
  auto& s = sources();
  LoadPlan& plan = plan_.emplace(s2p::build_plan(s.mappings, s.sources, *pg_, rules));
  if (!rules.lenient) compute_server_values(*pg_, plan);
  result_.warnings.insert(result_.warnings.end(), plan.warnings.begin(), plan.warnings.end());
  return plan;
}

LoadPlan& CommandContext::plan() { return required(plan_, "plan"); }

void CommandContext::end_snapshots() {
  for (const auto& [name, source] : sources().sources) source->end_snapshot();
}

}  // namespace s2p

// sqlite2pg verify: re-read every mapped source and the target, and compare them table by table.
#include <spdlog/spdlog.h>

#include <chrono>

#include "sqlite2pg/load/table_stream.h"
#include "sqlite2pg/run/commands.h"
#include "sqlite2pg/run/sources.h"
#include "sqlite2pg/validate/readback.h"

namespace s2p {
namespace {

void compare(const RunOptions& options, RunResult& result) {
  auto prepared = prepare_sources(options, result);
  PgSession pg(options.target_dsn);
  result.target = pg.describe();
  pg.begin(/*read_only=*/true);  // one consistent snapshot of the target, and nothing written
  const LoadPlan plan = build_plan(prepared.mappings, prepared.sources, pg);
  bool all_match = true;
  for (const auto& t : plan.tables) {
    const auto start = std::chrono::steady_clock::now();
    TableResult r{t.source_mapping->name, t.mapping->source_table, t.mapping->target_name()};
    TableStream stream(t);
    std::string sink;
    while (stream.fill(sink)) sink.clear();  // only the checksum is wanted
    r.source_rows = stream.checksum().rows();
    r.source_checksum = stream.checksum().hex();
    const RowChecksum back = read_back_checksum(pg, t.readback_sql);
    r.target_rows = back.rows();
    r.target_checksum = back.hex();
    r.matches = r.source_rows == r.target_rows && r.source_checksum == r.target_checksum;
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!r.matches) spdlog::warn("{} differs from {}", t.label(), r.target_table);
    all_match = all_match && r.matches;
    result.tables.push_back(r);
  }
  pg.rollback();
  for (const auto& [name, source] : prepared.sources) source->end_snapshot();
  if (!all_match)
    throw Failure(ExitCode::mismatch, "the target does not hold exactly what the sources hold");
}

}  // namespace

ExitCode run_verify(const RunOptions& options) {
  RunResult result;
  result.command = options.exact ? "verify --exact" : "verify";
  result.started_at = utc_now_iso();
  if (options.report) prepare_report(*options.report);
  try {
    compare(options, result);
    result.verdict = "MATCH: every table holds exactly what its source holds";
  } catch (...) {
    const Failure f = current_failure();
    result.exit_code = f.code();
    result.error = f.what();
    result.verdict =
        std::string(f.code() == ExitCode::mismatch ? "MISMATCH: " : "NOT VERIFIED: ") + f.what();
    if (f.code() != ExitCode::mismatch) spdlog::error("{}", f.what());
  }
  return finish_run(result, options);
}

}  // namespace s2p

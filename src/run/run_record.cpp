#include "sqlite2pg/run/run_record.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

namespace s2p {
namespace {

// Paths need not be UTF-8; the JSON stored in PostgreSQL must be.
std::string dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Where the run's snapshot left a source's change log, so the next sync reads the log from there:
// the generation, the last seq, the schema_version (a VACUUM moves it) and the tables read.
nlohmann::json capture_mark(const RunResult& r, const SourceFacts& s) {
  nlohmann::json tables = nlohmann::json::array();
  for (const auto& t : r.tables) {
    if (t.source == s.name) tables.push_back(t.source_table);
  }
  return {{"generation", s.capture.generation},
          {"seq", s.capture.last_seq},
          {"schema_version", s.capture.schema_version},
          {"tables", tables}};
}

}  // namespace

RunRecord run_record(const RunResult& r, std::int64_t run_id,
                     const std::vector<TableResult>& tables, const std::string& kind) {
  nlohmann::json sources = nlohmann::json::array(), listed = nlohmann::json::array(),
                 maps = nlohmann::json::array();
  for (const auto& s : r.sources) {
    nlohmann::json entry = {
        {"name", s.name},
        {"path", s.path},
        {"real_path", s.real_path},
        {"size", s.size},
        {"sha256", s.sha256.empty() ? nlohmann::json() : nlohmann::json(s.sha256)}};
    if (s.capture.intact()) entry["capture"] = capture_mark(r, s);
    sources.push_back(std::move(entry));
  }
  for (const auto& t : tables) {
    nlohmann::json entry = {{"source", t.source},
                            {"source_table", t.source_table},
                            {"target_table", t.target_table},
                            {"rows", t.target_rows},
                            {"rejected", t.rejected_rows},
                            {"checksum", t.target_checksum},
                            {"fingerprint_order", "key_slot"}};
    if (!t.fingerprints.empty()) {
      entry["fingerprints"] = t.fingerprints;
      entry["fingerprint_rows"] = t.fingerprint_rows;
    }
    listed.push_back(std::move(entry));
  }
  for (const auto& [f, sha] : r.mapping_files) maps.push_back({{"file", f}, {"sha256", sha}});
  RunRecord out{run_id, kind, r.started_at, dump(sources), dump(listed), dump(maps)};
  return out;
}

void require_recorded_runs(PgSession& pg) {
  if (!has_run_records(pg)) {
    throw Failure(ExitCode::config,
                  "the target records no committed migrate (etl.runs, etl.row_hashes): run "
                  "sqlite2pg migrate first");
  }
  if (!has_run_kinds(pg)) {
    throw Failure(ExitCode::config,
                  "the target's etl.runs has no kind column; the migrations must include "
                  "sqlite2pg's migrations/006_etl_run_kind.sql (sqlite2pg schema up applies it)");
  }
}

std::vector<CutoverRecord> baselines_of(PgSession& pg, const LoadPlan& plan,
                                        const std::string& doing) {
  std::vector<CutoverRecord> out;
  std::string missing;
  for (const auto& t : plan.tables) {
    auto b = last_cutover(pg, t.source_mapping->name, t.mapping->source_table);
    if (!b) {
      missing += "\n  - " + t.label() + " -> " + t.mapping->target_name();
      continue;
    }
    if (!b->target_table.empty() && b->target_table != t.mapping->target_name()) {
      throw Failure(ExitCode::config, t.mapping->where + ": " + t.label() + " now goes to " +
                                          t.mapping->target_name() + ", but run " +
                                          std::to_string(b->run_id) + " loaded it into " +
                                          b->target_table + "; " + doing +
                                          " starts from what a run loaded: migrate it again");
    }
    out.push_back(*b);
  }
  if (!missing.empty()) {
    throw Failure(ExitCode::config,
                  "no committed migrate or sync is recorded for these tables:" + missing + "\n" +
                      doing + " starts from one; load them with sqlite2pg migrate first");
  }
  return out;
}

void report_after_load(std::vector<AfterLoadStep> steps, RunResult& result) {
  if (steps.empty()) return;
  for (const auto& s : steps) spdlog::info("{}: {} ({})", s.what, s.sql, s.result);
  result.after_load = std::move(steps);
}

}  // namespace s2p

// The run's JSON report (report_format 1, documented in the README).

#include <nlohmann/json.hpp>

#include "sqlite2pg/run/run_result.h"
#include "sqlite2pg/util/private_file.h"

namespace s2p {
namespace {

using nlohmann::json;

// verify's: the -wal its proof covers, null when there was none.
// A text that may be empty: null when it is.
json nullable(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json wal_json(const WalState& w, const SourceFacts& s) {
  if (!w.present) return nullptr;
  return {{"path", s.real_path + "-wal"},
          {"size", w.size},
          {"sha256", w.sha256},
          {"committed_frames", w.committed_frames}};
}

json sources_json(const RunResult& r) {
  json out = json::array();
  for (const auto& s : r.sources) {
    out.push_back({{"name", s.name},
                   {"path", s.path},
                   {"real_path", s.real_path},
                   {"size", s.size},
                   {"sha256", nullable(s.sha256)},
                   {"empty_file", s.empty_file},
                   {"symlink", s.symlink},
                   {"same_file_as", nullable(s.same_file_as)}});
    if (const auto it = r.wal.find(s.name); it != r.wal.end())
      out.back()["wal"] = wal_json(it->second, s);
  }
  return out;
}

// The counts of the kinds `reader` reports, by the names reports spell them with.
json differences_json(const DiffTally& counts, DiffReader reader) {
  json out = json::object();
  for (const DiffKind k : kAllDiffKinds)
    if (meaning_of(k, reader)) out[std::string(name_of(k))] = counts[k];
  return out;
}

// Which reading of the differences a command's report holds; nullopt: none.
std::optional<DiffReader> reader_of(const std::string& command) {
  // inventory judges mapped sources as verify does, and reports them alike.
  if (command.rfind("verify", 0) == 0 || command == "inventory") return DiffReader::verify;
  if (command == "sync") return DiffReader::sync;
  if (command == "rollback") return DiffReader::rollback;
  return std::nullopt;
}

json table_json(const TableResult& t, std::optional<DiffReader> reader) {
  json jt = {{"source", t.source},
             {"source_table", t.source_table},
             {"target_table", t.target_table},
             {"source_rows", t.source_rows},
             {"loaded_rows", t.loaded_rows},
             {"target_rows", t.target_rows},
             {"remapped_ids", t.remapped_ids},
             {"rejected_rows", t.rejected_rows},
             {"source_checksum", t.source_checksum},
             {"target_checksum", t.target_checksum},
             {"seconds", t.seconds},
             {"matches", t.matches}};
  // sync and rollback report the rows they changed (rollback in the files it writes).
  if (reader == DiffReader::sync || reader == DiffReader::rollback) {
    jt["inserted"] = t.inserted;
    jt["updated"] = t.updated;
    jt["deleted"] = t.deleted;
    jt["unchanged"] = t.unchanged;
    jt["fingerprints"] = nullable(t.fingerprints);
    jt["fingerprint_rows"] = t.fingerprint_rows;
    jt["read"] = t.read_from.empty() ? json("whole")
                                     : json(t.read_from.substr(0, 5) == "whole" ? "whole" : "log");
    if (t.read_from.size() > 7) jt["read_whole_because"] = t.read_from.substr(7);
  }
  if (!reader) return jt;
  jt["baseline_run"] = t.baseline_run ? json(*t.baseline_run) : json(nullptr);
  jt["differences"] = differences_json(t.differences, *reader);
  jt["samples"] = json::array();
  for (const auto& d : t.samples) {
    jt["samples"].push_back({{"kind", name_of(d.kind)},
                             {"source_row", d.source_row},
                             {"target_row", d.target_row},
                             {"detail", d.detail}});
  }
  return jt;
}

json archive_json(const RunResult& r) {
  if (!r.archive) return nullptr;
  json files = json::array();
  for (const auto& [name, sha] : r.archive->files)
    files.push_back({{"name", name}, {"sha256", sha}});
  return {{"path", r.archive->path}, {"sha256", r.archive->sha256}, {"files", files}};
}

// Sections that belong to one command (report_sections.h).

json findings_json(const std::vector<DataFinding>& findings) {
  json out = json::array();
  for (const auto& f : findings) {
    out.push_back({{"kind", f.kind},
                   {"source", f.source},
                   {"table", f.table},
                   {"column", f.column},
                   {"detail", f.detail},
                   {"count", f.count},
                   {"samples", f.samples}});
  }
  return out;
}

json plan_json(const PlanReport& r) {
  json p;
  p["pending_migrations"] = r.pending_migrations;
  p["migration_problems"] = r.migration_problems;
  p["tables_holding_rows"] = r.tables_holding_rows;
  p["schema_gaps"] = json::array();
  for (const auto& g : r.schema_gaps) {
    p["schema_gaps"].push_back({{"category", g.category},
                                {"needed", g.needed},
                                {"present", g.present},
                                {"missing", g.missing}});
  }
  p["load_order"] = json::array();
  for (const auto& t : r.load_order) {
    p["load_order"].push_back({{"source_table", t.source_table},
                               {"target_table", t.target_table},
                               {"rows", t.rows},
                               {"transforms", t.transforms}});
  }
  p["data_problems"] = findings_json(r.data_problems);
  p["would_reject"] = findings_json(r.would_reject);
  p["after_load"] = r.after_load;
  p["sequences"] = r.sequences;
  if (!r.citus_version.empty())
    p["citus"] = {{"version", r.citus_version}, {"tables", r.distribution}};
  return p;
}

json window_json(const LogWindow& w) {
  json j = {{"source", w.source}, {"log", w.usable}};
  if (w.usable) {
    j["after_seq"] = w.after_seq;
    j["through_seq"] = w.through_seq;
    j["run_id"] = w.run_id;
  } else {
    j["reason"] = w.reason;
  }
  return j;
}

json capture_file_json(const CaptureFileState& f) {
  const auto& s = f.status;
  json j = {{"source", f.sources},
            {"path", f.path},
            {"on", s.on},
            {"generation", s.generation},
            {"started_at", s.started_at},
            {"tables", s.tables},
            {"logged", s.logged},
            {"last_seq", s.last_seq},
            {"problems", s.problems}};
  if (!f.consumed.empty()) j["consumed"] = f.consumed;
  if (f.consumed_by_run) j["consumed_by_run"] = *f.consumed_by_run;
  if (f.consumed_through) j["consumed_through"] = *f.consumed_through;
  if (f.pending) j["pending"] = *f.pending;
  return j;
}

json found_file_json(const FoundFile& f) {
  auto tables = json::array();
  for (const auto& t : f.tables) tables.push_back({{"name", t.name}, {"rows", t.rows}});
  return {{"path", f.path},
          {"real_path", f.real_path},
          {"kind", f.kind},
          {"size", f.size},
          {"sha256", nullable(f.sha256)},
          {"verdict", f.safe ? "safe" : "keep"},
          {"reason", f.reason},
          {"same_file_as", nullable(f.same_file_as)},
          {"tables", tables}};
}

json written_file_json(const WrittenFile& f) {
  return {{"source", f.source}, {"sources", f.sources}, {"original", f.original},
          {"path", f.path},     {"size", f.size},       {"sha256", f.sha256}};
}

template <typename T, typename F>
json array_of(const std::vector<T>& items, F to_json) {
  json out = json::array();
  for (const auto& i : items) out.push_back(to_json(i));
  return out;
}

void add_sync_sections(const RunResult& r, json& j) {
  if (!r.after_load.empty()) {
    j["after_load"] = array_of(r.after_load, [](const AfterLoadStep& s) {
      return json{{"step", s.what}, {"sql", s.sql}, {"result", s.result}};
    });
  }
  if (r.changed_tables) j["changed_tables"] = *r.changed_tables;
  if (!r.capture_windows.empty()) j["capture"] = array_of(r.capture_windows, window_json);
  if (!r.capture_forgotten.empty()) j["capture_forgotten"] = r.capture_forgotten;
}

void add_rollback_sections(const RunResult& r, json& j) {
  if (r.assigned_ids) {
    j["assigned_ids"] = array_of(*r.assigned_ids, [](const AssignedId& a) {
      return json{{"source", a.source}, {"table", a.table}, {"id", a.id}, {"uuid", a.uuid}};
    });
  }
  if (!r.outputs.empty()) j["outputs"] = array_of(r.outputs, written_file_json);
}

// The sections that belong to one command, under the keys the README documents.
void add_command_sections(const RunResult& r, json& j) {
  add_sync_sections(r, j);
  add_rollback_sections(r, j);
  if (r.capture_files) j["capture"] = array_of(*r.capture_files, capture_file_json);
  if (r.found_files) {
    j["files"] = array_of(*r.found_files, found_file_json);
    j["delete_script"] = r.delete_script ? json(*r.delete_script) : json(nullptr);
  }
  if (r.plan) j["plan"] = plan_json(*r.plan);
}

json report_json(const RunResult& r) {
  json j;
  j["report_format"] = 1;
  j["tool"] = {{"name", "sqlite2pg"}, {"version", SQLITE2PG_VERSION}};
  j["command"] = r.command;
  j["dry_run"] = r.dry_run;
  j["started_at"] = r.started_at;
  j["finished_at"] = r.finished_at;
  j["target"] = r.target;
  j["exit_code"] = static_cast<int>(r.exit_code);
  j["verdict"] = r.verdict;
  j["error"] = nullable(r.error);
  j["warnings"] = r.warnings;
  j["migrations_applied"] = r.migrations_applied;
  j["mappings"] = json::array();
  for (const auto& [f, sha] : r.mapping_files)
    j["mappings"].push_back({{"file", f}, {"sha256", sha}});
  j["sources"] = sources_json(r);
  const auto reader = reader_of(r.command);
  j["tables"] = json::array();
  for (const auto& t : r.tables) j["tables"].push_back(table_json(t, reader));
  j["reasons"] = r.reasons;
  if (reader == DiffReader::verify) j["archive"] = archive_json(r);
  add_command_sections(r, j);
  return j;
}

}  // namespace

void write_report(const RunResult& r, const std::filesystem::path& file) {
  const std::string text =
      report_json(r).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  // Reports name hosts, paths and row keys.
  write_private_file(file, "--report", text, ExitCode::config);
}

}  // namespace s2p

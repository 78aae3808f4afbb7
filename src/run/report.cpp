// The run's JSON report (report_format 1, documented in the README).

#include <nlohmann/json.hpp>

#include "sqlite2pg/run/run_result.h"
#include "sqlite2pg/util/private_file.h"

namespace s2p {
namespace {

using nlohmann::json;

// verify's: the -wal its proof covers, null when there was none.
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
    out.push_back(
        {{"name", s.name},
         {"path", s.path},
         {"real_path", s.real_path},
         {"size", s.size},
         {"sha256", s.sha256.empty() ? json() : json(s.sha256)},
         {"empty_file", s.empty_file},
         {"symlink", s.symlink},
         {"same_file_as", s.same_file_as.empty() ? json(nullptr) : json(s.same_file_as)}});
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
    jt["fingerprints"] = t.fingerprints.empty() ? json(nullptr) : json(t.fingerprints);
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
  j["error"] = r.error.empty() ? json(nullptr) : json(r.error);
  j["warnings"] = r.warnings;
  j["migrations_applied"] = r.migrations_applied;
  j["mappings"] = json::array();
  for (const auto& [f, sha] : r.mapping_files)
    j["mappings"].push_back({{"file", f}, {"sha256", sha}});
  j["sources"] = sources_json(r);
  const auto reader = reader_of(r.command);
  j["tables"] = json::array();
  for (const auto& t : r.tables) j["tables"].push_back(table_json(t, reader));
  if (reader == DiffReader::verify) {
    j["reasons"] = r.reasons;
    j["archive"] = archive_json(r);
  }
  j.update(r.details);
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

#include "sqlite2pg/run/run_record.h"

#include <nlohmann/json.hpp>

namespace s2p {
namespace {

// Paths need not be UTF-8; the JSON stored in PostgreSQL must be.
std::string dump(const nlohmann::json& j) {
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

RunRecord run_record(const RunResult& r, std::int64_t run_id,
                     const std::vector<TableResult>& tables, const std::string& kind) {
  nlohmann::json sources = nlohmann::json::array(), listed = nlohmann::json::array(),
                 maps = nlohmann::json::array();
  for (const auto& s : r.sources) {
    sources.push_back({{"name", s.name},
                       {"path", s.path},
                       {"real_path", s.real_path},
                       {"size", s.size},
                       {"sha256", s.sha256}});
  }
  for (const auto& t : tables) {
    nlohmann::json entry = {
        {"source", t.source},    {"source_table", t.source_table}, {"target_table", t.target_table},
        {"rows", t.target_rows}, {"rejected", t.rejected_rows},    {"checksum", t.target_checksum}};
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

}  // namespace s2p

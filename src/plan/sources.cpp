#include "sqlite2pg/plan/sources.h"

#include <set>

#include "sqlite2pg/util/failure.h"

namespace s2p {

std::vector<SourceMapping> load_source_mappings(
    const std::filesystem::path& mappings_dir,
    const std::map<std::string, std::string>& source_paths) {
  auto mappings = load_mappings(mappings_dir);
  std::set<std::string> known;
  for (const auto& m : mappings) known.insert(m.name);
  for (const auto& [name, path] : source_paths) {
    if (!known.count(name)) {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      throw Failure(ExitCode::usage, "--source " + name + "=...: no mapping has source '" + name +
                                         "' (mapped: " + list + ")");
    }
  }
  for (auto& m : mappings) {
    if (auto it = source_paths.find(m.name); it != source_paths.end()) m.path = it->second;
  }
  return mappings;
}

PreparedSources open_sources(std::vector<SourceMapping> mappings, SourceRecord record,
                             bool check_integrity, bool hash_files) {
  PreparedSources p;
  p.mappings = std::move(mappings);
  for (const auto& m : p.mappings) {
    record.mapping_files.emplace_back(m.file.string(), m.file_sha256);
    auto source = std::make_shared<SqliteSource>(m.name, m.path, false, hash_files);
    // Several paths can be links to one file, symbolic or hard: it is opened, checked and read
    // once.
    for (const auto& [other_name, other] : p.sources) {
      std::error_code error;
      if (other->facts().real_path == source->facts().real_path ||
          std::filesystem::equivalent(other->facts().real_path, source->facts().real_path, error)) {
        SourceFacts facts = source->facts();
        facts.same_file_as = other_name;
        record.sources.push_back(facts);
        p.sources.emplace(m.name, other);
        source.reset();
        break;
      }
    }
    if (!source) continue;
    if (check_integrity) source->check_integrity();
    source->begin_snapshot();
    source->read_capture_status();
    record.sources.push_back(source->facts());
    p.sources.emplace(m.name, std::move(source));
  }
  return p;
}

PreparedSources prepare_sources(const std::filesystem::path& mappings_dir,
                                const std::map<std::string, std::string>& source_paths,
                                SourceRecord record, bool check_integrity) {
  return open_sources(load_source_mappings(mappings_dir, source_paths), record, check_integrity);
}

}  // namespace s2p

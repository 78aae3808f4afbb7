#include "rollback_outputs.h"

#include <spdlog/spdlog.h>

#include "sqlite2pg/rollback/output_file.h"
#include "sqlite2pg/util/failure.h"

namespace s2p {

namespace fs = std::filesystem;

const std::string& file_name_of(const PreparedSources& prepared, const std::string& source) {
  return prepared.sources.at(source)->facts().name;
}

std::map<std::string, fs::path> output_paths(const RollbackOptions& options,
                                             const PreparedSources& prepared) {
  std::error_code error;
  fs::create_directories(options.out_dir, error);
  if (error) {
    throw Failure(ExitCode::config,
                  "cannot create " + options.out_dir.string() + ": " + error.message());
  }
  std::map<std::string, fs::path> out;
  std::string present;
  for (const auto& m : prepared.mappings) {
    if (file_name_of(prepared, m.name) != m.name) continue;
    const fs::path path = options.out_dir / (m.name + ".db");
    for (const auto& [name, source] : prepared.sources) {
      if (!fs::exists(path) || !fs::equivalent(path, source->facts().path, error)) continue;
      throw Failure(ExitCode::config, path.string() + " is source " + name +
                                          " itself; rollback never writes the originals: choose "
                                          "another --out");
    }
    // A link there, dangling or not, is there: --replace replaces the link, never its target.
    const auto there = fs::symlink_status(path, error);
    if (fs::exists(there) && !fs::is_regular_file(there) && !fs::is_symlink(there))
      throw Failure(ExitCode::config, path.string() + " is there and is not a file");
    if (fs::exists(there) && !options.replace) present += "\n  - " + path.string();
    if (const int n = OutputFile::remove_stale(path))
      spdlog::info("removed {} unfinished file(s) a stopped rollback left beside {}", n,
                   path.string());
    out.emplace(m.name, path);
  }
  if (!present.empty()) {
    throw Failure(ExitCode::not_empty,
                  "these files are there already:" + present +
                      "\nrollback does not overwrite them; --replace replaces them");
  }
  return out;
}

}  // namespace s2p

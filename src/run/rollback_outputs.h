#pragma once
// Where rollback writes: DIR/<source>.db for every source file, checked before anything is read.
#include <filesystem>
#include <map>
#include <string>

#include "sqlite2pg/plan/sources.h"
#include "sqlite2pg/run/options.h"

namespace s2p {

// The source whose name a file's output takes: several names can be one file, read and written
// once.
const std::string& file_name_of(const PreparedSources& prepared, const std::string& source);

// Each file's output path, by the source name it takes. Refused where a file is there already
// (unless --replace) or would be the original itself; unfinished files a stopped rollback left
// beside them are removed.
std::map<std::string, std::filesystem::path> output_paths(const RollbackOptions& options,
                                                          const PreparedSources& prepared);

}  // namespace s2p

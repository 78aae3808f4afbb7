#pragma once
// Files that hold production data (reports, reject files) exist only with mode 0600, from the
// moment they are created, whatever the umask.
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

#include "sqlite2pg/util/failure.h"

namespace s2p {

// Creates or truncates `path` for writing, mode 0600. Throws Failure(code) naming `what`
// ("cannot create reject file PATH: reason").
int open_private_file(const std::filesystem::path& path, const std::string& what, bool truncate,
                      ExitCode failure_code);

// A temporary file only this process can reach: created 0600 in $TMPDIR (else /tmp) and
// unlinked at once, so it goes with the process however the process ends. Throws
// Failure(internal) naming the directory when it cannot be made.
std::FILE* anonymous_temp_file();

// Writes all of `text` to `fd`; false if the system refused part of it.
bool write_all(int fd, std::string_view text);

}  // namespace s2p

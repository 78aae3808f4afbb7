#pragma once
// Every file sqlite2pg writes (reports, reject files, the log, the deletion script, scaffold's
// files, archives, rollback's copies) is opened here: only a regular file, never through a
// symbolic link, never blocking on a FIFO or a device, and only this user may read it, from the
// moment it is created, whatever the umask.
#include <sys/types.h>

#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>

#include "sqlite2pg/util/failure.h"

namespace s2p {

// What becomes of a file already at the path.
enum class Existing {
  keep,      // left as it is (a check, before the run, that the file can be written)
  truncate,  // emptied, to be written anew
  append,    // written after what it holds
  refuse,    // an error: the path must be free (a temporary name)
};

// Opens `path` for writing with `mode` (0600 unless told), an existing file set to it. Refuses,
// before writing a byte, a symbolic link (dangling or not), anything but a regular file, a file
// with other hard links and another user's file. Throws Failure(failure_code)
// naming `option` and the path ("--report /x/r.json is a symbolic link; ...").
int open_private_file(const std::filesystem::path& path, const std::string& option,
                      Existing existing, ExitCode failure_code, mode_t mode = 0600);

// Refuses now what open_private_file would refuse at `path` (a link, a FIFO, another user's
// file, a folder that is not there or not writable), creating nothing: for a file the run opens
// later, and only if it needs it.
void check_private_file(const std::filesystem::path& path, const std::string& option,
                        ExitCode failure_code);

// open_private_file(Existing::truncate), then all of `text`, then closed. Throws
// Failure(failure_code) naming `option` and the path when it cannot be opened or written.
void write_private_file(const std::filesystem::path& path, const std::string& option,
                        std::string_view text, ExitCode failure_code, mode_t mode = 0600);

// A temporary file only this process can reach: created 0600 in $TMPDIR (else /tmp) and
// unlinked at once, so it goes with the process however the process ends. Throws
// Failure(internal) naming the directory when it cannot be made.
std::FILE* anonymous_temp_file();

// Writes all of `text` to `fd`; false if the system refused part of it.
bool write_all(int fd, std::string_view text);

}  // namespace s2p

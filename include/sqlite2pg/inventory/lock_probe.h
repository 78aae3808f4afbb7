#pragma once
// Whether another process uses a SQLite database right now, asked of the kernel without taking
// or releasing any lock: F_GETLK on every byte SQLite locks, and the open files of every
// process this user may look at (/proc/PID/fd).
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>

namespace s2p {

// The files every other process has open, by device and inode, read once from /proc. Processes
// of other users are seen only by root.
class OpenFiles {
 public:
  static OpenFiles scan();
  // "process 812 (swarm-api)" when one has the file open; nullopt otherwise.
  std::optional<std::string> user(std::uint64_t device, std::uint64_t inode) const;

 private:
  std::map<std::pair<std::uint64_t, std::uint64_t>, std::string> users_;
};

// Who uses `database`: a lock another process holds on its PENDING, RESERVED or SHARED bytes
// (a reader, a writer mid-transaction, or locking_mode=EXCLUSIVE), on its -shm's WAL locks, or
// a process with the database, its -wal, -shm or -journal open; nullopt when nobody does.
// Close every SQLite connection of this process to the file first: closing the descriptor
// these probes use drops this process's own POSIX locks on it.
std::optional<std::string> database_user(const std::filesystem::path& database,
                                         const OpenFiles& open_files);

}  // namespace s2p

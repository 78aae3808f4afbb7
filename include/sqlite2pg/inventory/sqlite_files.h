#pragma once
// What can be learned of a SQLite file and its -wal, -shm and -journal files from their bytes
// and locks alone, without opening them with SQLite (which could create or change files).
#include <cstdint>
#include <filesystem>
#include <string>

namespace s2p {

// The file starts with SQLite's 16-byte header string.
bool has_sqlite_header(const std::filesystem::path& file);
// *.db, *.sqlite, *.sqlite3, *.db3
bool has_sqlite_name(const std::filesystem::path& file);
// "-wal", "-shm" or "-journal" when the name ends so; empty otherwise.
std::string companion_suffix(const std::filesystem::path& file);

// A process has the WAL database open: it holds its lock on the -shm file (SQLite's "DMS"
// byte, which every connection keeps read-locked while open). Rollback-journal databases keep
// no lock while idle, so this can only be known of WAL databases.
bool held_open(const std::filesystem::path& database);

// A -journal that still holds the pages of a write that never finished, with no writer
// holding the database: SQLite needs it to undo that write.
bool hot_journal(const std::filesystem::path& journal, const std::filesystem::path& database);

// The frames of a -wal file that belong to its current generation and pass their checksums,
// up to the last commit: what it holds that its database file may not.
std::uint64_t committed_wal_frames(const std::filesystem::path& wal);

}  // namespace s2p

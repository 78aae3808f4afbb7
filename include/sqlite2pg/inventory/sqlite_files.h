#pragma once
// What can be learned of a SQLite file and its -wal, -shm and -journal files from their bytes
// alone, without opening them with SQLite (which could create or change files). Every read
// here is bounded or stops within a second of SIGINT or SIGTERM, and never blocks on a FIFO.
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

// Why a file named as `database`'s -wal, -shm or -journal is not one SQLite wrote: not in its
// format (a WAL's magic and page size; a journal's magic, or a zeroed one: not yet synced, or
// ended by journal_mode=PERSIST; a -shm only beside a WAL database, in whole 32 KiB blocks),
// or sparse (SQLite writes every byte of them). Empty when it is one. Reads its first bytes.
std::string companion_problem(const std::filesystem::path& companion,
                              const std::filesystem::path& database);

// The file starts with a WAL's magic or a rollback journal's (not a zeroed one): what tells a
// -wal or -journal whose database is gone from any other file named so.
bool has_own_magic(const std::filesystem::path& companion);

// A -journal whose header holds pages of a write that never finished (not empty, its magic not
// zeroed): with nobody writing, SQLite needs it to undo that write.
bool journal_has_pages(const std::filesystem::path& journal);

// The frames of a -wal file that belong to its current generation and pass their checksums,
// up to the last commit: what it holds that its database file may not. Reads every frame.
std::uint64_t committed_wal_frames(const std::filesystem::path& wal);

}  // namespace s2p

#include "inventory_files.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "sqlite2pg/inventory/classify.h"
#include "sqlite2pg/inventory/copy_coverage.h"
#include "sqlite2pg/inventory/lock_probe.h"
#include "sqlite2pg/inventory/sqlite_files.h"
#include "sqlite2pg/util/failure.h"
#include "sqlite2pg/util/interrupt.h"

namespace s2p {
namespace fs = std::filesystem;
namespace {

void verdict(FoundFile& f, bool safe, std::string reason) {
  f.safe = safe;
  f.reason = std::move(reason);
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

void judge_legacy(FoundFile& f, const Classification& c, const std::shared_ptr<SqliteSource>& db,
                  PgSession& pg, const InventoryOptions& options) {
  const std::string copy = "a copy of source " + c.copy_of->name + "'s tables";
  if (!c.unmapped.empty()) {
    return verdict(f, false,
                   copy + ", but its column(s) " + join(c.unmapped) +
                       " are not mapped, so PostgreSQL cannot hold their values");
  }
  const CopyCoverage cov = copy_coverage(pg, *c.copy_of, db, options.verify.sample_limit);
  if (cov.complete()) {
    return verdict(f, true,
                   copy + ": PostgreSQL holds all " + std::to_string(cov.rows) +
                       " of its rows, compared through mapping " + c.copy_of->name);
  }
  std::string why = copy + ": PostgreSQL lacks " + std::to_string(cov.missing) + " row(s), holds " +
                    std::to_string(cov.differing) + " with other values, and the mapping refuses " +
                    std::to_string(cov.rejected);
  for (const auto& [table, s] : cov.samples) {
    why += "; " + table + " " + s.source_row +
           (s.kind == DiffKind::missing_in_target ? " is missing" : " differs") +
           (s.detail.empty() ? "" : " (" + s.detail + ")");
  }
  verdict(f, false, why);
}

// An unmapped database: read as a file alone, so nothing beside it is created or changed.
void judge_unmapped(FoundFile& f, const std::vector<SourceMapping>& mappings, PgSession& pg,
                    const InventoryOptions& options) {
  if (f.size == 0) {
    f.kind = "empty";
    return verdict(f, true, "0 bytes: an empty database");
  }
  std::shared_ptr<SqliteSource> db;
  Classification c;
  try {
    db = std::make_shared<SqliteSource>("inventory", f.path, /*file_only=*/true);
    db->check_integrity();
    db->begin_snapshot();
    c = classify_database(*db, mappings);
  } catch (const PgError&) {
    throw;
  } catch (const std::exception& e) {  // Failure, or SQLite's own on a table it cannot read
    if (interrupted()) throw;
    f.kind = "unknown";
    return verdict(f, false, e.what());
  }
  f.kind = c.kind;
  f.tables = c.tables;
  if (c.kind == "empty") return verdict(f, true, "a SQLite file with no tables");
  if (c.kind == "unknown") {
    return verdict(f, false, "no mapping's source: tables " + describe_tables(c.tables));
  }
  try {
    judge_legacy(f, c, db, pg, options);
    db->end_snapshot();
  } catch (const PgError&) {
    throw;
  } catch (const std::exception& e) {
    if (interrupted()) throw;
    verdict(f, false,
            std::string("a copy of source ") + c.copy_of->name +
                " that its mapping cannot read: " + e.what());
  }
}

// What keeps any database, mapped or not, by the files beside it: changes not in the file, or
// a file where SQLite keeps them that is not one SQLite wrote.
void check_surroundings(FoundFile& f) {
  if (!f.safe || f.size == 0) return;
  for (const char* suffix : {"-wal", "-journal", "-shm"}) {
    const std::string companion = f.real_path + suffix;
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(companion, ec))) continue;
    if (const auto problem = companion_problem(companion, f.real_path); !problem.empty()) {
      return verdict(f, false,
                     companion + " is not a file SQLite wrote (" + problem +
                         "): look at it before deleting anything");
    }
  }
  const std::string wal = f.real_path + "-wal", journal = f.real_path + "-journal";
  if (fs::exists(journal) && journal_has_pages(journal)) {
    return verdict(f, false, journal + " holds an interrupted write: open it with sqlite3 once");
  }
  if (const auto frames = fs::exists(wal) ? committed_wal_frames(wal) : 0) {
    verdict(f, false,
            wal + " holds " + std::to_string(frames) +
                " committed frame(s) not in the file: checkpoint it with sqlite3");
  }
}

void judge_database(FoundFile& f, const MappedFiles& mapped,
                    const std::vector<SourceMapping>& mappings, PgSession& pg,
                    const InventoryOptions& options) {
  const auto m = mapped.find({f.device, f.inode});
  if (m == mapped.end()) {
    judge_unmapped(f, mappings, pg, options);
  } else {
    f.kind = !f.symlink && f.real_path == m->second.real_path ? "mapped" : "link";
    if (f.kind == "link") f.same_file_as = m->second.real_path;
    if (m->second.reasons.empty()) {
      verdict(f, true,
              "source " + m->second.sources +
                  ": PostgreSQL holds every row, and nothing was written to it after "
                  "the cutover");
    } else {
      verdict(f, false, "source " + m->second.sources + ": " + join(m->second.reasons));
    }
  }
}

void judge_companion(FoundFile& f) {
  f.kind = "leftover";
  if (!f.problem.empty()) return verdict(f, false, "not a file SQLite wrote: " + f.problem);
  const std::string suffix = companion_suffix(f.path);
  std::error_code ec;
  const bool has_db = fs::exists(f.database, ec);
  const std::string whose =
      has_db ? "part of " + f.database : "its database " + f.database + " is gone";
  if (suffix == "-wal") {
    if (const auto frames = committed_wal_frames(f.path)) {
      return verdict(f, false,
                     whose + "; it holds " + std::to_string(frames) +
                         " committed frame(s), rows no database file may hold");
    }
    return verdict(f, true, whose + "; it holds no committed frames");
  }
  if (suffix == "-journal" && journal_has_pages(f.path)) {
    return verdict(f, false, whose + "; it holds pages of an interrupted write");
  }
  verdict(f, true, whose + (suffix == "-shm" ? "; SQLite rebuilds it" : "; nothing to undo"));
}

// A database and the -wal, -shm and -journal beside it go together or not at all.
void bind_groups(std::vector<FoundFile>& files) {
  std::map<std::string, FoundFile*> databases;
  for (auto& f : files) {
    if (f.role == FileRole::database && !f.symlink) databases[f.path] = &f;
  }
  for (int pass = 0; pass < 2; ++pass) {  // the second carries a kept companion to the others
    for (auto& c : files) {
      if (c.role != FileRole::companion) continue;
      const auto db = databases.find(c.database);
      if (db == databases.end()) continue;
      FoundFile& d = *db->second;
      if (!c.safe && d.safe) verdict(d, false, "its " + c.path + " is kept: " + c.reason);
      if (!d.safe && c.safe) verdict(c, false, "part of " + d.path + ", which is kept");
    }
  }
}

}  // namespace

void judge_files(std::vector<FoundFile>& files, const MappedFiles& mapped,
                 const std::vector<SourceMapping>& mappings, PgSession& pg,
                 const InventoryOptions& options) {
  // A file reached by several names (links to an unmapped file) is judged once, by its path.
  std::map<std::pair<std::uint64_t, std::uint64_t>, const FoundFile*> judged;
  std::vector<FoundFile*> order;  // files before the links to them
  for (auto& f : files) order.push_back(&f);
  std::stable_sort(order.begin(), order.end(), [](const FoundFile* a, const FoundFile* b) {
    return !a->symlink && b->symlink;
  });
  for (FoundFile* each : order) {
    FoundFile& f = *each;
    if (f.role == FileRole::dangling) {
      f.kind = "link";
      verdict(f, true, "a symbolic link that " + f.reason + ": nothing to lose");
      continue;
    }
    if (f.role != FileRole::database) continue;
    if (!f.problem.empty()) {  // could not be read
      f.kind = "unknown";
      verdict(f, false, f.problem);
      continue;
    }
    const auto first = judged.find({f.device, f.inode});
    if (first != judged.end() && !mapped.count({f.device, f.inode})) {
      f.kind = first->second->kind;
      f.same_file_as = first->second->path;
      f.tables = first->second->tables;
      verdict(f, first->second->safe,
              "another name of " + first->second->path + ": " + first->second->reason);
      continue;
    }
    spdlog::debug("inventory: judging {}", f.path);
    judge_database(f, mapped, mappings, pg, options);
    judged.emplace(std::make_pair(f.device, f.inode), &f);
  }
  for (auto& f : files) {
    if (f.role == FileRole::companion) judge_companion(f);
  }
}

void judge_use(std::vector<FoundFile>& files) {
  for (auto& f : files) {
    if (f.role == FileRole::database) check_surroundings(f);
  }
  const OpenFiles open_files = OpenFiles::scan();
  for (auto& f : files) {
    if (!f.safe || f.role == FileRole::dangling) continue;
    std::error_code ec;
    const fs::path database =
        f.role == FileRole::companion ? fs::path(f.database) : fs::path(f.real_path);
    // A -wal or -journal whose database is gone may still be open, the database unlinked.
    const auto who = fs::exists(database, ec) ? database_user(database, open_files)
                                              : open_files.user(f.device, f.inode);
    if (who) verdict(f, false, "in use: " + *who + "; stop it first");
  }
  bind_groups(files);
}

}  // namespace s2p

#include "sqlite2pg/inventory/tree_walk.h"

#include <spdlog/spdlog.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <map>
#include <optional>

#include "sqlite2pg/inventory/sqlite_files.h"
#include "sqlite2pg/util/failure.h"
#include "sqlite2pg/util/interrupt.h"
#include "sqlite2pg/util/sha256.h"

namespace s2p {
namespace fs = std::filesystem;
namespace {

// A -wal, -shm or -journal of a SQLite database: named so, beside a file with SQLite's header,
// or, its database gone, with its own format's header. A file merely named so is none of
// SQLite's (app.log-wal beside a text app.log).
bool is_companion(const fs::path& path, const struct stat& st) {
  const std::string name = path.string(), suffix = companion_suffix(path);
  if (suffix.empty()) return false;
  const fs::path database = name.substr(0, name.size() - suffix.size());
  struct stat db {};
  if (::lstat(database.c_str(), &db) == 0)
    return S_ISREG(db.st_mode) && has_sqlite_header(database);
  return suffix != "-shm" && st.st_size > 0 && has_own_magic(path) &&
         companion_problem(path, database).empty();
}

// What a path holds, from its name and first bytes; nullopt when it is none of inventory's.
std::optional<FileRole> role_of(const fs::path& path, const struct stat& st) {
  if (!S_ISREG(st.st_mode)) return std::nullopt;
  if (is_companion(path, st)) return FileRole::companion;
  if (st.st_size == 0) {
    if (has_sqlite_name(path)) return FileRole::database;
    return std::nullopt;
  }
  if (has_sqlite_header(path)) return FileRole::database;
  return std::nullopt;
}

std::string readlink_of(const fs::path& link) {
  std::error_code ec;
  const auto target = fs::read_symlink(link, ec);
  return ec ? "?" : target.string();
}

std::optional<FoundFile> found(const fs::path& path) {
  struct stat lst {
  }, st{};
  if (::lstat(path.c_str(), &lst) != 0) return std::nullopt;
  FoundFile f;
  f.path = path.string();
  f.symlink = S_ISLNK(lst.st_mode);
  if (::stat(path.c_str(), &st) != 0) {
    const int error = errno;
    if (!f.symlink || !has_sqlite_name(path)) return std::nullopt;
    f.role = FileRole::dangling;
    f.real_path = readlink_of(path);
    f.reason = error == ELOOP ? "a loop of symbolic links"
                              : "leads to " + f.real_path + ", which does not exist";
    return f;
  }
  if (S_ISDIR(st.st_mode)) return std::nullopt;
  const auto role = role_of(path, st);
  if (!role) return std::nullopt;
  f.role = *role;
  std::error_code ec;
  f.real_path = fs::canonical(path, ec).string();
  f.device = st.st_dev;
  f.inode = st.st_ino;
  f.size = static_cast<std::uint64_t>(st.st_size);
  if (f.role == FileRole::companion) {
    const std::string name = path.string();
    f.database = name.substr(0, name.size() - companion_suffix(path).size());
    // Not hashed when it is not what SQLite writes there: its size is not bounded by anything.
    f.problem = companion_problem(path, f.database);
    if (!f.problem.empty()) return f;
  }
  try {
    f.sha256 = sha256_file(path);
  } catch (const Failure& e) {
    if (interrupted()) throw;
    f.problem = std::string("cannot be read: ") + e.what();
  }
  return f;
}

void walk(const fs::path& folder, std::map<std::string, FoundFile>& files) {
  std::error_code ec;
  const fs::path root = fs::absolute(folder, ec).lexically_normal();
  if (!fs::is_directory(root, ec))
    throw Failure(ExitCode::usage, "inventory: " + folder.string() + " is not a directory");
  // Without follow_directory_symlink a symbolic link to a directory is an entry, not a way in.
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
  if (ec)
    throw Failure(ExitCode::config,
                  "inventory: cannot read " + root.string() + ": " + ec.message());
  for (; it != end; it.increment(ec)) {
    if (ec) {
      throw Failure(ExitCode::config,
                    "inventory: cannot read all of " + root.string() + ": " + ec.message());
    }
    const fs::path path = it->path();
    if (it->is_symlink(ec) && fs::is_directory(path, ec)) {
      spdlog::info("inventory: not following {} (a link to directory {})", path.string(),
                   readlink_of(path));
      continue;
    }
    if (auto f = found(path)) files.emplace(f->path, std::move(*f));
  }
}

}  // namespace

std::vector<FoundFile> find_sqlite_files(const std::vector<fs::path>& folders) {
  std::map<std::string, FoundFile> files;  // a path under two folders given is one file
  for (const auto& folder : folders) walk(folder, files);
  std::vector<FoundFile> out;
  for (auto& [path, f] : files) out.push_back(std::move(f));
  return out;
}

}  // namespace s2p

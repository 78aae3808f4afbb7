#include "sqlite2pg/inventory/deletion_script.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

namespace s2p {
namespace {

int rank(const FoundFile& f) {
  if (f.symlink || f.role == FileRole::dangling) return 0;
  if (!f.same_file_as.empty()) return 1;  // a hard link's second name
  return f.role == FileRole::database ? 2 : 3;
}

// Single-quoted for sh: a ' inside becomes '\''. No byte of a name can end it.
std::string sh_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// The checks, each setting `failed` and saying why on stderr. `unused` asks the kernel's lock
// table (/proc/locks names a file by its device's major:minor in hex and its inode) and every
// process's open files, as inventory itself did.
const char* kPrelude = R"sh(set -u
failed=0
changed() { printf 'sqlite2pg: %s: %s\n' "$1" "$2" >&2; failed=1; }
same_link() {
  if [ ! -L "$1" ] || [ "$(readlink -- "$1")" != "$2" ]; then
    changed "$1" "no longer the link the inventory saw"
  fi
}
same_file() {
  if [ ! -f "$1" ] || [ -L "$1" ]; then changed "$1" "gone, or no longer a file"; return 0; fi
  if [ "$(stat -c %s -- "$1")" != "$2" ]; then changed "$1" "its size changed"; return 0; fi
  if [ "$(sha256sum < "$1" | cut -c1-64)" != "$3" ]; then changed "$1" "its contents changed"; fi
}
absent() {
  if [ -e "$1" ] || [ -L "$1" ]; then changed "$1" "appeared since the inventory"; fi
}
unused() {
  for file in "$1" "$1-wal" "$1-shm" "$1-journal"; do
    [ -e "$file" ] || continue
    st=$(stat -L -c '%d %i' -- "$file")
    d=${st% *}
    id=$(printf '%02x:%02x:%s' $(((d >> 8) & 4095)) $(((d & 255) | ((d >> 12) & 1048320))) "${st#* }")
    if grep -qF " $id " /proc/locks; then
      changed "$file" "locked by a process"; return 0
    fi
    for fd in /proc/[0-9]*/fd/*; do
      if [ "$fd" -ef "$file" ]; then
        pid=${fd#/proc/}
        changed "$file" "open in process ${pid%%/*}"; return 0
      fi
    done
  done
}
)sh";

// One thing removed at once: a link, or a database with its -wal, -shm and -journal.
struct Unit {
  std::string checks;
  std::vector<std::string> paths;
};

std::string file_check(const FoundFile& f) {
  return "  same_file " + sh_quote(f.path) + " " + std::to_string(f.size) + " " + f.sha256 + "\n";
}

Unit link_unit(const FoundFile& f) {
  std::error_code ec;
  const auto target = std::filesystem::read_symlink(f.path, ec).string();
  return {"  same_link " + sh_quote(f.path) + " " + sh_quote(target) + "\n", {f.path}};
}

// A database (or a -wal or -journal whose database is gone) with every file SQLite keeps
// beside it: those the inventory found, each as it was, and the others still absent.
Unit database_unit(const std::string& database, const FoundFile* db,
                   const std::map<std::string, const FoundFile*>& companions) {
  Unit u;
  if (db) {
    u.checks += file_check(*db);
    u.paths.push_back(db->path);
  } else {
    u.checks += "  absent " + sh_quote(database) + "\n";
  }
  for (const char* suffix : {"-wal", "-shm", "-journal"}) {
    const auto c = companions.find(database + suffix);
    std::error_code ec;
    // Beside a database that is gone, a file the inventory kept (or found none of SQLite's, as
    // a -shm with nothing beside it) stays where it is and is not checked.
    if (c == companions.end() && !db && std::filesystem::exists(database + suffix, ec)) continue;
    if (c == companions.end()) {
      u.checks += "  absent " + sh_quote(database + suffix) + "\n";
      continue;
    }
    u.checks += file_check(*c->second);
    u.paths.push_back(c->second->path);
  }
  u.checks += "  unused " + sh_quote(database) + "\n";
  return u;
}

std::vector<Unit> units_of(const std::vector<const FoundFile*>& order) {
  std::map<std::string, const FoundFile*> companions;
  for (const FoundFile* f : order) {
    if (f->role == FileRole::companion) companions[f->path] = f;
  }
  std::vector<Unit> units;
  std::set<std::string> stray;  // databases gone whose companions are on the list
  for (const FoundFile* f : order) {
    if (f->symlink || f->role == FileRole::dangling) {
      units.push_back(link_unit(*f));
    } else if (f->role == FileRole::database) {
      units.push_back(database_unit(f->path, f, companions));
    } else if (!std::filesystem::exists(f->database) && stray.insert(f->database).second) {
      units.push_back(database_unit(f->database, nullptr, companions));
    }
  }
  return units;
}

}  // namespace

std::vector<const FoundFile*> deletion_order(const std::vector<FoundFile>& files) {
  std::vector<const FoundFile*> order;
  for (const auto& f : files) {
    if (f.safe) order.push_back(&f);
  }
  std::stable_sort(order.begin(), order.end(),
                   [](const FoundFile* a, const FoundFile* b) { return rank(*a) < rank(*b); });
  return order;
}

std::string deletion_script(const std::vector<FoundFile>& files, const std::string& when) {
  const auto order = deletion_order(files);
  const auto units = units_of(order);
  std::string out = "#!/bin/sh\n# sqlite2pg inventory, " + when + ": the " +
                    std::to_string(order.size()) +
                    " file(s) it found safe to delete, links before their targets.\n"
                    "# Every file is checked before any is removed; if one changed, is locked or "
                    "is open, nothing is.\n" +
                    kPrelude;
  for (std::size_t i = 0; i < units.size(); ++i) {
    out += "check_" + std::to_string(i) + "() {\n" + units[i].checks + "}\n";
  }
  out += "for i in $(seq 0 " + std::to_string(static_cast<long>(units.size()) - 1) +
         "); do \"check_$i\"; done\n"
         "if [ \"$failed\" != 0 ]; then\n"
         "  echo 'sqlite2pg: nothing was removed; run the inventory again' >&2; exit 1\n"
         "fi\n";
  std::size_t removed = 0;
  for (std::size_t i = 0; i < units.size(); ++i) {
    out += "check_" + std::to_string(i) + "\n";
    out += "if [ \"$failed\" != 0 ]; then echo 'sqlite2pg: stopped after removing " +
           std::to_string(removed) + " file(s); run the inventory again' >&2; exit 1; fi\n";
    out += "rm -f --";
    for (const auto& p : units[i].paths) out += " " + sh_quote(p);
    out += "\n";
    removed += units[i].paths.size();
  }
  return out + "echo 'removed " + std::to_string(removed) + " file(s)'\n";
}

}  // namespace s2p

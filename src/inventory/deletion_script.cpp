#include "sqlite2pg/inventory/deletion_script.h"

#include <algorithm>
#include <filesystem>

namespace s2p {
namespace {

int rank(const FoundFile& f) {
  if (f.symlink || f.role == FileRole::dangling) return 0;
  if (!f.same_file_as.empty()) return 1;  // a hard link's second name
  return f.role == FileRole::database ? 2 : 3;
}

// Single-quoted for sh: a ' inside becomes '\''.
std::string sh_quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

const char* kPrelude = R"sh(set -eu
changed() { echo "stopped: $1 changed since the inventory; run it again" >&2; exit 1; }
remove_link() { [ -L "$1" ] && [ "$(readlink -- "$1")" = "$2" ] || changed "$1"; rm -f -- "$1"; }
remove_file() {
  [ -f "$1" ] && [ ! -L "$1" ] && [ "$(sha256sum < "$1" | cut -c1-64)" = "$2" ] || changed "$1"
  rm -f -- "$1"
}
)sh";

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

std::string deletion_script(const std::vector<const FoundFile*>& order, const std::string& when) {
  std::string out = "#!/bin/sh\n# sqlite2pg inventory, " + when + ": the " +
                    std::to_string(order.size()) +
                    " file(s) it found safe to delete, links before their targets.\n" + kPrelude;
  for (const FoundFile* f : order) {
    if (f->symlink || f->role == FileRole::dangling) {
      std::error_code ec;
      const auto target = std::filesystem::read_symlink(f->path, ec).string();
      out += "remove_link " + sh_quote(f->path) + " " + sh_quote(target) + "\n";
    } else {
      out += "remove_file " + sh_quote(f->path) + " " + f->sha256 + "\n";
    }
  }
  return out + "echo 'removed " + std::to_string(order.size()) + " file(s)'\n";
}

}  // namespace s2p

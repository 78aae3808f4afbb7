// PostgreSQL names for scaffold's tables, columns and indexes: folded to lower case when asked,
// and never longer than PostgreSQL's 63 bytes, where it would cut them silently (two long
// names sharing their first 63 bytes would then be one).
#include <xxhash.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "model.h"
#include "sqlite2pg/util/text.h"

namespace s2p::scaffolding {
namespace {

// The longest prefix of `name` of at most `bytes` bytes that ends on a whole UTF-8 character.
std::string prefix(const std::string& name, std::size_t bytes) {
  if (name.size() <= bytes) return name;
  while (bytes > 0 && (static_cast<unsigned char>(name[bytes]) & 0xC0) == 0x80) --bytes;
  return name.substr(0, bytes);
}

// The first 54 bytes (whole UTF-8 characters) and a hash of the whole name.
std::string shortened(const std::string& name) {
  char hash[16];
  std::snprintf(hash, sizeof hash, "_%08x",
                static_cast<unsigned>(XXH32(name.data(), name.size(), 0)));
  return prefix(name, 54) + hash;
}

// Names one namespace (a table's columns, or the schema's tables and indexes): each name gets
// its wanted form unless that is taken, then its own form, then a numbered one; every change
// and every collision is told.
class Namespace {
 public:
  Namespace(std::string what, std::vector<std::string>& notes)
      : what_(std::move(what)), notes_(notes) {}

  std::string name(const std::string& source, bool fold) {
    std::string wanted = fold ? ascii_lower(source) : source;
    if (wanted.size() > kMaxIdentifier) {
      const auto [other, first] = cut_.emplace(wanted.substr(0, kMaxIdentifier), source);
      wanted = shortened(wanted);
      notes_.push_back(
          what_ + " '" + source + "' is longer than PostgreSQL's 63 bytes: named '" + wanted + "'" +
          (first ? "" : " (cut to 63 bytes it would be the same name as '" + other->second + "')"));
    }
    if (taken_.insert(wanted).second) return wanted;
    std::string fallback = source.size() > kMaxIdentifier ? shortened(source) : source;
    for (int n = 2; !taken_.insert(fallback).second; ++n) {
      const std::string suffix = "_" + std::to_string(n);
      fallback = prefix(source, kMaxIdentifier - suffix.size()) + suffix;
    }
    notes_.push_back(what_ + " '" + source + "' would collide with another as '" + wanted +
                     "' in PostgreSQL: named '" + fallback + "'");
    return fallback;
  }

 private:
  std::string what_;
  std::vector<std::string>& notes_;
  std::set<std::string> taken_;
  std::map<std::string, std::string> cut_;  // a long name's first 63 bytes -> that name
};

}  // namespace

void assign_names(Schema& schema, bool fold) {
  Namespace relations("table", schema.notes);
  for (auto& t : schema.tables) t.target = relations.name(t.name, fold);
  for (auto& t : schema.tables) {
    Namespace columns("in table " + t.name + ", column", schema.notes);
    for (auto& c : t.columns) c.target = columns.name(c.info.name, fold);
    for (auto& ix : t.indexes) ix.target = relations.name(ix.name, fold);
  }
}

}  // namespace s2p::scaffolding

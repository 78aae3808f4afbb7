#include "sqlite2pg/rollback/legacy_ids.h"

#include "sqlite2pg/pg/etl_store.h"

namespace s2p {

void LegacyIds::want(const std::string& source, const std::string& table, const Uuid& id) {
  const Table t{source, table};
  auto text = format_uuid(id);
  const auto k = known_.find(t);
  if (k != known_.end() && k->second.count(text)) return;
  wanted_[t].insert(std::move(text));
}

void LegacyIds::fetch() {
  for (auto& [t, ids] : wanted_) {
    auto found = legacy_ids_of(pg_, t.first, t.second, {ids.begin(), ids.end()});
    known_[t].merge(found);
  }
  wanted_.clear();
}

std::optional<std::string> LegacyIds::find(const std::string& source, const std::string& table,
                                           const Uuid& id) const {
  const auto t = known_.find(Table{source, table});
  if (t == known_.end()) return std::nullopt;
  const auto at = t->second.find(format_uuid(id));
  if (at == t->second.end()) return std::nullopt;
  return at->second;
}

}  // namespace s2p

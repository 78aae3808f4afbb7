#include "sqlite2pg/rollback/legacy_ids.h"

#include "sqlite2pg/pg/etl_store.h"
#include "sqlite2pg/transform/converter.h"

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
    for (auto& [uuid, legacy] : legacy_ids_of(pg_, t.first, t.second, {ids.begin(), ids.end()})) {
      const Uuid id = *parse_uuid(uuid);
      if (remapped_id(t.first, t.second, legacy) != id) (*recorded(t.first, t.second))[legacy] = id;
      known_[t].emplace(uuid, legacy);
    }
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

void LegacyIds::assign(const std::string& source, const std::string& table, const Uuid& id,
                       const std::string& legacy) {
  known_[Table{source, table}][format_uuid(id)] = legacy;
  (*recorded(source, table))[legacy] = id;
  assigned_.push_back({source, table, legacy, id});
}

std::shared_ptr<LegacyIds::Recorded> LegacyIds::recorded(const std::string& source,
                                                         const std::string& table) {
  auto& r = recorded_[Table{source, table}];
  if (!r) r = std::make_shared<Recorded>();
  return r;
}

}  // namespace s2p

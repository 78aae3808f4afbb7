#pragma once
// The legacy ids behind remapped UUIDs, read from etl.id_map for just the UUIDs a rollback
// writes back, once each.
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "sqlite2pg/pg/session.h"
#include "sqlite2pg/util/uuid.h"

namespace s2p {

class LegacyIds {
 public:
  explicit LegacyIds(PgSession& pg) : pg_(pg) {}
  // Remembers UUIDs of `source`.`table` to look up; fetch() reads them all at once.
  void want(const std::string& source, const std::string& table, const Uuid& id);
  void fetch();
  // The legacy id, when etl.id_map records one (fetched before).
  std::optional<std::string> find(const std::string& source, const std::string& table,
                                  const Uuid& id) const;

 private:
  using Table = std::pair<std::string, std::string>;  // source, source table
  PgSession& pg_;
  std::map<Table, std::set<std::string>> wanted_;
  std::map<Table, std::map<std::string, std::string>> known_;
};

}  // namespace s2p

#pragma once
// The legacy ids behind remapped UUIDs, read from etl.id_map for just the UUIDs a rollback
// writes back, once each; and the new INTEGER ids --assign-ids gives rows PostgreSQL created.
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "sqlite2pg/pg/session.h"
#include "sqlite2pg/util/uuid.h"

namespace s2p {

class LegacyIds {
 public:
  using Recorded = std::map<std::string, Uuid, std::less<>>;  // legacy id -> UUID
  struct Assigned {
    std::string source, table, legacy;
    Uuid id;
  };

  explicit LegacyIds(PgSession& pg) : pg_(pg) {}
  // Remembers UUIDs of `source`.`table` to look up; fetch() reads them all at once.
  void want(const std::string& source, const std::string& table, const Uuid& id);
  void fetch();
  // The legacy id, when etl.id_map records one (fetched before) or one was assigned.
  std::optional<std::string> find(const std::string& source, const std::string& table,
                                  const Uuid& id) const;
  void assign(const std::string& source, const std::string& table, const Uuid& id,
              const std::string& legacy);
  const std::vector<Assigned>& assigned() const { return assigned_; }
  // The pairs of `source`.`table` that remapped_id() does not give, fetched or assigned, for the
  // transforms that read the written files (ConvertContext::recorded); filled as they are found.
  std::shared_ptr<Recorded> recorded(const std::string& source, const std::string& table);

 private:
  using Table = std::pair<std::string, std::string>;  // source, source table
  PgSession& pg_;
  std::map<Table, std::set<std::string>> wanted_;
  std::map<Table, std::map<std::string, std::string>> known_;  // UUID text -> legacy id
  std::map<Table, std::shared_ptr<Recorded>> recorded_;
  std::vector<Assigned> assigned_;
};

}  // namespace s2p

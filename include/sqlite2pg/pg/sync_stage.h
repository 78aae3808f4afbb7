#pragma once
// A sync's SQL: a table's changed rows and deleted keys staged by COPY in temporary tables
// (dropped at commit), then applied by key in a few statements, and read back by key.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sqlite2pg/pg/catalog.h"
#include "sqlite2pg/pg/session.h"

namespace s2p {

class SyncStage {
 public:
  // `columns` as the rows are encoded; `keys` the subset that identifies a row, in the order
  // the key bytes hold them. `n` makes the temporary tables' names unique in the transaction.
  SyncStage(PgSession& pg, const TargetTable& table, std::vector<std::string> columns,
            std::vector<std::string> keys, int n);

  // Binary COPY data: full rows (every column) and keys (the key columns only).
  void copy_rows(const std::function<bool(std::string&)>& produce);
  void copy_keys(const std::function<bool(std::string&)>& produce);

  void clear_keys();
  // The target's rows whose key is staged in keys, as binary COPY data.
  void copy_keyed_out(const std::function<void(std::string_view)>& consume);
  std::uint64_t delete_keyed();      // target rows whose key is staged in keys
  std::uint64_t update_from_rows();  // target rows whose key a staged row has
  std::uint64_t insert_new_rows();   // staged rows whose key the target lacks
  std::uint64_t count_keyed();       // target rows whose key is staged in keys
  // The target's rows whose key a staged row has, as binary COPY data.
  void copy_staged_out(const std::function<void(std::string_view)>& consume);

 private:
  std::string matches(const std::string& staged) const;  // "t.k = s.k AND ..."
  std::string matches(const std::string& target, const std::string& staged) const;

  PgSession& pg_;
  const TargetTable& table_;
  std::vector<std::string> columns_, keys_;
  std::string rows_, keys_table_, held_;
};

// Tells the planner that a page read at random costs about what one read in order does (as on
// SSDs, and for tables in cache), for the rest of the transaction: the few rows a sync stages
// are then joined to the target through its key index, not by scanning the whole table.
void prefer_index_lookups(PgSession& pg);

// What the open transaction did to a table so far, as PostgreSQL counts it: foreign-key actions
// (ON DELETE CASCADE, SET NULL) and triggers included. nullopt when the server does not count
// (track_counts off).
struct RowActivity {
  std::uint64_t inserted = 0, updated = 0, deleted = 0;
  bool operator==(const RowActivity&) const = default;
};
std::optional<RowActivity> transaction_activity(PgSession& pg, const TargetTable& table);

// EXCLUSIVE on all of them: services may still read, nobody writes until the sync ends.
void lock_against_writes(PgSession& pg, const std::vector<const TargetTable*>& tables);

}  // namespace s2p

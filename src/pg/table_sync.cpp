#include "sqlite2pg/pg/table_sync.h"

#include "sqlite2pg/util/text.h"

namespace s2p {
namespace {

std::string list(const std::vector<std::string>& names, const std::string& prefix = "") {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + prefix + quote_ident(n);
  return out;
}

std::uint64_t affected(PgSession& pg, const std::string& sql) {
  // A data-modifying CTE counts what the statement changed without a round trip per row.
  return std::stoull(
      *pg.query_value("WITH changed AS (" + sql + " RETURNING 1) SELECT count(*) FROM changed"));
}

}  // namespace

SyncStage::SyncStage(PgSession& pg, const TargetTable& table, std::vector<std::string> columns,
                     std::vector<std::string> keys, int n)
    : pg_(pg),
      table_(table),
      columns_(std::move(columns)),
      keys_(std::move(keys)),
      rows_("s2p_sync_rows_" + std::to_string(n)),
      keys_table_("s2p_sync_keys_" + std::to_string(n)) {
  for (const auto& k : keys_) {
    for (const auto& c : table_.columns) nullable_key_ |= c.name == k && !c.not_null;
  }
  // The target's own column types (domains, enums, typmods): COPY checks what it would check.
  pg_.exec("CREATE TEMPORARY TABLE " + rows_ + " ON COMMIT DROP AS SELECT " + list(columns_) +
           " FROM " + table_.qualified() + " WITH NO DATA");
  pg_.exec("CREATE TEMPORARY TABLE " + keys_table_ + " ON COMMIT DROP AS SELECT " + list(keys_) +
           " FROM " + table_.qualified() + " WITH NO DATA");
}

void SyncStage::copy_rows(const std::function<bool(std::string&)>& produce) {
  pg_.copy_in("COPY " + rows_ + " FROM STDIN (FORMAT binary)", produce);
  pg_.exec("ANALYZE " + rows_);  // so the join by key uses the target's key index
}

void SyncStage::copy_keys(const std::function<bool(std::string&)>& produce) {
  pg_.copy_in("COPY " + keys_table_ + " FROM STDIN (FORMAT binary)", produce);
  pg_.exec("ANALYZE " + keys_table_);
}

std::string SyncStage::matches(const std::string& staged) const {
  // = lets the key's index serve the join; a nullable key needs IS NOT DISTINCT FROM.
  const char* op = nullable_key_ ? " IS NOT DISTINCT FROM " : " = ";
  std::string out;
  for (const auto& k : keys_)
    out +=
        (out.empty() ? "" : " AND ") + ("t." + quote_ident(k)) + op + staged + "." + quote_ident(k);
  return out;
}

void SyncStage::clear_keys() { pg_.exec("TRUNCATE " + keys_table_); }

void SyncStage::copy_keyed_out(const std::function<void(std::string_view)>& consume) {
  pg_.copy_out("COPY (SELECT " + list(columns_, "t.") + " FROM " + table_.qualified() + " t JOIN " +
                   keys_table_ + " s ON " + matches("s") + ") TO STDOUT (FORMAT binary)",
               consume);
}

std::uint64_t SyncStage::delete_keyed() {
  return affected(pg_, "DELETE FROM " + table_.qualified() + " t USING " + keys_table_ +
                           " s WHERE " + matches("s"));
}

std::uint64_t SyncStage::update_from_rows() {
  std::string set;
  for (const auto& c : columns_) {
    bool key = false;
    for (const auto& k : keys_) key |= k == c;
    if (!key) set += (set.empty() ? "" : ", ") + quote_ident(c) + " = s." + quote_ident(c);
  }
  if (set.empty()) return 0;  // every column is the key: a row can only be added or deleted
  return affected(pg_, "UPDATE " + table_.qualified() + " t SET " + set + " FROM " + rows_ +
                           " s WHERE " + matches("s"));
}

std::uint64_t SyncStage::insert_new_rows() {
  return affected(pg_, "INSERT INTO " + table_.qualified() + " (" + list(columns_) + ") SELECT " +
                           list(columns_, "s.") + " FROM " + rows_ +
                           " s WHERE NOT EXISTS (SELECT 1 FROM " + table_.qualified() +
                           " t WHERE " + matches("s") + ")");
}

std::uint64_t SyncStage::count_keyed() {
  return std::stoull(*pg_.query_value("SELECT count(*) FROM " + table_.qualified() + " t JOIN " +
                                      keys_table_ + " s ON " + matches("s")));
}

void SyncStage::copy_staged_out(const std::function<void(std::string_view)>& consume) {
  pg_.copy_out("COPY (SELECT " + list(columns_, "t.") + " FROM " + table_.qualified() + " t JOIN " +
                   rows_ + " s ON " + matches("s") + ") TO STDOUT (FORMAT binary)",
               consume);
}

void prefer_index_lookups(PgSession& pg) { pg.exec("SET LOCAL random_page_cost = 1.1"); }

void lock_against_writes(PgSession& pg, const std::vector<const TargetTable*>& tables) {
  if (tables.empty()) return;
  std::string names;
  for (const auto* t : tables) names += (names.empty() ? "" : ", ") + t->qualified();
  pg.exec("LOCK TABLE " + names + " IN EXCLUSIVE MODE");
}

}  // namespace s2p

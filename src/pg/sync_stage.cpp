#include "sqlite2pg/pg/sync_stage.h"

#include "sqlite2pg/util/text.h"

namespace s2p {
namespace {

std::string list(const std::vector<std::string>& names, const std::string& prefix = "") {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + prefix + quote_ident(n);
  return out;
}

// Types without an equality operator (json, geometry, xml) are compared as their text.
bool compared_as_text(const std::string& type) {
  static const char* kTypes[] = {"json", "xml",  "point",   "line",  "lseg",
                                 "box",  "path", "polygon", "circle"};
  for (const char* k : kTypes) {
    if (type == k) return true;
  }
  return false;
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
      keys_table_("s2p_sync_keys_" + std::to_string(n)),
      held_("s2p_sync_held_" + std::to_string(n)) {
  // The target's own column types (domains, enums, typmods): COPY checks what it would check.
  // s2p_sync_new marks the rows the target does not hold yet.
  pg_.exec("CREATE TEMPORARY TABLE " + rows_ + " ON COMMIT DROP AS SELECT " + list(columns_) +
           ", NULL::boolean AS s2p_sync_new FROM " + table_.qualified() + " WITH NO DATA");
  for (const auto& keys : {keys_table_, held_}) {
    pg_.exec("CREATE TEMPORARY TABLE " + keys + " ON COMMIT DROP AS SELECT " + list(keys_) +
             " FROM " + table_.qualified() + " WITH NO DATA");
  }
}

void SyncStage::copy_rows(const std::function<bool(std::string&)>& produce) {
  pg_.copy_in("COPY " + rows_ + " (" + list(columns_) + ") FROM STDIN (FORMAT binary)", produce);
  pg_.exec("ANALYZE " + rows_);  // so the join by key uses the target's key index
  // The keys the target holds are read into a table of their own first: Citus runs no
  // statement that writes a local table and reads a distributed or reference one.
  pg_.exec("INSERT INTO " + held_ + " SELECT " + list(keys_, "t.") + " FROM " + table_.qualified() +
           " t JOIN " + rows_ + " s ON " + matches("t", "s"));
  pg_.exec("UPDATE " + rows_ + " s SET s2p_sync_new = NOT EXISTS (SELECT 1 FROM " + held_ +
           " t WHERE " + matches("t", "s") + ")");
}

void SyncStage::copy_keys(const std::function<bool(std::string&)>& produce) {
  pg_.copy_in("COPY " + keys_table_ + " FROM STDIN (FORMAT binary)", produce);
  pg_.exec("ANALYZE " + keys_table_);
}

std::string SyncStage::matches(const std::string& staged) const { return matches("t", staged); }

std::string SyncStage::matches(const std::string& target, const std::string& staged) const {
  // = lets the key's index serve the join; only a nullable column needs IS NOT DISTINCT FROM.
  std::string out;
  for (const auto& k : keys_) {
    const TargetColumn* c = table_.column(k);
    const bool text = c && compared_as_text(c->type);
    const char* op = c && c->not_null ? " = " : " IS NOT DISTINCT FROM ";
    const std::string cast = text ? "::text" : "";
    out += (out.empty() ? "" : " AND ") + (target + "." + quote_ident(k)) + cast + op + staged +
           "." + quote_ident(k) + cast;
  }
  return out;
}

void SyncStage::clear_keys() { pg_.exec("TRUNCATE " + keys_table_); }

void SyncStage::copy_keyed_out(const std::function<void(std::string_view)>& consume) {
  pg_.copy_out("COPY (SELECT " + list(columns_, "t.") + " FROM " + table_.qualified() + " t JOIN " +
                   keys_table_ + " s ON " + matches("s") + ") TO STDOUT (FORMAT binary)",
               consume);
}

std::uint64_t SyncStage::delete_keyed() {
  // The staged table is read through a subquery: Citus then plans it on the coordinator and
  // sends its rows to the nodes, for a reference table as for a distributed one.
  return affected(pg_, "DELETE FROM " + table_.qualified() + " t USING (SELECT * FROM " +
                           keys_table_ + ") s WHERE " + matches("s"));
}

std::uint64_t SyncStage::update_from_rows() {
  std::string set;
  for (const auto& c : columns_) {
    bool key = false;
    for (const auto& k : keys_) key |= k == c;
    if (!key) set += (set.empty() ? "" : ", ") + quote_ident(c) + " = s." + quote_ident(c);
  }
  if (set.empty()) return 0;  // every column is the key: a row can only be added or deleted
  return affected(pg_, "UPDATE " + table_.qualified() + " t SET " + set + " FROM (SELECT * FROM " +
                           rows_ + " WHERE NOT s2p_sync_new) s WHERE " + matches("s"));
}

std::uint64_t SyncStage::insert_new_rows() {
  // OVERRIDING SYSTEM VALUE: SQLite's ids go into GENERATED ALWAYS identity columns too, as
  // migrate's COPY puts them there.
  return affected(pg_, "INSERT INTO " + table_.qualified() + " (" + list(columns_) +
                           ") OVERRIDING SYSTEM VALUE SELECT " + list(columns_, "s.") + " FROM " +
                           rows_ + " s WHERE s.s2p_sync_new");
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

std::optional<RowActivity> transaction_activity(PgSession& pg, const TargetTable& table) {
  if (pg.query_value("SELECT current_setting('track_counts')::boolean::text") != "true")
    return std::nullopt;
  const auto rows = pg.query(
      "SELECT pg_stat_get_xact_tuples_inserted(c)::text, pg_stat_get_xact_tuples_updated(c)::text, "
      "pg_stat_get_xact_tuples_deleted(c)::text FROM (SELECT to_regclass($1) AS c) x",
      {table.qualified()});
  return RowActivity{std::stoull(*rows[0][0]), std::stoull(*rows[0][1]), std::stoull(*rows[0][2])};
}

void prefer_index_lookups(PgSession& pg) { pg.exec("SET LOCAL random_page_cost = 1.1"); }

void lock_against_writes(PgSession& pg, const std::vector<const TargetTable*>& tables) {
  if (tables.empty()) return;
  std::string names;
  for (const auto* t : tables) names += (names.empty() ? "" : ", ") + t->qualified();
  pg.exec("LOCK TABLE " + names + " IN EXCLUSIVE MODE");
}

}  // namespace s2p

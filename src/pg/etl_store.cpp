#include "sqlite2pg/pg/etl_store.h"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "sqlite2pg/util/text.h"

namespace s2p {

const std::vector<EtlTable>& etl_tables() {
  static const std::vector<EtlTable> tables = {{"etl.id_map", "000_etl.sql"},
                                               {"etl.runs", "000_etl.sql"},
                                               {"etl.row_hashes", "005_etl_row_hashes.sql"}};
  return tables;
}

std::vector<EtlTable> missing_etl_tables(PgSession& pg) {
  std::vector<EtlTable> missing;
  for (const auto& t : etl_tables()) {
    if (pg.query_value("SELECT to_regclass($1) IS NOT NULL", {std::string(t.name)}) != "t")
      missing.push_back(t);
  }
  return missing;
}

std::string missing_etl_text(const EtlTable& table) {
  return std::string("the target has no ") + table.name +
         "; the migrations must include sqlite2pg's migrations/" + table.migration;
}

bool has_run_records(PgSession& pg) {
  return pg.query_value("SELECT to_regclass('etl.runs') IS NOT NULL") == "t" &&
         pg.query_value("SELECT to_regclass('etl.row_hashes') IS NOT NULL") == "t";
}

std::int64_t next_run_id(PgSession& pg) {
  return std::stoll(*pg.query_value("SELECT coalesce(max(run_id), 0) + 1 FROM etl.runs"));
}

void record_run(PgSession& pg, const RunRecord& run) {
  // A target whose migrations predate run kinds still records its migrate runs.
  const bool kinds = run.kind != "migrate" || has_run_kinds(pg);
  pg.query(std::string("INSERT INTO etl.runs (run_id, started_at, tool_version, sources, tables, "
                       "mappings") +
               (kinds ? ", kind" : "") +
               ") VALUES ($1, $2::timestamptz, $3, $4::jsonb, $5::jsonb, $6::jsonb" +
               (kinds ? ", $7" : "") + ")",
           kinds
               ? std::vector<std::optional<std::string>>{std::to_string(run.run_id), run.started_at,
                                                         SQLITE2PG_VERSION, run.sources, run.tables,
                                                         run.mapping_files, run.kind}
               : std::vector<std::optional<std::string>>{std::to_string(run.run_id), run.started_at,
                                                         SQLITE2PG_VERSION, run.sources, run.tables,
                                                         run.mapping_files});
}

bool has_run_kinds(PgSession& pg) {
  return pg.query_value(
             "SELECT count(*) FROM pg_attribute WHERE attrelid = to_regclass('etl.runs') AND "
             "attname = 'kind' AND NOT attisdropped") == "1";
}

void forget_fingerprints_before(PgSession& pg, const std::string& source,
                                const std::string& source_table, std::int64_t run_id) {
  pg.query("DELETE FROM etl.row_hashes WHERE source = $1 AND source_table = $2 AND run_id < $3",
           {source, source_table, std::to_string(run_id)});
}

std::uint64_t add_to_id_map(PgSession& pg, const std::function<bool(std::string&)>& produce) {
  pg.exec(
      "CREATE TEMPORARY TABLE IF NOT EXISTS s2p_new_ids ON COMMIT DROP AS SELECT source, "
      "source_table, legacy_id, new_id FROM etl.id_map WITH NO DATA");
  pg.exec("TRUNCATE s2p_new_ids");
  pg.copy_in("COPY s2p_new_ids FROM STDIN (FORMAT binary)", produce);
  return std::stoull(*pg.query_value(
      "WITH added AS (INSERT INTO etl.id_map SELECT * FROM s2p_new_ids ON CONFLICT DO NOTHING "
      "RETURNING 1) SELECT count(*) FROM added"));
}

std::optional<CutoverRecord> last_cutover(PgSession& pg, const std::string& source,
                                          const std::string& source_table) {
  // Newest first, back to the last run that recorded every row of the table.
  const auto rows = pg.query(
      "SELECT r.run_id::text, t->>'checksum', t->>'rows', coalesce(t->>'fingerprints', 'all'), "
      "coalesce(t->>'fingerprint_rows', '0'), coalesce(t->>'target_table', ''), "
      "coalesce(t->>'fingerprint_order', '') FROM etl.runs r "
      "CROSS JOIN LATERAL jsonb_array_elements(r.tables) t "
      "WHERE t->>'source' = $1 AND t->>'source_table' = $2 ORDER BY r.run_id DESC",
      {source, source_table});
  if (rows.empty()) return std::nullopt;
  CutoverRecord out{std::stoll(*rows[0][0]),  *rows[0][5], *rows[0][1],
                    std::stoull(*rows[0][2]), {},          0};
  out.filed_by_key = true;
  for (const auto& r : rows) {
    out.fingerprint_runs.insert(out.fingerprint_runs.begin(), std::stoll(*r[0]));
    out.filed_by_key = out.filed_by_key && *r[6] == "key_slot";
    if (*r[3] == "all") break;
    out.changed_fingerprints += std::stoull(*r[4]);
  }
  return out;
}

std::optional<RecordedCapture> recorded_capture(PgSession& pg, const std::string& source) {
  const auto rows = pg.query(
      "SELECT r.run_id::text, s->'capture'->>'generation', s->'capture'->>'seq', "
      "s->'capture'->>'schema_version', s->'capture'->'tables' FROM etl.runs r CROSS JOIN LATERAL "
      "jsonb_array_elements(r.sources) s WHERE s->>'name' = $1 ORDER BY r.run_id DESC LIMIT 1",
      {source});
  if (rows.empty()) return std::nullopt;
  RecordedCapture out;
  out.run_id = std::stoll(*rows[0][0]);
  if (!rows[0][1] || !rows[0][2] || !rows[0][3] || !rows[0][4]) return out;
  out.on = true;
  out.generation = *rows[0][1];
  out.seq = std::stoll(*rows[0][2]);
  out.schema_version = std::stoll(*rows[0][3]);
  for (const auto& t : nlohmann::json::parse(*rows[0][4]))
    out.tables.push_back(t.get<std::string>());
  return out;
}

std::optional<std::string> legacy_id_of(PgSession& pg, const std::string& source,
                                        const std::string& source_table, const std::string& uuid) {
  return pg.query_value(
      "SELECT legacy_id FROM etl.id_map WHERE source = $1 AND source_table = $2 AND new_id = "
      "$3::uuid",
      {source, source_table, uuid});
}

std::map<std::string, std::string> legacy_ids_of(PgSession& pg, const std::string& source,
                                                 const std::string& source_table,
                                                 const std::vector<std::string>& uuids) {
  constexpr std::size_t kBatch = 10'000;  // one array parameter per query, of bounded size
  std::map<std::string, std::string> out;
  for (std::size_t at = 0; at < uuids.size(); at += kBatch) {
    std::string array = "{";
    for (std::size_t i = at; i < std::min(uuids.size(), at + kBatch); ++i)
      array += (i > at ? "," : "") + uuids[i];
    array += "}";
    for (const auto& row : pg.query("SELECT new_id::text, legacy_id FROM etl.id_map WHERE source "
                                    "= $1 AND source_table = $2 AND new_id = ANY($3::uuid[])",
                                    {source, source_table, array}))
      out.emplace(*row[0], *row[1]);
  }
  return out;
}

std::int64_t max_integer_legacy_id(PgSession& pg, const std::string& source,
                                   const std::string& source_table) {
  return std::stoll(*pg.query_value(
      "SELECT coalesce(max(legacy_id::bigint), 0) FROM etl.id_map WHERE source = $1 AND "
      "source_table = $2 AND legacy_id ~ '^-?[0-9]{1,18}$'",
      {source, source_table}));
}

void forget_table(PgSession& pg, const std::string& source, const std::string& source_table) {
  pg.query("DELETE FROM etl.id_map WHERE source = $1 AND source_table = $2",
           {source, source_table});
  pg.query("DELETE FROM etl.row_hashes WHERE source = $1 AND source_table = $2",
           {source, source_table});
}

void copy_into_id_map(PgSession& pg, const std::function<bool(std::string&)>& produce) {
  pg.copy_in("COPY etl.id_map (source, source_table, legacy_id, new_id) FROM STDIN (FORMAT binary)",
             produce);
}

void copy_into_row_hashes(PgSession& pg, const std::function<bool(std::string&)>& produce) {
  pg.copy_in(
      "COPY etl.row_hashes (run_id, source, source_table, chunk, fingerprints) FROM STDIN "
      "(FORMAT binary)",
      produce);
}

void copy_fingerprints_of(PgSession& pg, std::int64_t run_id, const std::string& source,
                          const std::string& source_table, const std::vector<std::int32_t>& slots,
                          const std::function<void(std::string_view)>& consume) {
  std::string array = "{";
  for (std::size_t i = 0; i < slots.size(); ++i) array += (i ? "," : "") + std::to_string(slots[i]);
  array += "}";
  const std::string run = "run_id = " + std::to_string(run_id) +
                          " AND source = " + quote_literal(source) +
                          " AND source_table = " + quote_literal(source_table);
  // Each slot's chunk is the one with the highest number not above it, then each chunk by its
  // whole key: index probes in subqueries, whatever the statistics (none right after a load).
  pg.copy_out("COPY (SELECT (SELECT fingerprints FROM etl.row_hashes WHERE " + run +
                  " AND chunk = c) FROM (SELECT DISTINCT (SELECT max(chunk) FROM etl.row_hashes "
                  "WHERE " +
                  run + " AND chunk <= s) AS c FROM unnest('" + array +
                  "'::int[]) s) slots WHERE c IS NOT NULL) TO STDOUT (FORMAT binary)",
              consume);
}

void copy_fingerprints_out(PgSession& pg, std::int64_t run_id, const std::string& source,
                           const std::string& source_table,
                           const std::function<void(std::string_view)>& consume) {
  pg.copy_out("COPY (SELECT fingerprints FROM etl.row_hashes WHERE run_id = " +
                  std::to_string(run_id) + " AND source = " + quote_literal(source) +
                  " AND source_table = " + quote_literal(source_table) +
                  " ORDER BY chunk) TO STDOUT (FORMAT binary)",
              consume);
}

}  // namespace s2p

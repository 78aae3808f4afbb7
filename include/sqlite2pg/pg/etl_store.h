#pragma once
// sqlite2pg's own records in the target (the etl schema of migrations 000 and 005): the runs,
// the remapped ids and each cutover's per-row fingerprints.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sqlite2pg/pg/session.h"

namespace s2p {

// An etl table a cutover writes, and the migration of sqlite2pg's that creates it.
struct EtlTable {
  const char* name;       // etl.id_map
  const char* migration;  // 000_etl.sql
};
const std::vector<EtlTable>& etl_tables();
// Those the target lacks; empty when all are there.
std::vector<EtlTable> missing_etl_tables(PgSession& pg);
// "the target has no etl.row_hashes; the migrations must include sqlite2pg's
// migrations/005_etl_row_hashes.sql"
std::string missing_etl_text(const EtlTable& table);
// Whether cutovers can have been recorded: etl.runs and etl.row_hashes exist.
bool has_run_records(PgSession& pg);

// The next run id; unique under the cutover's advisory lock (a sequence would move even in a
// run that rolls back).
std::int64_t next_run_id(PgSession& pg);

struct RunRecord {
  std::int64_t run_id = 0;
  std::string kind = "migrate";                // or "sync" (migration 006)
  std::string started_at;                      // ISO 8601
  std::string sources, tables, mapping_files;  // JSON arrays
};
void record_run(PgSession& pg, const RunRecord& run);
// Whether etl.runs records each run's kind (sqlite2pg's migrations/006_etl_run_kind.sql).
bool has_run_kinds(PgSession& pg);

// What the committed runs recorded of a source table: the latest run's checksum and row count,
// and the runs whose fingerprints make up that state: a run that recorded every row (a
// migrate, or a sync that wrote them all), then the syncs after it that recorded only the rows
// they changed.
struct CutoverRecord {
  std::int64_t run_id = 0;   // the latest
  std::string target_table;  // what it loaded the table into
  std::string checksum;
  std::uint64_t rows = 0;
  std::vector<std::int64_t> fingerprint_runs;  // the full run first, then the change runs
  std::uint64_t changed_fingerprints = 0;      // rows the change runs recorded, together
  // Every one of those runs filed its fingerprints by key slot (fingerprints_of() can read a
  // few keys' chunks); older runs packed them in load order.
  bool filed_by_key = false;
};
std::optional<CutoverRecord> last_cutover(PgSession& pg, const std::string& source,
                                          const std::string& source_table);

// What the last committed run that read a source recorded of its change capture (etl.runs'
// sources[].capture): the log's generation and last seq in that run's snapshot, the file's
// schema_version then, and the source tables that run read. `on` is false when capture was off
// (or damaged) then.
struct RecordedCapture {
  std::int64_t run_id = 0;
  bool on = false;
  std::string generation;
  std::int64_t seq = 0, schema_version = 0;
  std::vector<std::string> tables;
};
std::optional<RecordedCapture> recorded_capture(PgSession& pg, const std::string& source);

// The legacy id a remapped UUID (text form) stands for, if it was recorded.
std::optional<std::string> legacy_id_of(PgSession& pg, const std::string& source,
                                        const std::string& source_table, const std::string& uuid);

// The legacy ids that remapped UUIDs (canonical text) stand for, where etl.id_map records one.
std::map<std::string, std::string> legacy_ids_of(PgSession& pg, const std::string& source,
                                                 const std::string& source_table,
                                                 const std::vector<std::string>& uuids);
// The highest INTEGER legacy id etl.id_map records for a source table; 0 if none.
std::int64_t max_integer_legacy_id(PgSession& pg, const std::string& source,
                                   const std::string& source_table);
// Removes a source table's remapped ids and fingerprints: they describe data being replaced.
void forget_table(PgSession& pg, const std::string& source, const std::string& source_table);

// Removes a source table's fingerprints recorded before run `run_id`: a sync recorded newer ones.
void forget_fingerprints_before(PgSession& pg, const std::string& source,
                                const std::string& source_table, std::int64_t run_id);

// Adds etl.id_map rows from binary COPY data, keeping those already recorded (a legacy id that
// comes back gets its deterministic UUID again). Returns how many were new.
std::uint64_t add_to_id_map(PgSession& pg, const std::function<bool(std::string&)>& produce);

// Streams binary COPY rows into etl.id_map (source, source_table, legacy_id, new_id) and
// etl.row_hashes (run_id, source, source_table, chunk, fingerprints).
void copy_into_id_map(PgSession& pg, const std::function<bool(std::string&)>& produce);
void copy_into_row_hashes(PgSession& pg, const std::function<bool(std::string&)>& produce);

// The chunks of a run's fingerprints of a source table that hold the keys of these slots
// (key_slot()), as binary COPY data: for a run that filed them by key.
void copy_fingerprints_of(PgSession& pg, std::int64_t run_id, const std::string& source,
                          const std::string& source_table, const std::vector<std::int32_t>& slots,
                          const std::function<void(std::string_view)>& consume);
// A run's fingerprint chunks of a source table, in order, as binary COPY data.
void copy_fingerprints_out(PgSession& pg, std::int64_t run_id, const std::string& source,
                           const std::string& source_table,
                           const std::function<void(std::string_view)>& consume);

}  // namespace s2p

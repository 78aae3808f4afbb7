#include "sqlite2pg/load/table_load.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <optional>
#include <utility>

#include "sqlite2pg/load/buffer_pipeline.h"
#include "sqlite2pg/load/row_hash_spool.h"
#include "sqlite2pg/load/table_stream.h"
#include "sqlite2pg/pg/etl_store.h"
#include "sqlite2pg/util/elapsed.h"
#include "sqlite2pg/util/failure.h"

namespace s2p {
namespace {

// The tuple number of the COPY's own context line ("COPY agents, line 3, column id: ..."): a
// trigger's context lines ("function f line 4") come before it.
std::string copy_line_of(const std::string& context) {
  std::string row_number;
  for (std::size_t at = 0; (at = context.find("COPY ", at)) != std::string::npos; ++at) {
    const auto line_end = context.find('\n', at);
    const auto mark = context.find(", line ", at);
    if (mark == std::string::npos || mark > line_end) continue;
    const auto digits = context.substr(mark + 7);
    const auto n = digits.find_first_not_of("0123456789");
    if (n != 0) row_number = digits.substr(0, n);
  }
  return row_number;
}

// SQLSTATE classes that speak of the server's resources or state, not of the row being sent:
// what ran out, by class (53, 57, 58, 08) or by exact code.
std::optional<std::string> target_condition(const std::string& sqlstate) {
  static const std::pair<const char*, const char*> kConditions[] = {
      {"53100", "the target ran out of disk space"},
      {"53200", "the target ran out of memory"},
      {"53300", "the target has too many connections"},
      {"53", "the target ran out of a resource"},
      {"57014", "a statement ran longer than --statement-timeout, or was cancelled"},
      {"57P", "the target was shut down or restarted"},
      {"57", "the target's administrator stopped the statement"},
      {"58", "the target failed (an I/O or system error on the server)"},
      {"08", "the connection to the target was lost"},
  };
  for (const auto& [prefix, what] : kConditions) {
    if (sqlstate.rfind(prefix, 0) == 0) return std::string(what);
  }
  return std::nullopt;
}

// PostgreSQL's refusal of a COPY as a message that names the source row: the server reports
// the tuple number, which is the row's position in the stream. A refusal for the server's own
// reasons is the target's error (exit 5), saying what ran out.
Failure explain_copy_error(const TablePlan& t, const PgError& e) {
  const auto& d = e.diagnostics();
  if (const auto condition = target_condition(d.sqlstate)) {
    return Failure(ExitCode::target, t.where() + ": loading " + t.mapping->target_name() +
                                         " stopped: " + *condition + " (SQLSTATE " + d.sqlstate +
                                         "): " + d.full());
  }
  std::string where = t.where();
  if (const auto line = copy_line_of(d.context); !line.empty()) {
    if (auto row = describe_nth_row(t, std::stoull(line))) where += ", row " + *row;
  }
  if (!d.column.empty()) where += ", target column " + d.column;
  if (!d.context.empty()) where += " (" + d.context.substr(0, d.context.find('\n')) + ")";
  std::string hint;
  if (d.sqlstate == "23505") {
    hint =
        " (two source rows become the same key: ids that differ only in letter case are one UUID)";
  }
  return Failure(ExitCode::source_data, where + ": PostgreSQL refused the row into " +
                                            t.mapping->target_name() + ": " + d.full() + hint);
}

std::uint64_t record_remapped_ids(PgSession& pg, const TablePlan& t) {
  IdMapStream ids(t);
  try {
    copy_into_id_map(pg, [&](std::string& buf) { return ids.fill(buf); });
  } catch (const PgError& e) {
    throw Failure(
        ExitCode::source_data,
        t.where() + ": recording remapped ids in etl.id_map failed: " + e.diagnostics().full());
  }
  return ids.rows();
}

}  // namespace

LoadedTable load_table(PgSession& pg, const TablePlan& t, std::int64_t run_id,
                       const LoadSettings& settings, std::atomic<std::uint64_t>& progress,
                       RejectFile* rejects) {
  LoadedTable r;
  const auto start = std::chrono::steady_clock::now();
  TableStream stream(t, settings.batch_bytes, settings.format);
  stream.count_rows_into(progress);
  if (t.mapping->reject_bad_rows) {
    stream.collect_refusals([&](const ColumnPlan& c, const std::string& reason,
                                const std::string& row, const std::string&,
                                const RowCursor& cursor) {
      rejects->add(t, c, reason, row, cursor);
      ++r.rejected_rows;
    });
  }
  RowHashSpool row_hashes(run_id, t.source_mapping->name, t.mapping->source_table,
                          TupleKey(t.key_fields));
  stream.observe_rows(
      [&](std::string_view tuple, const Hash128& hash) { row_hashes.add(tuple, hash); });
  try {
    BufferPipeline pipeline([&](std::string& buf) { return stream.fill(buf); });
    t.copy_in(pg, settings.format, [&](std::string& buf) { return pipeline.next(buf); });
  } catch (const PgError& e) {
    throw explain_copy_error(t, e);
  }
  r.loaded_rows = stream.checksum().rows();
  spdlog::debug("{}: COPY of {} rows {:.2f} s", t.label(), r.loaded_rows + r.rejected_rows,
                seconds_since(start));
  r.checksum = stream.checksum().hex();
  if (t.own_id_column >= 0) r.remapped_ids = record_remapped_ids(pg, t);
  // The cutover's per-row fingerprints: what verify later compares the SQLite file with.
  const auto hashes_start = std::chrono::steady_clock::now();
  copy_into_row_hashes(pg, [&](std::string& buf) { return row_hashes.fill(buf); });
  spdlog::debug("{}: row fingerprints {:.2f} s", t.label(), seconds_since(hashes_start));
  r.seconds = seconds_since(start);
  return r;
}

}  // namespace s2p

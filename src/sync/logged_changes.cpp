#include "sqlite2pg/sync/logged_changes.h"

#include <map>
#include <unordered_set>
#include <vector>

#include "change_rules.h"
#include "sqlite2pg/copy/tuple_key.h"
#include "sqlite2pg/load/row_picker.h"
#include "sqlite2pg/load/table_stream.h"
#include "sqlite2pg/sync/table_sync.h"
#include "sqlite2pg/validate/row_streams.h"

namespace s2p {
namespace {

// The locators of every row the log says was written (rows since deleted are skipped when read).
std::vector<std::uint64_t> logged_rows(const TablePlan& t, const LogSlice& log) {
  std::vector<std::uint64_t> out;
  RowCursor rows(*t.source, capture_rowids_sql(log.number, log.after_seq));
  while (rows.next()) out.push_back(locator_of_rowid(rows.value(0).integer));
  return out;
}

// The target keys of the rows as they were before a DELETE, a REPLACE or a move of their key.
std::optional<std::unordered_set<std::string>> old_keys(const TablePlan& t, const LogSlice& log,
                                                        std::string& why_not) {
  std::unordered_set<std::string> out;
  RowCursor rows(*t.source, capture_old_rows_sql(log.shape, log.number, log.after_seq,
                                                 t.select_columns, t.rowid_index));
  while (rows.next()) {
    auto key = key_of_row(t, rows);
    if (!key) {
      why_not = "the key of a row deleted or replaced in SQLite cannot be converted";
      return std::nullopt;
    }
    out.insert(std::move(*key));
  }
  return out;
}

using Sides = std::map<std::string, KeyedRow>;  // in key order, as sync applies changes

void read_logged_source(const TablePlan& t, const std::vector<std::uint64_t>& locators,
                        std::size_t sample_limit, std::atomic<std::uint64_t>& progress,
                        TableChanges& out, Sides& sides) {
  const TupleKey key(t.key_fields);
  source_rows(t, key, sample_limit, progress, out.rejected,
              &locators)([&](std::string_view k, const Hash128& h, std::uint64_t locator) {
    KeyedRow& r = sides[std::string(k)];
    ++r.source.count;
    r.source.hash = h;
    r.locator = locator;
  });
}

}  // namespace

std::string why_not_from_log(const TablePlan& t, const LogSlice& log) {
  if (t.rowid_index < 0 || log.shape.rowid.empty())
    return "it has no rowid (WITHOUT ROWID) to read its logged rows by";
  for (const int f : t.key_fields) {
    const ColumnPlan& c = t.columns[static_cast<std::size_t>(f)];
    const auto at = static_cast<std::size_t>(c.select_index);
    const std::string column = at < t.select_columns.size() ? t.select_columns[at] : "";
    const bool kept = c.select_index == t.rowid_index || capture_keeps_column(log.shape, column);
    if (c.transform->computed_by_server || !kept)
      return "its key in " + t.mapping->target_name() + " comes from " +
             (column.empty() ? "a value" : "column " + column) +
             ", which the log does not keep for deleted rows";
  }
  return "";
}

std::optional<TableChanges> find_logged_changes(PgSession& pg, const TablePlan& t,
                                                const CutoverRecord& baseline, const LogSlice& log,
                                                std::size_t sample_limit,
                                                std::atomic<std::uint64_t>& progress,
                                                RejectFile* rejects, std::string& why_not) {
  TableChanges out;
  out.rejected.file = rejects;
  const auto recorded = RowChecksum::parse(baseline.checksum, baseline.rows);
  if (!recorded) {
    why_not = "etl.runs holds no valid checksum for it";
    return std::nullopt;
  }
  out.recorded = *recorded;
  out.source = *recorded;
  const auto old = old_keys(t, log, why_not);
  if (!old) return std::nullopt;
  Sides sides;
  read_logged_source(t, logged_rows(t, log), sample_limit, progress, out, sides);
  std::unordered_set<std::string> keys(old->begin(), old->end());
  for (const auto& [k, r] : sides) keys.insert(k);
  for (const auto& k : *old) sides.try_emplace(k);
  if (!keys.empty()) {
    recorded_rows_of(pg, t, baseline,
                     keys)([&](std::string_view k, const Hash128& h, std::uint64_t) {
      KeySide& b = sides[std::string(k)].baseline;
      ++b.count;
      b.hash = h;
    });
  }
  for (const auto& [k, r] : sides) {
    if (r.source == r.baseline) continue;
    decide_change(t, k, r, out);
    if (r.baseline.count) out.source.remove(r.baseline.hash);
    if (r.source.count) out.source.add(r.source.hash);
  }
  refuse_refused_deletions(t, out);
  out.drifted = !(out.source == out.recorded) || out.changed() > 0;
  if (records_every_row(baseline, out.recorded_changes.size(), out.source.rows())) {
    why_not = std::to_string(baseline.changed_fingerprints + out.recorded_changes.size()) +
              " row(s) changed since the last record of every row's fingerprint: this sync "
              "records them all";
    return std::nullopt;
  }
  return out;
}

}  // namespace s2p

#include "sqlite2pg/sync/table_sync.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <unordered_map>

#include "sqlite2pg/copy/copy_encoder.h"
#include "sqlite2pg/copy/copy_feed.h"
#include "sqlite2pg/copy/tuple_key.h"
#include "sqlite2pg/load/row_hash_spool.h"
#include "sqlite2pg/load/table_stream.h"
#include "sqlite2pg/load/target_tables.h"
#include "sqlite2pg/util/bytes.h"
#include "sqlite2pg/util/elapsed.h"
#include "sqlite2pg/util/failure.h"
#include "sqlite2pg/validate/readback.h"
#include "sqlite2pg/validate/row_names.h"

namespace s2p {
namespace {

// PostgreSQL refusing a statement of the sync: the table, what was being done, its words.
Failure refused(const TablePlan& t, const char* doing, const PgError& e) {
  const auto& d = e.diagnostics();
  const ExitCode code = d.sqlstate.rfind("23", 0) == 0 || d.sqlstate.rfind("22", 0) == 0
                            ? ExitCode::source_data
                            : ExitCode::target;
  return Failure(code, t.where() + ": PostgreSQL refused " + doing + " " +
                           t.mapping->target_name() + ": " + d.full());
}

// Runs one step against the table, timed in the debug log, PostgreSQL's refusal named.
template <typename Fn>
void as_table(const TablePlan& t, const char* doing, Fn&& fn) {
  const auto start = std::chrono::steady_clock::now();
  try {
    fn();
  } catch (const PgError& e) {
    throw refused(t, doing, e);
  }
  spdlog::debug("{}: {} {:.3f} s", t.label(), doing, seconds_since(start));
}

std::vector<std::uint64_t> positions_of(const std::vector<RowChange>& changes) {
  std::vector<std::uint64_t> out;
  for (const auto& c : changes) out.push_back(c.locator);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TableSync::TableSync(PgSession& pg, const TablePlan& t, TableChanges& changes, int n)
    : pg_(pg), t_(t), changes_(changes) {
  as_table(t, "staging the changes of", [&] {
    stage_ = std::make_unique<SyncStage>(pg, t.target, t.target_columns(), t.key_columns(), n);
  });
}

void TableSync::stage_keys(const std::vector<const std::vector<RowChange>*>& lists) {
  const auto fields = static_cast<std::uint16_t>(t_.key_fields.size());
  std::size_t list = 0, next = 0;
  stage_->copy_keys(CopyFeed([&](std::string& out) {
    for (; list < lists.size(); ++list, next = 0) {
      if (next < lists[list]->size()) {
        put_tuple_start(out, fields);
        out.append((*lists[list])[next++].key);  // the key fields, already framed
        return true;
      }
    }
    return false;
  }));
}

void TableSync::check_target() {
  std::unordered_map<std::string, Hash128> target;
  as_table(t_, "reading the changed keys of", [&] {
    stage_keys({&changes_.inserts, &changes_.updates, &changes_.deletes});
    const TupleKey key(t_.key_fields);
    std::string k;
    read_back_rows([&](const auto& consume) { stage_->copy_keyed_out(consume); },
                   [&](std::string_view tuple) {
                     key.extract(tuple, k);
                     target.emplace(k, hash_row(tuple));
                   });
    stage_->clear_keys();
  });
  // What PostgreSQL holds under each key, against what the last run recorded there and what
  // SQLite holds now.
  const auto keep = [&](std::vector<RowChange>& list, bool recorded, bool in_sqlite) {
    std::vector<RowChange> kept;
    for (auto& c : list) {
      const auto at = target.find(c.key);
      const bool held = at != target.end();
      if (held == in_sqlite && (!held || at->second == c.now)) {
        // PostgreSQL already holds SQLite's version: the table's checksum starts from it.
        if (recorded) changes_.recorded.remove(c.before);
        if (in_sqlite) changes_.recorded.add(c.now);
        continue;
      }
      if (recorded ? held && at->second == c.before : !held) {
        kept.push_back(std::move(c));
        continue;
      }
      const DiffKind kind = !recorded ? DiffKind::target_key_taken
                            : held    ? DiffKind::changed_in_target
                                      : DiffKind::deleted_in_target;
      changes_.conflicts.push_back({kind, c.key, in_sqlite ? c.locator : 0});
    }
    list = std::move(kept);
  };
  keep(changes_.inserts, false, true);
  keep(changes_.updates, true, true);
  keep(changes_.deletes, true, false);
}

void TableSync::delete_rows() {
  if (changes_.deletes.empty()) return;
  as_table(t_, "the deletions from", [&] {
    stage_keys({&changes_.deletes});
    deleted_ = stage_->delete_keyed();
  });
  if (deleted_ != changes_.deletes.size()) {
    throw Failure(ExitCode::mismatch, t_.where() + ": " + std::to_string(changes_.deletes.size()) +
                                          " row(s) to delete, but PostgreSQL deleted " +
                                          std::to_string(deleted_));
  }
}

void TableSync::upsert_rows() {
  std::vector<RowChange> rows = changes_.inserts;
  rows.insert(rows.end(), changes_.updates.begin(), changes_.updates.end());
  if (rows.empty()) return;
  std::sort(rows.begin(), rows.end(), [](auto& a, auto& b) { return a.locator < b.locator; });
  TableStream stream(t_);
  std::vector<std::uint64_t> positions;
  for (const auto& r : rows) positions.push_back(r.locator);
  stream.pick_rows(positions);
  std::size_t at = 0;
  // The rows are read again from the same snapshot: each must be the one the comparison saw.
  stream.observe_rows([&](std::string_view, const Hash128& h) {
    if (at >= rows.size() || stream.locator() != rows[at].locator || !(h == rows[at].now)) {
      throw Failure(ExitCode::internal, t_.where() + ", row " + stream.current_row() +
                                            ": read again, the row differs from the one compared");
    }
    ++at;
  });
  as_table(t_, "the changed rows into",
           [&] { stage_->copy_rows([&](std::string& buf) { return stream.fill(buf); }); });
  // Inserts first: an updated row may refer to a new one (of this table, or of a parent).
  as_table(t_, "the inserts into", [&] { inserted_ = stage_->insert_new_rows(); });
  as_table(t_, "the updates of", [&] { updated_ = stage_->update_from_rows(); });
  if (at != rows.size() || updated_ != changes_.updates.size() ||
      inserted_ != changes_.inserts.size()) {
    throw Failure(ExitCode::mismatch,
                  t_.where() + ": expected " + std::to_string(changes_.updates.size()) +
                      " update(s) and " + std::to_string(changes_.inserts.size()) +
                      " insert(s), PostgreSQL made " + std::to_string(updated_) + " and " +
                      std::to_string(inserted_));
  }
  if (!changes_.inserts.empty() && t_.own_id_column >= 0) {
    IdMapStream ids(t_, positions_of(changes_.inserts));
    as_table(t_, "the new ids of", [&] {
      new_ids_ = add_to_id_map(pg_, [&](std::string& buf) { return ids.fill(buf); });
    });
  }
  if (!changes_.inserts.empty()) restart_sequences_after_inserts(pg_, t_);
}

RowChecksum TableSync::read_back() {
  RowChecksum after = changes_.recorded;
  for (const auto* list : {&changes_.updates, &changes_.deletes}) {
    for (const auto& c : *list) after.remove(c.before);
  }
  std::unordered_map<std::string, Hash128> expected;
  for (const auto* list : {&changes_.inserts, &changes_.updates}) {
    for (const auto& c : *list) expected.emplace(c.key, c.now);
  }
  const TupleKey key(t_.key_fields);
  std::string k;
  std::size_t seen = 0;
  const auto start = std::chrono::steady_clock::now();
  read_back_rows([&](const auto& consume) { stage_->copy_staged_out(consume); },
                 [&](std::string_view tuple) {
                   key.extract(tuple, k);
                   const Hash128 h = hash_row(tuple);
                   const auto e = expected.find(k);
                   if (e == expected.end() || !(e->second == h)) {
                     throw Failure(ExitCode::mismatch, t_.where() + ": row " + describe_key(t_, k) +
                                                           " read back from " +
                                                           t_.mapping->target_name() +
                                                           " differs from the one sent");
                   }
                   after.add(h);
                   ++seen;
                 });
  spdlog::debug("{}: read back {} row(s) {:.3f} s", t_.label(), seen, seconds_since(start));
  if (seen != expected.size() || (!changes_.deletes.empty() && stage_->count_keyed() != 0)) {
    throw Failure(ExitCode::mismatch, t_.where() + ": " + std::to_string(seen) + " of " +
                                          std::to_string(expected.size()) +
                                          " applied row(s) read back, or deleted rows remain");
  }
  return after;
}

bool records_every_row(const CutoverRecord& baseline, std::uint64_t changes, std::uint64_t rows) {
  // Changes to half the table or more cost more to merge than a full record costs to write.
  const std::uint64_t pending = baseline.changed_fingerprints + changes;
  return pending > kMaxChangedFingerprints || pending * 2 >= rows;
}

RecordedFingerprints record_fingerprints(PgSession& pg, const TablePlan& t,
                                         const TableChanges& changes, const CutoverRecord& baseline,
                                         std::int64_t run_id) {
  RowHashSpool spool(run_id, t.source_mapping->name, t.mapping->source_table,
                     TupleKey(t.key_fields));
  RecordedFingerprints out;
  out.all = records_every_row(baseline, changes.recorded_changes.size(), changes.source.rows());
  if (out.all) {
    changes.source_rows->replay([&](std::string_view k, const Hash128& h, std::uint64_t) {
      spool.add_keyed(k, h);
      ++out.rows;
    });
  } else {
    for (const auto& [k, h] : changes.recorded_changes) spool.add_keyed(k, h);
    out.rows = changes.recorded_changes.size();
  }
  copy_into_row_hashes(pg, [&](std::string& buf) { return spool.fill(buf); });
  if (out.all)
    forget_fingerprints_before(pg, t.source_mapping->name, t.mapping->source_table, run_id);
  return out;
}

}  // namespace s2p

#include "sqlite2pg/sync/table_sync.h"

#include <algorithm>
#include <unordered_map>

#include "sqlite2pg/copy/copy_encoder.h"
#include "sqlite2pg/copy/tuple_key.h"
#include "sqlite2pg/load/row_hash_spool.h"
#include "sqlite2pg/load/table_stream.h"
#include "sqlite2pg/load/target_tables.h"
#include "sqlite2pg/util/bytes.h"
#include "sqlite2pg/util/failure.h"
#include "sqlite2pg/validate/readback.h"
#include "sqlite2pg/validate/row_names.h"

namespace s2p {
namespace {

std::vector<std::string> key_columns(const TablePlan& t) {
  std::vector<int> fields = t.key_fields;
  std::sort(fields.begin(), fields.end());  // the order key bytes hold them
  std::vector<std::string> out;
  for (int f : fields) out.push_back(t.columns[static_cast<std::size_t>(f)].target.name);
  return out;
}

// PostgreSQL refusing a statement of the sync: the table, what was being done, its words.
Failure refused(const TablePlan& t, const char* doing, const PgError& e) {
  const auto& d = e.diagnostics();
  const ExitCode code = d.sqlstate.rfind("23", 0) == 0 || d.sqlstate.rfind("22", 0) == 0
                            ? ExitCode::source_data
                            : ExitCode::target;
  return Failure(code, t.where() + ": PostgreSQL refused " + doing + " " +
                           t.mapping->target_name() + ": " + d.full());
}

template <typename Fn>
void as_table(const TablePlan& t, const char* doing, Fn&& fn) {
  try {
    fn();
  } catch (const PgError& e) {
    throw refused(t, doing, e);
  }
}

std::vector<std::uint64_t> positions_of(const std::vector<RowChange>& changes) {
  std::vector<std::uint64_t> out;
  for (const auto& c : changes) out.push_back(c.locator);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TableSync::TableSync(PgSession& pg, const TablePlan& t, const TableChanges& changes, int n)
    : pg_(pg), t_(t), changes_(changes) {
  as_table(t, "staging the changes of", [&] {
    stage_ = std::make_unique<SyncStage>(pg, t.target, t.target_columns(), key_columns(t), n);
  });
}

void TableSync::delete_rows() {
  if (changes_.deletes.empty()) return;
  const auto fields = static_cast<std::uint16_t>(t_.key_fields.size());
  std::size_t next = 0;
  auto produce = [&](std::string& out) {
    if (next == 0) out.append(CopyEncoder::header());
    for (; next < changes_.deletes.size() && out.size() < (1u << 20); ++next) {
      put_u16(out, fields);
      out.append(changes_.deletes[next].key);
    }
    if (next < changes_.deletes.size()) return true;
    out.append(CopyEncoder::trailer());
    return false;
  };
  as_table(t_, "the deletions from", [&] {
    stage_->copy_keys(produce);
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
    if (at >= rows.size() || stream.row_number() != rows[at].locator || !(h == rows[at].now)) {
      throw Failure(ExitCode::internal, t_.where() + ", row " + stream.current_row() +
                                            ": read again, the row differs from the one compared");
    }
    ++at;
  });
  as_table(t_, "the changed rows into", [&] {
    stage_->copy_rows([&](std::string& buf) { return stream.fill(buf); });
    updated_ = stage_->update_from_rows();
    inserted_ = stage_->insert_new_rows();
  });
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
  RowChecksum after = changes_.target;
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
  if (seen != expected.size() || (!changes_.deletes.empty() && stage_->count_keyed() != 0)) {
    throw Failure(ExitCode::mismatch, t_.where() + ": " + std::to_string(seen) + " of " +
                                          std::to_string(expected.size()) +
                                          " applied row(s) read back, or deleted rows remain");
  }
  return after;
}

void record_fingerprints(PgSession& pg, const TablePlan& t, const TableChanges& changes,
                         std::int64_t run_id) {
  RowHashSpool spool(run_id, t.source_mapping->name, t.mapping->source_table,
                     TupleKey(t.key_fields));
  changes.source_rows->replay(
      [&](std::string_view k, const Hash128& h, std::uint64_t) { spool.add_keyed(k, h); });
  copy_into_row_hashes(pg, [&](std::string& buf) { return spool.fill(buf); });
  forget_fingerprints_before(pg, t.source_mapping->name, t.mapping->source_table, run_id);
}

}  // namespace s2p

#include "sqlite2pg/rollback/write_back.h"

#include "sqlite2pg/copy/copy_feed.h"
#include "sqlite2pg/extract/sqlite_writes.h"
#include "sqlite2pg/pg/etl_store.h"
#include "sqlite2pg/pg/sync_stage.h"
#include "sqlite2pg/util/bytes.h"
#include "sqlite2pg/util/failure.h"
#include "sqlite2pg/util/interrupt.h"

namespace s2p {
namespace {

// Every row rollback writes is counted; anything else changing rows (no trigger fires, foreign
// keys are off, no REPLACE is used) would be rows PostgreSQL did not send.
void refuse_other_changes(SQLite::Database& db, int before, std::uint64_t written,
                          const SqliteSource& source) {
  const auto changed = static_cast<std::uint64_t>(db.getTotalChanges() - before);
  if (changed == written) return;
  throw Failure(ExitCode::internal, source.facts().path + ": writing " + std::to_string(written) +
                                        " row(s) changed " + std::to_string(changed) +
                                        "; nothing was written");
}

}  // namespace

Writers prepare_writers(PgSession& pg, const LoadPlan& plan, std::vector<TargetChanges>& all,
                        LegacyIds& ids) {
  prefer_index_lookups(pg);
  Writers writers(plan.tables.size());
  for (std::size_t i = 0; i < plan.tables.size(); ++i) {
    if (!all[i].changed()) continue;
    throw_if_interrupted("reading " + plan.tables[i].target.qualified());
    writers[i] =
        std::make_unique<TableWriter>(pg, plan.tables[i], all[i], ids, static_cast<int>(i));
  }
  ids.fetch();
  return writers;
}

// One SQLite transaction per file: deleted rows first, children first, so that a unique value
// can pass from a deleted row to a new one; then new and changed rows, parents first.
void write_file(OutputFile& out, const LoadPlan& plan, SqliteSource& source, Writers& writers) {
  if (out.empty()) {
    for (std::size_t i = 0; i < plan.tables.size(); ++i) {
      if (!writers[i] || plan.tables[i].source != &source) continue;
      throw Failure(ExitCode::config, source.facts().path +
                                          " is a 0-byte file, an empty database without tables: "
                                          "PostgreSQL's rows of " +
                                          plan.tables[i].target.qualified() +
                                          " have no table to go into (create its schema first)");
    }
    return out.close();
  }
  const int before = out.db().getTotalChanges();
  std::uint64_t written = 0;
  SQLite::Transaction transaction(out.db());
  // PostgreSQL's rows are what the services' writes made, their triggers' effects included.
  const auto triggers = drop_triggers(out.db());
  for (std::size_t i = plan.tables.size(); i-- > 0;) {
    if (!writers[i] || plan.tables[i].source != &source) continue;
    throw_if_interrupted("deleting from " + plan.tables[i].label());
    writers[i]->write_deletes(out.db());
  }
  for (std::size_t i = 0; i < plan.tables.size(); ++i) {
    if (!writers[i] || plan.tables[i].source != &source) continue;
    throw_if_interrupted("writing " + plan.tables[i].label());
    writers[i]->write_upserts(out.db());
    written += writers[i]->written();
  }
  refuse_other_changes(out.db(), before, written, source);
  create_triggers(out.db(), triggers);
  transaction.commit();
  for (auto& w : writers) {
    if (w) w->finish();
  }
  out.close();
}

// The pairs etl.id_map holds or --assign-ids made that remapped_id() does not give, for every
// transform that reads or writes remapped ids.
void attach_recorded_ids(LoadPlan& plan, LegacyIds& ids) {
  for (auto& t : plan.tables) {
    for (auto& c : t.columns) {
      if (c.transform->remaps_ids)
        c.context.recorded = ids.recorded(c.context.source, c.context.id_table);
    }
  }
}

// --record-ids: the assigned ids into etl.id_map, as binary COPY rows.
void record_assigned_ids(PgSession& pg, const LegacyIds& ids) {
  std::size_t next = 0;
  add_to_id_map(
      pg, CopyFeed([&](std::string& out) {
        if (next == ids.assigned().size()) return false;
        const auto& a = ids.assigned()[next++];
        put_tuple_start(out, 4);
        put_field(out, a.source);
        put_field(out, a.table);
        put_field(out, a.legacy);
        put_field(out, std::string_view(reinterpret_cast<const char*>(a.id.data()), a.id.size()));
        return true;
      }));
}

}  // namespace s2p

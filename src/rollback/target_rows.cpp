#include "sqlite2pg/rollback/target_rows.h"

#include <algorithm>

#include "sqlite2pg/copy/copy_decoder.h"
#include "sqlite2pg/copy/copy_feed.h"
#include "sqlite2pg/copy/copy_stream.h"
#include "sqlite2pg/copy/tuple_key.h"
#include "sqlite2pg/pg/etl_store.h"
#include "sqlite2pg/pg/sync_stage.h"
#include "sqlite2pg/util/failure.h"

namespace s2p {
namespace {

// A COPY stream of the keys, as the staged keys table takes them.
std::function<bool(std::string&)> key_stream(const TablePlan& t, ChangeSpool::Reader& keys) {
  const auto fields = static_cast<std::uint16_t>(t.key_fields.size());
  return CopyFeed([&keys, fields](std::string& out) {
    if (!keys.next()) return false;
    put_tuple_start(out, fields);
    out.append(keys.key());  // the key fields, already framed
    return true;
  });
}

std::optional<Uuid> uuid_of(const std::optional<std::string_view>& field) {
  if (!field || field->size() != 16) return std::nullopt;
  Uuid id;
  std::copy(field->begin(), field->end(), id.begin());
  return id;
}

// The legacy ids the row's remapped UUIDs stand for.
void want_ids(const std::vector<ColumnInverse>& columns, std::string_view tuple, LegacyIds& ids) {
  const auto fields = tuple_fields(tuple);
  for (std::size_t i = 0; i < columns.size() && i < fields.size(); ++i) {
    const auto& c = *columns[i].column;
    const auto id = c.transform->remaps_ids ? uuid_of(fields[i]) : std::nullopt;
    if (id) ids.want(c.context.source, c.context.id_table, *id);
  }
}

}  // namespace

void read_target_rows(PgSession& pg, const TablePlan& t, const std::vector<ColumnInverse>& columns,
                      TargetChanges& changes, LegacyIds& ids, int n) {
  SyncStage stage(pg, t.target, t.target_columns(), t.key_columns(), n);
  {
    auto keys = changes.spool.read(WriteBack::update, WriteBack::insert);
    stage.copy_keys(key_stream(t, keys));
  }
  const TupleKey key(t.key_fields);
  std::string k;
  read_back_rows([&](const auto& consume) { stage.copy_keyed_out(consume); },
                 [&](std::string_view tuple) {
                   key.extract(tuple, k);
                   changes.spool.set_tuple(k, tuple);
                   want_ids(columns, tuple, ids);
                 });
}

void check_rows_read(const TablePlan& t, const TargetChanges& changes) {
  const auto asked = changes.updates() + changes.inserts();
  if (changes.spool.tuples() == asked) return;
  throw Failure(ExitCode::target, t.where() + ": PostgreSQL returned " +
                                      std::to_string(changes.spool.tuples()) + " rows of " +
                                      std::to_string(asked) + " changed keys in the same snapshot");
}

void assign_new_ids(PgSession& pg, const TablePlan& t, const std::vector<ColumnInverse>& columns,
                    const TargetChanges& changes, LegacyIds& ids) {
  if (!changes.inserts() || t.own_id_column < 0) return;
  const auto own = static_cast<std::size_t>(t.own_id_column);
  const auto& c = *columns[own].column;
  if (!c.transform->remaps_ids || !columns[own].context.integer_column) return;
  // Past every id the table holds, ever gave (AUTOINCREMENT), or etl.id_map pairs with a UUID.
  const auto& table = t.mapping->source_table;
  std::int64_t next = std::max({t.source->max_integer(table, c.mapping->source_column),
                                t.source->autoincrement_seq(table),
                                max_integer_legacy_id(pg, c.context.source, c.context.id_table)});
  auto inserts = changes.spool.read(WriteBack::insert);
  while (inserts.next()) {
    const auto tuple = inserts.tuple();
    const auto id = tuple ? uuid_of(tuple_fields(*tuple)[own]) : std::nullopt;
    if (!id || ids.find(c.context.source, c.context.id_table, *id)) continue;
    ids.assign(c.context.source, c.context.id_table, *id, std::to_string(++next));
  }
}

}  // namespace s2p

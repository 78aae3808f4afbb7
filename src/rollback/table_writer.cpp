#include "sqlite2pg/rollback/table_writer.h"

#include <spdlog/spdlog.h>

#include <cmath>

#include "sqlite2pg/copy/copy_decoder.h"
#include "sqlite2pg/copy/copy_feed.h"
#include "sqlite2pg/copy/tuple_key.h"
#include "sqlite2pg/extract/sqlite_writes.h"
#include "sqlite2pg/load/row_picker.h"
#include "sqlite2pg/pg/etl_store.h"
#include "sqlite2pg/pg/sync_stage.h"
#include "sqlite2pg/util/bytes.h"
#include "sqlite2pg/util/failure.h"
#include "sqlite2pg/util/text.h"
#include "sqlite2pg/validate/readback.h"
#include "sqlite2pg/validate/row_names.h"

namespace s2p {
namespace {

void bind_value(SQLite::Statement& s, int at, const SourceValue& v) {
  switch (v.type) {
    case SqliteType::integer:
      return s.bind(at, static_cast<std::int64_t>(v.integer));
    case SqliteType::real:
      return s.bind(at, v.real);
    case SqliteType::text:
      return s.bind(at, std::string(v.bytes));
    case SqliteType::blob:
      return s.bind(at, v.bytes.data(), static_cast<int>(v.bytes.size()));
    case SqliteType::null:
      return s.bind(at);
  }
}

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

Uuid uuid_of(std::string_view field) {
  Uuid id;
  std::copy(field.begin(), field.end(), id.begin());
  return id;
}

bool same_name(const std::string& a, const std::string& b) {
  return ascii_lower(a) == ascii_lower(b);  // SQLite names are case-insensitive
}

}  // namespace

TableWriter::TableWriter(PgSession& pg, const TablePlan& t, TargetChanges& changes, LegacyIds& ids,
                         int n)
    : pg_(pg), t_(t), changes_(changes), ids_(ids), n_(n), scratch_(t.columns.size()) {
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    std::size_t first = 0;
    while (!same_name(t.columns[first].mapping->source_column, t.columns[i].mapping->source_column))
      ++first;
    feeder_.push_back(first);
    writes_.push_back(first == i);
  }
  if (t.rowid_index >= 0 || (!changes.updates() && !changes.deletes())) return;
  for (const auto& c : t.source->columns(t.mapping->source_table)) {
    if (!c.pk_position) continue;
    const auto at = std::find_if(t.select_columns.begin(), t.select_columns.end(),
                                 [&](const std::string& s) { return same_name(s, c.name); });
    if (at == t.select_columns.end()) pk_columns_.clear();
    if (at == t.select_columns.end()) break;
    pk_columns_.push_back(static_cast<int>(at - t.select_columns.begin()));
  }
  if (pk_columns_.empty()) {
    throw Failure(ExitCode::config, t.where() +
                                        ": rows PostgreSQL changed or deleted cannot be found "
                                        "again in SQLite: the table has no rowid, and its primary "
                                        "key is not among the mapped columns (a view cannot be "
                                        "written back)");
  }
}

TableWriter::~TableWriter() = default;

void TableWriter::read_target_rows() {
  if (!changes_.updates() && !changes_.inserts()) return;
  inverses_ = column_inverses(t_, ids_);
  SyncStage stage(pg_, t_.target, t_.target_columns(), t_.key_columns(), n_);
  {
    auto keys = changes_.spool.read(WriteBack::update, WriteBack::insert);
    stage.copy_keys(key_stream(t_, keys));
  }
  const TupleKey key(t_.key_fields);
  std::string k;
  read_back_rows([&](const auto& consume) { stage.copy_keyed_out(consume); },
                 [&](std::string_view tuple) {
                   key.extract(tuple, k);
                   changes_.spool.set_tuple(k, tuple);
                   want_ids(tuple);
                 });
}

// The legacy ids the row's remapped UUIDs stand for, asked of `ids` (fetched for all at once).
void TableWriter::want_ids(std::string_view tuple) {
  const auto fields = tuple_fields(tuple);
  for (std::size_t i = 0; i < inverses_.size() && i < fields.size(); ++i) {
    const auto& c = *inverses_[i].column;
    if (!c.transform->remaps_ids || !fields[i] || fields[i]->size() != 16) continue;
    ids_.want(c.context.source, c.context.id_table, uuid_of(*fields[i]));
  }
}

void TableWriter::assign_ids() {
  if (!changes_.inserts() || t_.own_id_column < 0) return;
  const auto own = static_cast<std::size_t>(t_.own_id_column);
  const auto& c = *inverses_[own].column;
  if (!c.transform->remaps_ids || !inverses_[own].context.integer_column) return;
  // Past every id the table holds, ever gave (AUTOINCREMENT), or etl.id_map pairs with a UUID.
  const auto& table = t_.mapping->source_table;
  std::int64_t next = std::max({t_.source->max_integer(table, c.mapping->source_column),
                                t_.source->autoincrement_seq(table),
                                max_integer_legacy_id(pg_, c.context.source, c.context.id_table)});
  auto inserts = changes_.spool.read(WriteBack::insert);
  while (inserts.next()) {
    const auto tuple = inserts.tuple();
    if (!tuple) continue;
    const auto field = tuple_fields(*tuple)[own];
    if (!field || field->size() != 16) continue;
    const Uuid id = uuid_of(*field);
    if (ids_.find(c.context.source, c.context.id_table, id)) continue;
    ids_.assign(c.context.source, c.context.id_table, id, std::to_string(++next));
  }
}

void TableWriter::refuse(const std::string& key, const std::string& source_row,
                         const std::string& why) {
  refused_.push_back({DiffKind::not_written_back, source_row, describe_key(t_, key), why});
}

bool TableWriter::invert_row(const std::string& key, const std::string& source_row,
                             const std::vector<std::optional<std::string_view>>& f,
                             const std::vector<bool>& wanted, std::vector<SourceValue>& values) {
  values.assign(inverses_.size(), SourceValue{});
  bool ok = true;
  for (std::size_t i = 0; i < inverses_.size(); ++i) {
    if (!wanted[feeder_[i]]) continue;
    if (!writes_[i]) {
      ok = ok && agrees(key, source_row, f, i, values[feeder_[i]]);
      continue;
    }
    const auto why =
        invert_field(inverses_[i], i < f.size() ? f[i] : std::nullopt, values[i], scratch_[i]);
    if (why.empty()) continue;
    refuse(key, source_row, inverses_[i].column->target.name + ": " + why);
    ok = false;
  }
  return ok;
}

// Target column i and the first one its SQLite column feeds must go back to one value.
bool TableWriter::agrees(const std::string& key, const std::string& source_row,
                         const std::vector<std::optional<std::string_view>>& f, std::size_t i,
                         const SourceValue& first) {
  SourceValue v;
  std::string scratch;
  if (!invert_field(inverses_[i], i < f.size() ? f[i] : std::nullopt, v, scratch).empty() ||
      v.type != first.type || v.integer != first.integer || v.bytes != first.bytes ||
      !(v.real == first.real || (std::isnan(v.real) && std::isnan(first.real)))) {
    const auto& c = *inverses_[i].column;
    refuse(key, source_row,
           c.target.name + " and " + inverses_[feeder_[i]].column->target.name +
               " come from one SQLite column, " + c.mapping->source_column +
               ", and PostgreSQL holds values in them that are not one SQLite value");
    return false;
  }
  return true;
}

std::string TableWriter::where_row() const {
  if (t_.rowid_index >= 0) return t_.rowid_name + " = ?";
  std::string out;
  for (int at : pk_columns_) {
    out += (out.empty() ? "" : " AND ") +
           quote_ident(t_.select_columns[static_cast<std::size_t>(at)]) + " IS ?";
  }
  return out;
}

void TableWriter::bind_row(SQLite::Statement& s, int first, std::uint64_t locator,
                           const RowCursor* row) {
  if (t_.rowid_index >= 0) return s.bind(first, static_cast<std::int64_t>(rowid_of(locator)));
  for (std::size_t j = 0; j < pk_columns_.size(); ++j)
    bind_value(s, first + static_cast<int>(j), row->value(pk_columns_[j]));
}

SQLite::Statement& TableWriter::prepared(SQLite::Database& out, const std::string& sql) {
  auto& s = statements_[sql];
  try {
    if (!s) s = std::make_unique<SQLite::Statement>(out, sql);
  } catch (const SQLite::Exception& e) {
    throw Failure(ExitCode::source_data,
                  t_.where() + ": cannot write PostgreSQL's rows back: " + e.what());
  }
  s->reset();
  s->clearBindings();
  return *s;
}

void TableWriter::execute(SQLite::Statement& s, const std::string& key) {
  try {
    s.exec();
  } catch (const SQLite::Exception& e) {
    throw Failure(ExitCode::source_data, t_.where() + ": writing PostgreSQL's row " +
                                             describe_key(t_, key) + " back: " + e.what());
  }
}

// Only the columns whose value PostgreSQL changed are written: the others keep SQLite's bytes.
void TableWriter::update_row(SQLite::Database& out, const RowCursor& row, std::uint64_t locator,
                             const std::string& key, std::string_view tuple) {
  const auto fields = tuple_fields(tuple);
  std::vector<bool> changed(inverses_.size(), false);
  std::optional<std::string> encoded;
  std::string scratch;
  std::vector<std::string> set;
  for (std::size_t i = 0; i < inverses_.size(); ++i) {
    const auto& c = *inverses_[i].column;
    const bool loads = encode_source(c, row.value(c.select_index), encoded, scratch);
    const auto& now = fields[i];
    if (loads && encoded.has_value() == now.has_value() && (!now || *encoded == *now)) continue;
    changed[feeder_[i]] = true;  // invert_row checks the columns one SQLite column feeds agree
  }
  for (std::size_t i = 0; i < inverses_.size(); ++i) {
    if (changed[i]) set.push_back(inverses_[i].column->mapping->source_column);
  }
  std::vector<SourceValue> values;
  if (set.empty() || !invert_row(key, t_.describe_row(row), fields, changed, values)) return;
  auto& s = prepared(out, sqlite_update_sql(t_.mapping->source_table, set, where_row()));
  int at = 1;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (changed[i]) bind_value(s, at++, values[i]);
  }
  bind_row(s, at, locator, &row);
  execute(s, key);
  ++updated_;
}

void TableWriter::write_upserts(SQLite::Database& out) {
  const auto asked = changes_.updates() + changes_.inserts();
  if (changes_.spool.tuples() != asked) {
    throw Failure(ExitCode::target,
                  t_.where() + ": PostgreSQL returned " + std::to_string(changes_.spool.tuples()) +
                      " rows of " + std::to_string(asked) + " changed keys in the same snapshot");
  }
  if (changes_.updates()) {
    RowPicker picker(t_, changes_.spool.locators(WriteBack::update));
    while (picker.next()) {
      const auto c = changes_.spool.at(WriteBack::update, picker.locator());
      update_row(out, picker.cursor(), picker.locator(), c.key, c.tuple.value_or(""));
    }
  }
  std::vector<std::string> columns;
  for (std::size_t i = 0; i < inverses_.size(); ++i) {
    if (writes_[i]) columns.push_back(inverses_[i].column->mapping->source_column);
  }
  const std::string insert = sqlite_insert_sql(t_.mapping->source_table, columns);
  std::vector<SourceValue> values;
  auto inserts = changes_.spool.read(WriteBack::insert);
  while (inserts.next()) {
    const std::string key(inserts.key());
    if (!invert_row(key, "", tuple_fields(*inserts.tuple()), writes_, values)) continue;
    auto& s = prepared(out, insert);
    int at = 1;
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (writes_[i]) bind_value(s, at++, values[i]);
    }
    execute(s, key);
    ++inserted_;
  }
}

void TableWriter::write_deletes(SQLite::Database& out) {
  if (!changes_.deletes()) return;
  const std::string sql = sqlite_delete_sql(t_.mapping->source_table, where_row());
  const auto remove = [&](std::uint64_t locator, const RowCursor* row) {
    const auto c = changes_.spool.at(WriteBack::remove, locator);
    auto& s = prepared(out, sql);
    bind_row(s, 1, locator, row);
    execute(s, c.key);
    ++deleted_;
  };
  if (t_.rowid_index >= 0) {
    for (const auto locator : changes_.spool.locators(WriteBack::remove)) remove(locator, nullptr);
    return;
  }
  RowPicker picker(t_, changes_.spool.locators(WriteBack::remove));
  while (picker.next()) remove(picker.locator(), &picker.cursor());
}

}  // namespace s2p

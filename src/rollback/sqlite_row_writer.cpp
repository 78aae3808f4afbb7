#include "sqlite2pg/rollback/sqlite_row_writer.h"

#include <algorithm>

#include "sqlite2pg/extract/sqlite_writes.h"
#include "sqlite2pg/load/row_picker.h"
#include "sqlite2pg/util/failure.h"
#include "sqlite2pg/util/text.h"
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

int bind_values(SQLite::Statement& s, const std::vector<SourceValue>& values) {
  int at = 1;
  for (const auto& v : values) bind_value(s, at++, v);
  return at;
}

// SELECT positions of the source table's primary key; empty when a part of it is not selected.
std::vector<int> primary_key_columns(const TablePlan& t) {
  std::vector<int> out;
  for (const auto& c : t.source->columns(t.mapping->source_table)) {
    if (!c.pk_position) continue;
    const auto at = std::find_if(t.select_columns.begin(), t.select_columns.end(),
                                 [&](const std::string& s) { return same_name_folded(s, c.name); });
    if (at == t.select_columns.end()) return {};
    out.push_back(static_cast<int>(at - t.select_columns.begin()));
  }
  return out;
}

}  // namespace

SqliteRowWriter::SqliteRowWriter(const TablePlan& t, bool finds_rows) : t_(t) {
  if (t.rowid_index >= 0) where_row_ = t.rowid_name + " = ?";
  if (t.rowid_index >= 0 || !finds_rows) return;
  pk_columns_ = primary_key_columns(t);
  for (int at : pk_columns_) {
    where_row_ += (where_row_.empty() ? "" : " AND ") +
                  quote_ident(t.select_columns[static_cast<std::size_t>(at)]) + " IS ?";
  }
  if (!pk_columns_.empty()) return;
  throw Failure(ExitCode::config, t.where() +
                                      ": rows PostgreSQL changed or deleted cannot be found again "
                                      "in SQLite: the table has no rowid, and its primary key is "
                                      "not among the mapped columns (a view cannot be written "
                                      "back)");
}

SqliteRowWriter::~SqliteRowWriter() = default;

void SqliteRowWriter::update(SQLite::Database& out, const std::vector<std::string>& columns,
                             const std::vector<SourceValue>& values, std::uint64_t locator,
                             const RowCursor& row, const std::string& key) {
  auto& s = prepared(out, sqlite_update_sql(t_.mapping->source_table, columns, where_row_));
  bind_row(s, bind_values(s, values), locator, &row);
  execute(s, key);
  ++written_;
}

void SqliteRowWriter::insert(SQLite::Database& out, const std::vector<std::string>& columns,
                             const std::vector<SourceValue>& values, const std::string& key) {
  if (insert_sql_.empty()) insert_sql_ = sqlite_insert_sql(t_.mapping->source_table, columns);
  auto& s = prepared(out, insert_sql_);
  bind_values(s, values);
  execute(s, key);
  ++written_;
}

void SqliteRowWriter::remove(SQLite::Database& out, std::uint64_t locator, const RowCursor* row,
                             const std::string& key) {
  if (delete_sql_.empty()) delete_sql_ = sqlite_delete_sql(t_.mapping->source_table, where_row_);
  auto& s = prepared(out, delete_sql_);
  bind_row(s, 1, locator, row);
  execute(s, key);
  ++written_;
}

void SqliteRowWriter::bind_row(SQLite::Statement& s, int first, std::uint64_t locator,
                               const RowCursor* row) {
  if (t_.rowid_index >= 0) return s.bind(first, static_cast<std::int64_t>(rowid_of(locator)));
  for (std::size_t j = 0; j < pk_columns_.size(); ++j)
    bind_value(s, first + static_cast<int>(j), row->value(pk_columns_[j]));
}

SQLite::Statement& SqliteRowWriter::prepared(SQLite::Database& out, const std::string& sql) {
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

void SqliteRowWriter::execute(SQLite::Statement& s, const std::string& key) {
  try {
    s.exec();
  } catch (const SQLite::Exception& e) {
    throw Failure(ExitCode::source_data, t_.where() + ": writing PostgreSQL's row " +
                                             describe_key(t_, key) + " back: " + e.what());
  }
}

}  // namespace s2p

// scaffold's reading of a SQLite file: tables, columns with their defaults, keys, foreign keys,
// indexes, CHECKs, views and triggers, and a sample of every column's values.
#include <algorithm>
#include <cctype>

#include "model.h"
#include "sqlite2pg/extract/capture_names.h"
#include "sqlite2pg/transform/decimal.h"
#include "sqlite2pg/transform/inet.h"
#include "sqlite2pg/transform/interval.h"
#include "sqlite2pg/transform/json_canonical.h"
#include "sqlite2pg/transform/timestamp.h"
#include "sqlite2pg/util/text.h"
#include "sqlite2pg/util/uuid.h"

namespace s2p::scaffolding {
namespace {

void sample_number(ColumnSample& s, std::string_view text) {
  std::string plain;
  if (!normalize_decimal(text, plain).empty()) return;
  ++s.decimals;
  if (plain[0] == '-') plain.erase(0, 1);
  const auto point = plain.find('.');
  const std::size_t whole = point == std::string::npos ? plain.size() : point;
  s.max_whole = std::max(s.max_whole, plain == "0" || plain.rfind("0.", 0) == 0 ? 0 : whole);
  if (point != std::string::npos) {
    const std::size_t last = plain.find_last_not_of('0');
    s.max_fraction = std::max(s.max_fraction, last > point ? last - point : 0);
  }
}

void sample_text(ColumnSample& s, std::string_view text) {
  ++s.texts;
  sample_number(s, text);
  if (parse_uuid(text)) ++s.uuids;
  if (text.size() == 32 && parse_uuid_hex(text)) ++s.hex_uuids;
  UnixMicros t;
  std::int64_t n;
  const bool finer = fraction_digits(text) > 6;
  if (parse_timestamp_text(text, t, FinerFraction::truncate).empty())
    ++s.timestamps, s.finer += finer;
  if (text.size() == 10 && parse_date_text(text, n).empty()) ++s.dates;
  if (parse_time_text(text, n, FinerFraction::truncate).empty()) ++s.times, s.finer += finer;
  std::string canonical;
  if (canonicalize_jsonb(text, canonical).empty()) {
    ++s.json_any;
    if (!text.empty() && (text.front() == '{' || text.front() == '[')) ++s.json;
  }
  Value v;
  if (parse_inet_text(text, false, canonical, v).empty()) ++s.addresses;
  if (parse_interval_text(text, v).empty()) ++s.durations;
}

void sample_value(ColumnSample& s, const SourceValue& v) {
  ++s.values;
  switch (v.type) {
    case SqliteType::null:
      ++s.nulls;
      return;
    case SqliteType::integer:
      ++s.integers;
      s.zeros += v.integer == 0;
      s.ones += v.integer == 1;
      if (v.integer >= 946'684'800'000 && v.integer < 7'258'118'400'000)
        ++s.epoch_ms;  // 2000..2200
      if (v.integer >= 946'684'800 && v.integer < 7'258'118'400) ++s.epoch_s;
      if (v.integer > (std::int64_t{1} << 53) || v.integer < -(std::int64_t{1} << 53))
        ++s.big_integers;
      sample_number(s, std::to_string(v.integer));
      return;
    case SqliteType::real:
      ++s.reals;
      sample_number(s, format_real(v.real));
      return;
    case SqliteType::blob:
      ++s.blobs;
      return;
    case SqliteType::text:
      sample_text(s, v.bytes);
      return;
  }
}

// The keyword `word` (lower case) at `at`, as a whole word.
bool word_at(const std::string& s, std::size_t at, std::string_view word) {
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (at + i >= s.size() || std::tolower(static_cast<unsigned char>(s[at + i])) != word[i])
      return false;
  }
  const std::size_t end = at + word.size();
  return end >= s.size() || !(std::isalnum(static_cast<unsigned char>(s[end])) || s[end] == '_');
}

// The statement with its -- and /* */ comments blanked out (SQLite keeps them as written).
std::string without_comments(const std::string& sql) {
  std::string out = sql;
  char quote = 0;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const char c = out[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"' || c == '`' || c == '[') {
      quote = c == '[' ? ']' : c;
    } else if (c == '-' && i + 1 < out.size() && out[i + 1] == '-') {
      for (; i < out.size() && out[i] != '\n'; ++i) out[i] = ' ';
    } else if (c == '/' && i + 1 < out.size() && out[i + 1] == '*') {
      const std::size_t end = std::min(out.find("*/", i + 2), out.size() - 2);
      for (std::size_t j = i; j < end + 2; ++j) out[j] = ' ';
      i = end + 1;
    }
  }
  return out;
}

// Every CHECK ( ... ) in a CREATE TABLE statement, outside quotes and comments.
std::vector<std::string> checks_in(const std::string& statement) {
  const std::string sql = without_comments(statement);
  std::vector<std::string> out;
  char quote = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '"' || c == '`') {
      quote = c;
    } else if (c == '[') {
      quote = ']';
    } else if ((i == 0 || !std::isalnum(static_cast<unsigned char>(sql[i - 1]))) &&
               word_at(sql, i, "check")) {
      std::size_t at = i + 5;
      while (at < sql.size() && std::isspace(static_cast<unsigned char>(sql[at]))) ++at;
      if (at >= sql.size() || sql[at] != '(') continue;
      int depth = 0;
      char q = 0;
      std::size_t end = at;
      for (; end < sql.size(); ++end) {
        const char d = sql[end];
        if (q) {
          if (d == q) q = 0;
        } else if (d == '\'' || d == '"') {
          q = d;
        } else if (d == '(') {
          ++depth;
        } else if (d == ')' && --depth == 0) {
          break;
        }
      }
      if (end < sql.size()) out.push_back(sql.substr(at + 1, end - at - 1));
      i = end;
    }
  }
  return out;
}

void read_columns(SqliteSource& source, Table& t) {
  for (const auto& info : source.columns(t.name)) {
    t.columns.push_back({info});
    if (info.pk_position) t.primary_key.push_back(info.name);
  }
  SQLite::Statement defaults(source.db(), "SELECT name, dflt_value FROM pragma_table_info(?)");
  defaults.bind(1, t.name);
  while (defaults.executeStep()) {
    for (auto& c : t.columns) {
      if (c.info.name == defaults.getColumn(0).getString() && !defaults.getColumn(1).isNull())
        c.default_sql = defaults.getColumn(1).getString();
    }
  }
  std::sort(t.primary_key.begin(), t.primary_key.end(), [&](const auto& a, const auto& b) {
    return t.column(a)->info.pk_position < t.column(b)->info.pk_position;
  });
}

void read_references(SqliteSource& source, Table& t) {
  SQLite::Statement fks(source.db(),
                        "SELECT \"from\", \"table\", \"to\" FROM pragma_foreign_key_list(?)");
  fks.bind(1, t.name);
  while (fks.executeStep()) {
    t.references.push_back({fks.getColumn(0).getString(), fks.getColumn(1).getString(),
                            fks.getColumn(2).isNull() ? "" : fks.getColumn(2).getString()});
    for (auto& c : t.columns) c.references_something |= c.info.name == t.references.back().from;
  }
}

void read_indexes(SqliteSource& source, Table& t) {
  SQLite::Statement list(source.db(),
                         "SELECT name, \"unique\", origin, partial FROM pragma_index_list(?)");
  list.bind(1, t.name);
  while (list.executeStep()) {
    if (list.getColumn(2).getString() == "pk") continue;  // the primary key is the table's
    Index ix{list.getColumn(0).getString(), "", list.getColumn(1).getInt() == 1};
    if (list.getColumn(3).getInt() == 1) ix.untranslatable = "a partial index (WHERE ...)";
    SQLite::Statement cols(source.db(),
                           "SELECT cid, name, coll FROM pragma_index_xinfo(?) WHERE key = 1 "
                           "ORDER BY seqno");
    cols.bind(1, ix.name);
    while (cols.executeStep()) {
      const std::string collation = cols.getColumn(2).getString();
      if (cols.getColumn(0).getInt() < 0) {
        ix.untranslatable = "an index on an expression";
        continue;
      }
      if (collation != "BINARY")  // NOCASE: a UNIQUE index PostgreSQL would make weaker
        ix.untranslatable = "an index with COLLATE " + collation;
      ix.columns.push_back(cols.getColumn(1).getString());
    }
    if (ix.name.rfind("sqlite_autoindex_", 0) ==
        0) {  // a UNIQUE clause: name it as PostgreSQL would
      ix.name = t.name;
      for (const auto& c : ix.columns) ix.name += "_" + c;
      ix.name += "_key";
    }
    t.indexes.push_back(std::move(ix));
  }
}

void sample_rows(SqliteSource& source, Table& t, std::size_t limit) {
  std::string select;
  for (const auto& c : t.columns) select += (select.empty() ? "" : ", ") + quote_ident(c.info.name);
  RowCursor rows(source, "SELECT " + select + " FROM " + quote_ident(t.name) + " LIMIT " +
                             std::to_string(limit));
  while (rows.next()) {
    for (std::size_t i = 0; i < t.columns.size(); ++i)
      sample_value(t.columns[i].sample, rows.value(static_cast<int>(i)));
  }
  // A key other than the rowid may hold NULLs in SQLite; the whole table is asked, not a sample.
  if (t.primary_key.empty()) return;
  std::string nulls;
  for (const auto& k : t.primary_key)
    nulls += (nulls.empty() ? "" : " OR ") + quote_ident(k) + " IS NULL";
  RowCursor any(source,
                "SELECT EXISTS (SELECT 1 FROM " + quote_ident(t.name) + " WHERE " + nulls + ")");
  t.key_has_nulls = any.next() && any.value(0).integer == 1;
}

}  // namespace

Schema read_schema(SqliteSource& source, std::size_t sample_limit) {
  Schema s;
  SQLite::Statement objects(source.db(),
                            "SELECT type, name, COALESCE(sql, '') FROM sqlite_master WHERE type IN "
                            "('table', 'view', 'trigger') AND name NOT LIKE 'sqlite\\_%' ESCAPE "
                            "'\\' AND name NOT IN (SELECT name FROM pragma_table_list WHERE "
                            "schema = 'main' AND type = 'shadow') AND " +
                                std::string(kNotCaptureObject) + " ORDER BY type, name");
  while (objects.executeStep()) {
    const std::string type = objects.getColumn(0).getString();
    if (type == "table") {
      s.tables.push_back({objects.getColumn(1).getString()});
      s.tables.back().sql = objects.getColumn(2).getString();
    } else {
      s.unported.push_back(
          {type, objects.getColumn(1).getString(), objects.getColumn(2).getString()});
    }
  }
  for (auto& t : s.tables) {
    read_columns(source, t);
    read_references(source, t);
    read_indexes(source, t);
    t.checks = checks_in(t.sql);
    sample_rows(source, t, sample_limit);
  }
  return s;
}

const Column* Table::column(const std::string& n) const {
  for (const auto& c : columns) {
    if (c.info.name == n) return &c;
  }
  return nullptr;
}

}  // namespace s2p::scaffolding

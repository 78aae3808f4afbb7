#include "sqlite2pg/extract/change_spool.h"

#include "sqlite2pg/util/failure.h"

namespace s2p {
namespace {

// SQLite's empty file name: a private database on disk in its temporary directory, deleted when
// it closes.
std::unique_ptr<SQLite::Database> open_spool() {
  auto db = std::make_unique<SQLite::Database>("", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db->exec(
      "PRAGMA cache_size = -512; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
      "CREATE TABLE change (key BLOB PRIMARY KEY, what INTEGER NOT NULL, locator INTEGER NOT "
      "NULL, tuple BLOB) WITHOUT ROWID;"
      "CREATE INDEX change_locator ON change (what, locator);"
      "BEGIN");
  return db;
}

std::string_view blob(const SQLite::Column& c) {
  return {static_cast<const char*>(c.getBlob()), static_cast<std::size_t>(c.getBytes())};
}

}  // namespace

ChangeSpool::ChangeSpool()
    : db_(open_spool()),
      insert_(std::make_unique<SQLite::Statement>(
          *db_, "INSERT INTO change (key, what, locator) VALUES (?, ?, ?)")),
      set_tuple_(std::make_unique<SQLite::Statement>(
          *db_, "UPDATE change SET tuple = ? WHERE key = ? AND tuple IS NULL")),
      at_(std::make_unique<SQLite::Statement>(
          *db_, "SELECT key, tuple FROM change WHERE what = ? AND locator = ?")) {}

void ChangeSpool::add(WriteBack what, std::string_view key, std::uint64_t locator) {
  insert_->reset();
  insert_->bind(1, key.data(), static_cast<int>(key.size()));
  insert_->bind(2, static_cast<int>(what));
  insert_->bind(3, static_cast<std::int64_t>(locator));
  insert_->exec();
  ++counts_[static_cast<int>(what)];
}

std::uint64_t ChangeSpool::count(WriteBack what) const { return counts_[static_cast<int>(what)]; }

bool ChangeSpool::set_tuple(std::string_view key, std::string_view tuple) {
  set_tuple_->reset();
  set_tuple_->bind(1, tuple.data(), static_cast<int>(tuple.size()));
  set_tuple_->bind(2, key.data(), static_cast<int>(key.size()));
  if (set_tuple_->exec() != 1) return false;
  ++tuples_;
  return true;
}

std::uint64_t ChangeSpool::tuples() const { return tuples_; }

ChangeSpool::Reader ChangeSpool::read(WriteBack what) const { return read(what, what); }

ChangeSpool::Reader ChangeSpool::read(WriteBack what, WriteBack also) const {
  auto q = std::make_unique<SQLite::Statement>(
      *db_, "SELECT key, locator, tuple FROM change WHERE what IN (?, ?) ORDER BY key");
  q->bind(1, static_cast<int>(what));
  q->bind(2, static_cast<int>(also));
  return Reader(std::move(q));
}

std::vector<std::uint64_t> ChangeSpool::locators(WriteBack what) const {
  SQLite::Statement q(*db_, "SELECT locator FROM change WHERE what = ? ORDER BY locator");
  q.bind(1, static_cast<int>(what));
  std::vector<std::uint64_t> out;
  while (q.executeStep()) out.push_back(static_cast<std::uint64_t>(q.getColumn(0).getInt64()));
  return out;
}

ChangeSpool::Found ChangeSpool::at(WriteBack what, std::uint64_t locator) const {
  at_->reset();
  at_->bind(1, static_cast<int>(what));
  at_->bind(2, static_cast<std::int64_t>(locator));
  if (!at_->executeStep())
    throw Failure(ExitCode::internal, "no change spooled at row " + std::to_string(locator));
  Found out{std::string(blob(at_->getColumn(0))), std::nullopt};
  if (!at_->getColumn(1).isNull()) out.tuple = std::string(blob(at_->getColumn(1)));
  return out;
}

bool ChangeSpool::Reader::next() { return q_->executeStep(); }

std::string_view ChangeSpool::Reader::key() const { return blob(q_->getColumn(0)); }

std::uint64_t ChangeSpool::Reader::locator() const {
  return static_cast<std::uint64_t>(q_->getColumn(1).getInt64());
}

std::optional<std::string_view> ChangeSpool::Reader::tuple() const {
  const auto c = q_->getColumn(2);
  if (c.isNull()) return std::nullopt;
  return blob(c);
}

}  // namespace s2p

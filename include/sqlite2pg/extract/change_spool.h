#pragma once
// A change to write back into one SQLite table, kept on disk (rollback's): each key PostgreSQL
// added, changed or deleted, with the source row's locator, and, once read, PostgreSQL's tuple
// of it. The spool is a private temporary SQLite database with a small page cache, so memory
// stays that cache however large the change; the file goes with the spool.
#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace s2p {

// What happens to the SQLite row of a key.
enum class WriteBack : int { update = 0, insert = 1, remove = 2 };

class ChangeSpool {
 public:
  ChangeSpool();

  // `locator`: the source row's (update, remove); 0 for a row SQLite lacks (insert).
  void add(WriteBack what, std::string_view key, std::uint64_t locator);
  std::uint64_t count(WriteBack what) const;
  // PostgreSQL's tuple of `key`; false when no change has that key.
  bool set_tuple(std::string_view key, std::string_view tuple);
  std::uint64_t tuples() const;  // changes whose tuple was set

  // The changes of one or two kinds, in key order.
  class Reader {
   public:
    bool next();
    std::string_view key() const;
    std::uint64_t locator() const;
    std::optional<std::string_view> tuple() const;  // nullopt: not set

   private:
    friend class ChangeSpool;
    explicit Reader(std::unique_ptr<SQLite::Statement> q) : q_(std::move(q)) {}
    std::unique_ptr<SQLite::Statement> q_;
  };
  Reader read(WriteBack what) const;
  Reader read(WriteBack what, WriteBack also) const;
  // The locators of one kind, ascending: how the source's rows are found again.
  std::vector<std::uint64_t> locators(WriteBack what) const;
  // The change of kind `what` at `locator`, copied out (one statement, prepared once).
  struct Found {
    std::string key;
    std::optional<std::string> tuple;
  };
  Found at(WriteBack what, std::uint64_t locator) const;

 private:
  std::unique_ptr<SQLite::Database> db_;
  std::unique_ptr<SQLite::Statement> insert_, set_tuple_, at_;
  std::uint64_t counts_[3] = {0, 0, 0};
  std::uint64_t tuples_ = 0;
};

}  // namespace s2p

#include "sqlite2pg/extract/capture_file.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <map>
#include <random>

#include "sqlite2pg/extract/capture_names.h"
#include "sqlite2pg/extract/sqlite_source.h"
#include "sqlite2pg/transform/timestamp.h"
#include "sqlite2pg/util/failure.h"
#include "sqlite2pg/util/text.h"

namespace s2p {
namespace {

// BEGIN IMMEDIATE (the write lock first, waiting the busy timeout), rolled back unless committed.
class WriteTransaction {
 public:
  WriteTransaction(SQLite::Database& db, const std::string& source) : db_(db) {
    try {
      db_.exec("BEGIN IMMEDIATE");
    } catch (const SQLite::Exception& e) {
      throw Failure(ExitCode::config, "source " + source +
                                          ": another connection kept the file locked for longer "
                                          "than --busy-timeout (" +
                                          e.what() + "); nothing was changed");
    }
  }
  ~WriteTransaction() {
    if (!done_) sqlite3_exec(db_.getHandle(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
  void commit() {
    db_.exec("COMMIT");
    done_ = true;
  }

 private:
  SQLite::Database& db_;
  bool done_ = false;
};

std::string new_generation() {
  std::random_device random;
  std::string out;
  for (int i = 0; i < 4; ++i) {
    char part[9];
    std::snprintf(part, sizeof part, "%08x", random());
    out += part;
  }
  return out;
}

std::string now_utc() {
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
  return format_timestamp_utc(micros);
}

}  // namespace

CaptureFile::CaptureFile(std::string name, const std::string& path) : name_(std::move(name)) {
  try {
    db_ = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE);
  } catch (const SQLite::Exception& e) {
    throw Failure(ExitCode::config,
                  "source " + name_ + " (" + path + "): cannot be opened for writing: " + e.what());
  }
  sqlite3* h = db_->getHandle();
  sqlite3_db_config(h, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);
  sqlite3_db_config(h, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, nullptr);
  sqlite3_busy_timeout(h, SqliteSource::busy_timeout_ms());
}

CaptureFile::~CaptureFile() = default;

CaptureStatus CaptureFile::status() { return read_capture_status(*db_); }

CaptureStatus CaptureFile::start(const std::vector<std::string>& tables,
                                 std::vector<std::string>& skipped) {
  WriteTransaction transaction(*db_, name_);
  std::vector<CapturedTable> captured;
  std::vector<std::string> names;
  for (const auto& table : tables) {
    std::string why;
    CapturedTable t = describe_for_capture(*db_, table, why);
    if (!why.empty()) {
      skipped.push_back(table + ": " + why);
      continue;
    }
    names.push_back(table);
    captured.push_back(std::move(t));
  }
  const CaptureStatus before = status();
  if (before.on || !before.problems.empty()) {
    if (before.problems.empty() && before.tables == names) return before;  // on and intact
    std::string why;
    for (const auto& p : before.problems) why += "; " + p;
    throw Failure(ExitCode::config,
                  "source " + name_ + ": capture is already on" +
                      (before.problems.empty() ? " for other tables" : why) +
                      "; run capture stop first (the next sync then reads every table)");
  }
  if (captured.empty())
    throw Failure(ExitCode::config,
                  "source " + name_ + ": none of its mapped tables can be captured");
  db_->exec(capture_log_sql());
  db_->exec(capture_state_sql());
  const std::string generation = new_generation(), started = now_utc();
  for (std::size_t i = 0; i < captured.size(); ++i) {
    SQLite::Statement row(*db_, "INSERT INTO " + quote_ident(kCaptureState) +
                                    " (n, tbl, generation, started_at) VALUES (?, ?, ?, ?)");
    row.bind(1, static_cast<int>(i + 1));
    row.bind(2, captured[i].name);
    row.bind(3, generation);
    row.bind(4, started);
    row.exec();
    for (const auto& trigger : capture_triggers(captured[i], static_cast<int>(i + 1)))
      db_->exec(trigger.sql);
  }
  transaction.commit();
  return status();
}

std::uint64_t CaptureFile::logged_after(std::int64_t seq) {
  SQLite::Statement count(*db_, capture_count_after_sql());
  count.bind(1, static_cast<std::int64_t>(seq));
  count.executeStep();
  return static_cast<std::uint64_t>(count.getColumn(0).getInt64());
}

std::uint64_t CaptureFile::forget_consumed(const std::string& generation, std::int64_t seq) {
  WriteTransaction transaction(*db_, name_);
  const CaptureStatus now = status();
  if (!now.on || now.generation != generation) return 0;
  SQLite::Statement forget(*db_, capture_forget_sql());
  forget.bind(1, static_cast<std::int64_t>(seq));
  const int deleted = forget.exec();
  transaction.commit();
  return static_cast<std::uint64_t>(deleted);
}

std::size_t drop_capture_objects(SQLite::Database& db) {
  std::vector<std::pair<std::string, std::string>> objects;  // type, name: triggers first
  SQLite::Statement q(db,
                      "SELECT type, name FROM sqlite_master WHERE type IN ('trigger', "
                      "'table') AND NOT (" +
                          std::string(kNotCaptureObject) + ") ORDER BY type = 'table', name");
  while (q.executeStep())
    objects.emplace_back(q.getColumn(0).getString(), q.getColumn(1).getString());
  q.reset();
  for (const auto& [type, name] : objects)
    db.exec("DROP " + ascii_upper(type) + " " + quote_ident(name));
  return objects.size();
}

bool CaptureFile::stop() {
  WriteTransaction transaction(*db_, name_);
  const bool any = drop_capture_objects(*db_) > 0;
  transaction.commit();
  return any;
}

}  // namespace s2p

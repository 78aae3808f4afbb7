#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace s2p {

// What PostgreSQL said when it refused something, field by field.
struct PgDiagnostics {
  std::string sqlstate;
  std::string message;
  std::string detail;
  std::string hint;
  std::string context;  // e.g. "COPY agents, line 3, column id: ..."
  std::string column;
  std::string constraint;
  std::size_t position =
      0;  // the character of the statement the error points at (1-based); 0: none
  std::string full() const;  // message; detail; hint on one line
  // full(), then where the server was (a function, a DO block) when it has said so.
  std::string with_context() const;
};

// Thrown for any refusal by PostgreSQL; the caller adds what it was doing and where.
class PgError : public std::runtime_error {
 public:
  explicit PgError(PgDiagnostics d);
  const PgDiagnostics& diagnostics() const { return diag_; }

 private:
  PgDiagnostics diag_;
};

// How a transaction sees the target: read committed and writing (migrate, sync); one snapshot
// and no writes (verify); or one snapshot with temporary tables allowed (rollback reads by key).
enum class TransactionMode { read_write, read_only, snapshot };

using PgRow = std::vector<std::optional<std::string>>;
using PgRows = std::vector<PgRow>;

// One connection to the target and at most one transaction on it. Every libpq call of the tool
// lives behind this class (src/pg/session*.cpp), so a library upgrade touches those files only.
class PgSession {
 public:
  // Connects with a libpq connection string or URI (empty: libpq's environment variables).
  // Throws Failure(target) with the password removed from any message.
  explicit PgSession(const std::string& dsn);
  // The same, then sets the timeouts (see set_timeouts).
  PgSession(const std::string& dsn, double lock_seconds, double statement_seconds);

  // How long a statement may wait for a lock, and run, before the server gives up (0: forever).
  void set_timeouts(double lock_seconds, double statement_seconds);

  // Cancels the statement the server is running for this session; safe from any thread.
  void cancel();
  ~PgSession();
  PgSession(const PgSession&) = delete;
  PgSession& operator=(const PgSession&) = delete;

  std::string describe() const;  // "user@host:port/dbname", never the password

  void begin(TransactionMode mode = TransactionMode::read_write);
  void commit();
  void rollback();

  // Runs `undo` (which must not throw) after the open transaction rolls back, newest first, and
  // forgets it at commit: for what a statement does outside the transaction, such as setval().
  void undo_on_rollback(std::function<void()> undo);

  // Runs a SET LOCAL now (in the open transaction) and after every later begin() and
  // reset_session(): a setting the whole run needs, which a migration's RESET must not undo.
  void keep_local_setting(const std::string& set_local);

  bool in_transaction() const;  // the server's view: an open, healthy transaction block
  // Runs `step` in a savepoint of the open transaction. If a statement of it fails, the
  // savepoint is rolled back and the error returned: the transaction goes on without the step.
  std::optional<PgError> attempt(const std::function<void()>& step);
  // Undoes any session setting a migration made (SET client_encoding, search_path, ...) so the
  // load and its validation run with sqlite2pg's own settings.
  void reset_session();

  void exec(const std::string& sql);
  // Runs one statement and returns the rows it inserted, updated or deleted.
  std::uint64_t exec_count(const std::string& sql);
  PgRows query(const std::string& sql, const std::vector<std::optional<std::string>>& params = {});
  std::optional<std::string> query_value(
      const std::string& sql, const std::vector<std::optional<std::string>>& params = {});
  // The first column of every row, as text (NULL as "").
  std::vector<std::string> query_column(const std::string& sql,
                                        const std::vector<std::optional<std::string>>& params = {});

  // COPY ... FROM STDIN: `produce` fills the buffer it is given and returns false at the end.
  // If produce throws, the COPY is cancelled and the exception propagates.
  void copy_in(const std::string& copy_sql, const std::function<bool(std::string&)>& produce);
  // COPY ... TO STDOUT: `consume` receives the data in chunks as they arrive.
  void copy_out(const std::string& copy_sql, const std::function<void(std::string_view)>& consume);

  // Removes the connection's password from a text meant for people.
  std::string redact(std::string text) const;

  struct Impl;  // libpq's handles; complete only inside src/pg

 private:
  std::unique_ptr<Impl> impl_;
  int cancel_hook_ = 0;
};

}  // namespace s2p

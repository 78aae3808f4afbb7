#pragma once
// PgSession's insides, shared by the files of the pg module that implement it (session.cpp:
// connecting and statements; session_transaction.cpp: transactions and savepoints;
// session_copy.cpp: COPY in both directions). libpq directly: its C API is stable across the
// versions distributions ship, where a C++ wrapper's internals are not.
#include <libpq-fe.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sqlite2pg/pg/session.h"
#include "sqlite2pg/util/failure.h"

namespace s2p {

// libpq's handles, each freed when it goes out of scope.
using PgConn = std::unique_ptr<PGconn, decltype(&PQfinish)>;
using PgCancel = std::unique_ptr<PGcancel, decltype(&PQfreeCancel)>;
using PgResult = std::unique_ptr<PGresult, decltype(&PQclear)>;
inline PgResult own(PGresult* r) { return PgResult(r, &PQclear); }

// What the server said about a failed result (or, without one, the connection's last error).
PgDiagnostics diagnostics_of(const PGresult* r, PGconn* conn);

using PgParams = std::vector<std::optional<std::string>>;

struct PgSession::Impl {
  std::string password;
  PgConn conn{nullptr, &PQfinish};
  PgCancel canceller{nullptr, &PQfreeCancel};
  bool in_txn = false;                      // a transaction begin() opened, not yet ended
  std::vector<std::function<void()>> undo;  // run after a rollback, newest first
  std::vector<std::string> local_settings;  // SET LOCAL statements every transaction runs

  PGconn* raw() const { return conn.get(); }
  // Runs `sql` (several statements when there are no parameters) and returns its result; a
  // refusal is thrown as PgError, a lost connection or a timeout as Failure.
  PgResult run(const std::string& sql, const PgParams* params = nullptr);
  // Throws what a failed result means to the tool.
  [[noreturn]] void fail(const PGresult* r) const;
};

// A savepoint of the open transaction: released by release(), else rolled back to (and
// released) when the guard goes out of scope, so the transaction goes on without the step.
class SavepointGuard {
 public:
  explicit SavepointGuard(PgSession::Impl& impl);
  ~SavepointGuard();
  SavepointGuard(const SavepointGuard&) = delete;
  SavepointGuard& operator=(const SavepointGuard&) = delete;
  void release();

 private:
  PgSession::Impl& impl_;
  bool released_ = false;
};

}  // namespace s2p

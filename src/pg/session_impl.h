#pragma once
// PgSession's insides, shared by the files of the pg module that implement it (session.cpp:
// connection, transactions, statements; session_copy.cpp: COPY in both directions).
#include <libpq-fe.h>

#include <functional>
#include <memory>
#include <pqxx/pqxx>
#include <string>
#include <vector>

#include "sqlite2pg/pg/session.h"
#include "sqlite2pg/util/failure.h"
#include "sqlite2pg/util/interrupt.h"

namespace s2p {

// libpqxx 6.4 keeps its PGconn private. A connection policy is its documented way to take part
// in connecting, so this one notes the handle for the COPY calls, which need raw libpq.
class HandleCapturingPolicy : public pqxx::connectionpolicy {
 public:
  explicit HandleCapturingPolicy(const std::string& options) : connectionpolicy(options) {
    last_constructed = this;
  }
  handle do_startconnect(handle orig) override {
    if (orig) return orig;
    orig = normalconnect(orig);
    if (PQstatus(orig) != CONNECTION_OK) {
      const std::string msg = PQerrorMessage(orig);
      do_dropconnect(orig);
      throw pqxx::broken_connection(msg);
    }
    conn = orig;
    return orig;
  }
  handle do_dropconnect(handle orig) noexcept override {
    conn = nullptr;
    return connectionpolicy::do_dropconnect(orig);
  }

  PGconn* conn = nullptr;
  static thread_local HandleCapturingPolicy* last_constructed;
};

using Connection = pqxx::basic_connection_base<HandleCapturingPolicy>;

// A libpq result, cleared when it goes out of scope.
using PgResult = std::unique_ptr<PGresult, decltype(&PQclear)>;
inline PgResult own(PGresult* r) { return PgResult(r, &PQclear); }

// What the server said about a failed result (or, without one, the connection's last error).
PgDiagnostics diagnostics_of(const PGresult* r, PGconn* conn);

struct PgSession::Impl {
  std::string password;
  PGcancel* canceller = nullptr;
  std::unique_ptr<Connection> conn;
  HandleCapturingPolicy* policy = nullptr;
  std::unique_ptr<pqxx::transaction_base> txn;
  std::vector<std::function<void()>> undo;
  std::vector<std::string> local_settings;  // SET LOCAL statements every transaction runs  // run
                                            // after a rollback, newest first

  PGconn* raw() const {
    if (!policy || !policy->conn)
      throw Failure(ExitCode::target, "the connection to PostgreSQL was lost");
    return policy->conn;
  }

  // Runs `fn`, turning libpqxx's exceptions into PgError.
  template <typename Fn>
  auto guarded(Fn&& fn) {
    try {
      return fn();
    } catch (const pqxx::sql_error& e) {
      if (e.sqlstate() == "55P03") {
        throw Failure(
            ExitCode::target,
            "another session holds a lock on a table this run needs, and --lock-timeout ran out "
            "(look for it in pg_locks / pg_stat_activity): " +
                std::string(e.what()));
      }
      if (e.sqlstate() == "57014" && !interrupted()) {
        throw Failure(ExitCode::target,
                      "a statement ran longer than --statement-timeout: " + std::string(e.what()));
      }
      PgDiagnostics d;
      d.sqlstate = e.sqlstate();
      d.message = e.what();
      while (!d.message.empty() && d.message.back() == '\n') d.message.pop_back();
      throw PgError(d);
    } catch (const pqxx::in_doubt_error& e) {
      throw Failure(ExitCode::in_doubt,
                    std::string("the connection was lost while committing; whether the "
                                "commit happened is unknown: look for this run in etl.runs (") +
                        e.what() + ")");
    } catch (const pqxx::broken_connection& e) {
      throw Failure(ExitCode::target,
                    std::string("lost the connection to PostgreSQL: ") + e.what());
    } catch (const pqxx::failure& e) {
      PgDiagnostics d;
      d.message = e.what();
      throw PgError(d);
    }
  }
};

}  // namespace s2p

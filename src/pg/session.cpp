#include "sqlite2pg/pg/session.h"

#include "session_impl.h"
#include "sqlite2pg/util/secrets.h"

namespace s2p {

thread_local HandleCapturingPolicy* HandleCapturingPolicy::last_constructed = nullptr;

namespace {

std::string field(const PGresult* r, int code) {
  const char* v = PQresultErrorField(r, code);
  return v ? v : "";
}

}  // namespace

PgDiagnostics diagnostics_of(const PGresult* r, PGconn* conn) {
  PgDiagnostics d;
  if (r) {
    d.sqlstate = field(r, PG_DIAG_SQLSTATE);
    d.message = field(r, PG_DIAG_MESSAGE_PRIMARY);
    d.detail = field(r, PG_DIAG_MESSAGE_DETAIL);
    d.hint = field(r, PG_DIAG_MESSAGE_HINT);
    d.context = field(r, PG_DIAG_CONTEXT);
    d.column = field(r, PG_DIAG_COLUMN_NAME);
    d.constraint = field(r, PG_DIAG_CONSTRAINT_NAME);
  }
  if (d.message.empty()) d.message = conn ? PQerrorMessage(conn) : "no connection";
  while (!d.message.empty() && (d.message.back() == '\n' || d.message.back() == ' '))
    d.message.pop_back();
  return d;
}

std::string PgDiagnostics::full() const {
  std::string out = message;
  if (!detail.empty()) out += " (" + detail + ")";
  if (!hint.empty()) out += " Hint: " + hint;
  return out;
}

PgError::PgError(PgDiagnostics d) : std::runtime_error(d.full()), diag_(std::move(d)) {}

PgSession::PgSession(const std::string& dsn) : impl_(std::make_unique<Impl>()) {
  // libpq's message for a DSN it cannot parse quotes the DSN, password included: never show it.
  char* parse_error = nullptr;
  PQconninfoOption* parsed = PQconninfoParse(dsn.c_str(), &parse_error);
  if (parse_error) PQfreemem(parse_error);
  if (!parsed) {
    throw Failure(ExitCode::usage,
                  "--target is not a valid libpq connection string or URI (libpq's message is not "
                  "shown: it would repeat the string, password included)");
  }
  PQconninfoFree(parsed);
  impl_->password = password_of(dsn);
  try {
    impl_->conn = std::make_unique<Connection>(dsn);
    impl_->policy = HandleCapturingPolicy::last_constructed;
  } catch (const std::exception& e) {
    std::string msg = e.what();
    while (!msg.empty() && msg.back() == '\n') msg.pop_back();
    throw Failure(ExitCode::target, redact("cannot connect to PostgreSQL: " + msg));
  }
  // Values are sent and compared as UTF-8 bytes; a database that cannot hold them is refused.
  const auto encoding = query_value("SHOW server_encoding");
  if (encoding != "UTF8") {
    throw Failure(ExitCode::target, "target database encoding is " + encoding.value_or("?") +
                                        "; sqlite2pg needs a UTF8 database");
  }
  exec("SET client_encoding = 'UTF8'");
  impl_->canceller = PQgetCancel(impl_->raw());
  cancel_hook_ = add_cancel_hook([this] { cancel(); });  // a signal stops the server's work too
}

PgSession::PgSession(const std::string& dsn, double lock_seconds, double statement_seconds)
    : PgSession(dsn) {
  set_timeouts(lock_seconds, statement_seconds);
}

PgSession::~PgSession() {
  remove_cancel_hook(cancel_hook_);
  if (impl_->canceller) PQfreeCancel(impl_->canceller);
}

void PgSession::set_timeouts(double lock_seconds, double statement_seconds) {
  auto ms = [](double s) { return std::to_string(static_cast<long long>(s * 1000)); };
  exec("SET lock_timeout = " + ms(lock_seconds) +
       "; SET statement_timeout = " + ms(statement_seconds));
}

void PgSession::cancel() {
  char error[256];
  if (impl_->canceller) PQcancel(impl_->canceller, error, sizeof error);
}

std::string PgSession::describe() const {
  PGconn* c = impl_->raw();
  const char* host = PQhost(c);
  std::string h = host ? host : "";
  return std::string(PQuser(c)) + "@" + h + ":" + PQport(c) + "/" + PQdb(c);
}

void PgSession::begin(TransactionMode mode) {
  impl_->undo.clear();
  impl_->guarded([&] {
    if (mode == TransactionMode::read_only) {
      impl_->txn =
          std::make_unique<pqxx::transaction<pqxx::isolation_level::repeatable_read,
                                             pqxx::readwrite_policy::read_only>>(*impl_->conn);
    } else if (mode == TransactionMode::snapshot) {
      impl_->txn =
          std::make_unique<pqxx::transaction<pqxx::isolation_level::repeatable_read>>(*impl_->conn);
    } else {
      impl_->txn = std::make_unique<pqxx::work>(*impl_->conn);
    }
    return 0;
  });
  for (const auto& set : impl_->local_settings) exec(set);
}

void PgSession::keep_local_setting(const std::string& set_local) {
  impl_->local_settings.push_back(set_local);
  if (impl_->txn) exec(set_local);
}

void PgSession::commit() {
  impl_->guarded([&] {
    impl_->txn->commit();
    return 0;
  });
  impl_->txn.reset();
  impl_->undo.clear();
}

void PgSession::rollback() {
  if (!impl_->txn) return;
  try {
    impl_->txn->abort();
  } catch (...) {
    // The server rolls back a transaction whose connection is gone.
  }
  impl_->txn.reset();
  auto undo = std::move(impl_->undo);
  impl_->undo.clear();
  for (auto it = undo.rbegin(); it != undo.rend(); ++it) (*it)();
}

void PgSession::undo_on_rollback(std::function<void()> undo) {
  impl_->undo.push_back(std::move(undo));
}

std::optional<PgError> PgSession::attempt(const std::function<void()>& step) {
  auto& parent = dynamic_cast<pqxx::dbtransaction&>(*impl_->txn);
  std::unique_ptr<pqxx::transaction_base> outer = std::move(impl_->txn);
  std::optional<PgError> error;
  struct Restore {  // whatever happens, the session's transaction is the outer one again
    Impl& impl;
    std::unique_ptr<pqxx::transaction_base>& outer;
    ~Restore() {
      if (impl.txn) {
        try {
          impl.txn->abort();  // ROLLBACK TO SAVEPOINT, unless committed
        } catch (...) {
        }
      }
      impl.txn = std::move(outer);
    }
  } restore{*impl_, outer};
  impl_->guarded([&] {
    impl_->txn = std::make_unique<pqxx::subtransaction>(parent, "s2p_step");
    // libpqxx 6.4 sends SAVEPOINT with the first exec(), not with exec_params(): send it now,
    // so a step that starts with a query is inside it too.
    impl_->txn->exec("SELECT 1");
    return 0;
  });
  try {
    step();
    impl_->guarded([&] {
      impl_->txn->commit();  // RELEASE SAVEPOINT
      return 0;
    });
    impl_->txn.reset();
  } catch (const PgError& e) {
    error = e;
  }
  return error;
}

bool PgSession::in_transaction() const {
  return PQtransactionStatus(impl_->raw()) == PQTRANS_INTRANS;
}

void PgSession::reset_session() {
  // RESET ALL would drop the run's timeouts too: keep them across it.
  const auto lock = query_value("SHOW lock_timeout").value_or("0");
  const auto statement = query_value("SHOW statement_timeout").value_or("0");
  exec("RESET ALL; SET client_encoding = 'UTF8'; SET lock_timeout = '" + lock +
       "'; SET statement_timeout = '" + statement + "'");
  for (const auto& set : impl_->local_settings) exec(set);
}

void PgSession::exec(const std::string& sql) {
  impl_->guarded([&] {
    if (impl_->txn) {
      impl_->txn->exec(sql);
    } else {
      pqxx::nontransaction n(*impl_->conn);
      n.exec(sql);
    }
    return 0;
  });
}

std::uint64_t PgSession::exec_count(const std::string& sql) {
  return impl_->guarded([&] {
    if (impl_->txn) return static_cast<std::uint64_t>(impl_->txn->exec(sql).affected_rows());
    pqxx::nontransaction n(*impl_->conn);
    return static_cast<std::uint64_t>(n.exec(sql).affected_rows());
  });
}

PgRows PgSession::query(const std::string& sql,
                        const std::vector<std::optional<std::string>>& params) {
  return impl_->guarded([&] {
    std::unique_ptr<pqxx::nontransaction> own;
    pqxx::transaction_base* t = impl_->txn.get();
    if (!t) {
      own = std::make_unique<pqxx::nontransaction>(*impl_->conn);
      t = own.get();
    }
    // libpqxx 6.4 takes NULL parameters as null C strings.
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& v : params) values.push_back(v ? v->c_str() : nullptr);
    const pqxx::result r = t->exec_params(sql, pqxx::prepare::make_dynamic_params(values));
    PgRows rows;
    rows.reserve(r.size());
    for (const auto& row : r) {
      PgRow out;
      out.reserve(row.size());
      for (const auto& f : row) {
        if (f.is_null()) {
          out.emplace_back(std::nullopt);
        } else {
          out.emplace_back(std::string(f.c_str(), f.size()));
        }
      }
      rows.push_back(std::move(out));
    }
    return rows;
  });
}

std::vector<std::string> PgSession::query_column(
    const std::string& sql, const std::vector<std::optional<std::string>>& params) {
  std::vector<std::string> out;
  for (const auto& row : query(sql, params)) out.push_back(row.at(0).value_or(""));
  return out;
}

std::optional<std::string> PgSession::query_value(
    const std::string& sql, const std::vector<std::optional<std::string>>& params) {
  auto rows = query(sql, params);
  if (rows.empty() || rows[0].empty()) return std::nullopt;
  return rows[0][0];
}

std::string PgSession::redact(std::string text) const {
  return s2p::redact(std::move(text), impl_->password);
}

}  // namespace s2p

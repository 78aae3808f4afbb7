// Transactions and savepoints, as plain statements on the session's connection.
#include "session_impl.h"

namespace s2p {
namespace {

const char* begin_statement(TransactionMode mode) {
  switch (mode) {
    case TransactionMode::read_only:
      return "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
    case TransactionMode::snapshot:
      return "BEGIN ISOLATION LEVEL REPEATABLE READ";
    case TransactionMode::read_write:
      break;
  }
  return "BEGIN";
}

}  // namespace

void PgSession::begin(TransactionMode mode) {
  impl_->undo.clear();
  impl_->run(begin_statement(mode));
  impl_->in_txn = true;
  for (const auto& set : impl_->local_settings) exec(set);
}

void PgSession::keep_local_setting(const std::string& set_local) {
  impl_->local_settings.push_back(set_local);
  if (impl_->in_txn) exec(set_local);
}

void PgSession::commit() {
  PGconn* c = impl_->raw();
  // A commit that fails leaves in_txn set, so the caller's rollback() runs the undo steps.
  const PgResult r = own(PQexec(c, "COMMIT"));
  if (PQstatus(c) == CONNECTION_BAD) {
    throw Failure(ExitCode::in_doubt,
                  redact("the connection was lost while committing; whether the commit happened "
                         "is unknown: look for this run in etl.runs (" +
                         std::string(PQerrorMessage(c)) + ")"));
  }
  if (!r || PQresultStatus(r.get()) != PGRES_COMMAND_OK) impl_->fail(r.get());
  // COMMIT of a transaction a failed statement aborted answers ROLLBACK.
  if (std::string(PQcmdStatus(r.get())) != "COMMIT") {
    PgDiagnostics d;
    d.message = "the transaction was rolled back by the server instead of committed";
    throw PgError(d);
  }
  impl_->in_txn = false;
  impl_->undo.clear();
}

void PgSession::rollback() {
  if (!impl_->in_txn) return;
  impl_->in_txn = false;
  // Errors are ignored: the server rolls back a transaction whose connection is gone.
  own(PQexec(impl_->raw(), "ROLLBACK"));
  auto undo = std::move(impl_->undo);
  impl_->undo.clear();
  for (auto it = undo.rbegin(); it != undo.rend(); ++it) (*it)();
}

void PgSession::undo_on_rollback(std::function<void()> undo) {
  impl_->undo.push_back(std::move(undo));
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

SavepointGuard::SavepointGuard(PgSession::Impl& impl) : impl_(impl) {
  impl_.run("SAVEPOINT s2p_step");
}

SavepointGuard::~SavepointGuard() {
  if (released_) return;
  // Never throws: if the connection is gone, the next statement says so.
  own(PQexec(impl_.raw(), "ROLLBACK TO SAVEPOINT s2p_step; RELEASE SAVEPOINT s2p_step"));
}

void SavepointGuard::release() {
  impl_.run("RELEASE SAVEPOINT s2p_step");
  released_ = true;
}

std::optional<PgError> PgSession::attempt(const std::function<void()>& step) {
  SavepointGuard savepoint(*impl_);
  try {
    step();
    savepoint.release();
  } catch (const PgError& e) {
    return e;
  }
  return std::nullopt;
}

}  // namespace s2p

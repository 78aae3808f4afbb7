#include "sqlite2pg/pg/session.h"

#include <spdlog/spdlog.h>

#include "session_impl.h"
#include "sqlite2pg/util/interrupt.h"
#include "sqlite2pg/util/secrets.h"

namespace s2p {
namespace {

std::string field(const PGresult* r, int code) {
  const char* v = PQresultErrorField(r, code);
  return v ? v : "";
}

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

bool succeeded(const PGresult* r) {
  switch (PQresultStatus(r)) {
    case PGRES_COMMAND_OK:
    case PGRES_TUPLES_OK:
    case PGRES_EMPTY_QUERY:  // a migration of comments only
      return true;
    default:
      return false;
  }
}

// The server's notices (DROP ... IF EXISTS that skipped, say) are not the user's business
// unless they asked for detail.
void log_notice(void*, const char* message) { spdlog::debug("PostgreSQL: {}", trimmed(message)); }

// A COPY FROM STDIN or TO STDOUT inside a statement the tool sends (a migration made by
// pg_dump, say): ended, its results drained, and refused by name.
[[noreturn]] void refuse_copy(PGconn* c, ExecStatusType status) {
  if (status == PGRES_COPY_IN) {
    PQputCopyEnd(c, "sqlite2pg sends no COPY data here");
  } else {
    char* data = nullptr;
    while (PQgetCopyData(c, &data, 0) >= 0) PQfreemem(data);
  }
  while (PgResult r = own(PQgetResult(c))) {
  }
  PgDiagnostics d;
  d.message =
      "COPY ... FROM STDIN and COPY ... TO STDOUT cannot run inside a statement sqlite2pg sends "
      "(write the rows as INSERT statements, or COPY from a file on the server)";
  throw PgError(d);
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
    const std::string position = field(r, PG_DIAG_STATEMENT_POSITION);
    if (!position.empty()) d.position = std::stoul(position);
  }
  if (d.message.empty()) d.message = conn ? PQerrorMessage(conn) : "no connection";
  d.message = trimmed(d.message);
  return d;
}

std::string PgDiagnostics::full() const {
  std::string out = message;
  if (!detail.empty()) out += " (" + detail + ")";
  if (!hint.empty()) out += " Hint: " + hint;
  return out;
}

std::string PgDiagnostics::with_context() const {
  return context.empty() ? full() : full() + " (where: " + context + ")";
}

PgError::PgError(PgDiagnostics d) : std::runtime_error(d.full()), diag_(std::move(d)) {}

void PgSession::Impl::fail(const PGresult* r) const {
  if (PQstatus(raw()) == CONNECTION_BAD) {
    throw Failure(ExitCode::target, s2p::redact("lost the connection to PostgreSQL: " +
                                                    trimmed(PQerrorMessage(raw())),
                                                password));
  }
  const PgDiagnostics d = diagnostics_of(r, raw());
  if (d.sqlstate == "55P03") {
    throw Failure(ExitCode::target,
                  "another session holds a lock on a table this run needs, and --lock-timeout ran "
                  "out (look for it in pg_locks / pg_stat_activity): " +
                      d.full());
  }
  if (d.sqlstate == "57014" && !interrupted()) {
    throw Failure(ExitCode::target, "a statement ran longer than --statement-timeout: " + d.full());
  }
  throw PgError(d);
}

PgResult PgSession::Impl::run(const std::string& sql, const PgParams* params) {
  PgResult r = own(nullptr);
  if (!params) {
    r = own(PQexec(raw(), sql.c_str()));
  } else {
    std::vector<const char*> values;
    values.reserve(params->size());
    for (const auto& v : *params) values.push_back(v ? v->c_str() : nullptr);
    r = own(PQexecParams(raw(), sql.c_str(), static_cast<int>(values.size()), nullptr,
                         values.data(), nullptr, nullptr, 0));
  }
  const auto status = PQresultStatus(r.get());  // PGRES_FATAL_ERROR for no result
  if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT) refuse_copy(raw(), status);
  if (!succeeded(r.get())) fail(r.get());
  return r;
}

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
  impl_->conn.reset(PQconnectdb(dsn.c_str()));
  if (!impl_->conn || PQstatus(impl_->raw()) != CONNECTION_OK) {
    const std::string why = impl_->conn ? PQerrorMessage(impl_->raw()) : "out of memory";
    throw Failure(ExitCode::target, redact("cannot connect to PostgreSQL: " + trimmed(why)));
  }
  PQsetNoticeProcessor(impl_->raw(), &log_notice, nullptr);
  // Values are sent and compared as UTF-8 bytes; a database that cannot hold them is refused.
  const auto encoding = query_value("SHOW server_encoding");
  if (encoding != "UTF8") {
    throw Failure(ExitCode::target, "target database encoding is " + encoding.value_or("?") +
                                        "; sqlite2pg needs a UTF8 database");
  }
  exec("SET client_encoding = 'UTF8'");
  impl_->canceller.reset(PQgetCancel(impl_->raw()));
  cancel_hook_ = add_cancel_hook([this] { cancel(); });  // a signal stops the server's work too
}

PgSession::PgSession(const std::string& dsn, double lock_seconds, double statement_seconds)
    : PgSession(dsn) {
  set_timeouts(lock_seconds, statement_seconds);
}

// Closing the connection ends an open transaction on the server: it rolls back.
PgSession::~PgSession() { remove_cancel_hook(cancel_hook_); }

void PgSession::set_timeouts(double lock_seconds, double statement_seconds) {
  auto ms = [](double s) { return std::to_string(static_cast<long long>(s * 1000)); };
  exec("SET lock_timeout = " + ms(lock_seconds) +
       "; SET statement_timeout = " + ms(statement_seconds));
}

void PgSession::cancel() {
  char error[256];
  if (impl_->canceller) PQcancel(impl_->canceller.get(), error, sizeof error);
}

std::string PgSession::describe() const {
  PGconn* c = impl_->raw();
  const char* host = PQhost(c);
  std::string h = host ? host : "";
  return std::string(PQuser(c)) + "@" + h + ":" + PQport(c) + "/" + PQdb(c);
}

void PgSession::exec(const std::string& sql) { impl_->run(sql); }

std::uint64_t PgSession::exec_count(const std::string& sql) {
  const auto r = impl_->run(sql);
  const char* n = PQcmdTuples(r.get());
  return *n ? std::stoull(n) : 0;
}

PgRows PgSession::query(const std::string& sql, const PgParams& params) {
  const auto r = impl_->run(sql, &params);
  const int rows = PQntuples(r.get());
  const int columns = PQnfields(r.get());
  PgRows out;
  out.reserve(static_cast<std::size_t>(rows));
  for (int i = 0; i < rows; ++i) {
    PgRow row;
    row.reserve(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) {
      if (PQgetisnull(r.get(), i, c)) {
        row.emplace_back(std::nullopt);
      } else {
        row.emplace_back(std::string(PQgetvalue(r.get(), i, c),
                                     static_cast<std::size_t>(PQgetlength(r.get(), i, c))));
      }
    }
    out.push_back(std::move(row));
  }
  return out;
}

std::vector<std::string> PgSession::query_column(const std::string& sql, const PgParams& params) {
  std::vector<std::string> out;
  for (const auto& row : query(sql, params)) out.push_back(row.at(0).value_or(""));
  return out;
}

std::optional<std::string> PgSession::query_value(const std::string& sql, const PgParams& params) {
  auto rows = query(sql, params);
  if (rows.empty() || rows[0].empty()) return std::nullopt;
  return rows[0][0];
}

std::string PgSession::redact(std::string text) const {
  return s2p::redact(std::move(text), impl_->password);
}

}  // namespace s2p

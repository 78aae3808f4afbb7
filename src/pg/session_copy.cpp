// COPY in both directions, on the session's connection.
#include "session_impl.h"

namespace s2p {
namespace {

// Sends a COPY statement; PostgreSQL answers that it is ready for data, or why not.
void start_copy(PGconn* c, const std::string& copy_sql, ExecStatusType expected) {
  const PgResult start = own(PQexec(c, copy_sql.c_str()));
  if (PQresultStatus(start.get()) != expected) throw PgError(diagnostics_of(start.get(), c));
}

// The COPY's final results; the verdict on the data comes with them, not with the sends.
std::optional<PgDiagnostics> final_error(PGconn* c) {
  std::optional<PgDiagnostics> error;
  while (PgResult r = own(PQgetResult(c))) {
    if (PQresultStatus(r.get()) != PGRES_COMMAND_OK && !error) error = diagnostics_of(r.get(), c);
  }
  return error;
}

}  // namespace

void PgSession::copy_in(const std::string& copy_sql,
                        const std::function<bool(std::string&)>& produce) {
  PGconn* c = impl_->raw();
  start_copy(c, copy_sql, PGRES_COPY_IN);
  std::string buffer;
  try {
    bool more = true;
    while (more) {
      buffer.clear();
      more = produce(buffer);
      if (!buffer.empty() &&
          PQputCopyData(c, buffer.data(), static_cast<int>(buffer.size())) != 1) {
        throw Failure(ExitCode::target,
                      redact(std::string("sending COPY data failed: ") + PQerrorMessage(c)));
      }
    }
  } catch (...) {
    PQputCopyEnd(c, "cancelled by sqlite2pg");
    final_error(c);
    throw;
  }
  if (PQputCopyEnd(c, nullptr) != 1) {
    throw Failure(ExitCode::target,
                  redact(std::string("ending COPY failed: ") + PQerrorMessage(c)));
  }
  if (const auto error = final_error(c)) throw PgError(*error);
}

void PgSession::copy_out(const std::string& copy_sql,
                         const std::function<void(std::string_view)>& consume) {
  PGconn* c = impl_->raw();
  start_copy(c, copy_sql, PGRES_COPY_OUT);
  std::exception_ptr failure;
  for (;;) {
    char* data = nullptr;
    const int n = PQgetCopyData(c, &data, 0);
    if (n == -1) break;
    if (n < 0) {
      throw Failure(ExitCode::target,
                    redact(std::string("reading COPY data failed: ") + PQerrorMessage(c)));
    }
    if (!failure) {
      try {
        consume(std::string_view(data, static_cast<std::size_t>(n)));
      } catch (...) {
        failure = std::current_exception();  // drain the stream so the connection stays usable
      }
    }
    PQfreemem(data);
  }
  const auto error = final_error(c);
  if (failure) std::rethrow_exception(failure);
  if (error) throw PgError(*error);
}

}  // namespace s2p

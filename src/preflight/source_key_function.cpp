#include "sqlite2pg/preflight/source_key_function.h"

#include <sqlite3.h>

#include "sqlite2pg/copy/copy_encoder.h"
#include "sqlite2pg/util/failure.h"
#include "sqlite2pg/util/text.h"

namespace s2p {
namespace {

SourceValue value_of(sqlite3_value* v) {
  SourceValue out;
  out.type = static_cast<SqliteType>(sqlite3_value_type(v));
  switch (out.type) {
    case SqliteType::integer:
      out.integer = sqlite3_value_int64(v);
      break;
    case SqliteType::real:
      out.real = sqlite3_value_double(v);
      break;
    case SqliteType::text:
      out.bytes = {reinterpret_cast<const char*>(sqlite3_value_text(v)),
                   static_cast<std::size_t>(sqlite3_value_bytes(v))};
      break;
    case SqliteType::blob: {
      const auto n = static_cast<std::size_t>(sqlite3_value_bytes(v));
      out.bytes = n ? std::string_view(static_cast<const char*>(sqlite3_value_blob(v)), n)
                    : std::string_view();
      break;
    }
    case SqliteType::null:
      break;
  }
  return out;
}

void s2p_key(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
  const auto& columns = *static_cast<const std::vector<const ColumnPlan*>*>(sqlite3_user_data(ctx));
  std::string key, scratch, field;
  for (int i = 0; i + 1 < argc; i += 2) {
    const auto id = static_cast<std::size_t>(sqlite3_value_int(argv[i]));
    const SourceValue v = value_of(argv[i + 1]);
    if (id >= columns.size() || v.type == SqliteType::null) return sqlite3_result_null(ctx);
    const ColumnPlan& c = *columns[id];
    Value out;
    if (!c.transform->convert(v, c.context, out, scratch).empty()) return sqlite3_result_null(ctx);
    field.clear();
    if (!c.writer.encode(out, field).empty()) return sqlite3_result_null(ctx);
    put_u32(key, static_cast<std::uint32_t>(field.size()));
    key += field;
  }
  sqlite3_result_blob(ctx, key.data(), static_cast<int>(key.size()), SQLITE_TRANSIENT);
}

}  // namespace

SourceKeyFunction::SourceKeyFunction(SqliteSource& source) : source_(source) {
  if (sqlite3_create_function_v2(source.db().getHandle(), "s2p_key", -1,
                                 SQLITE_UTF8 | SQLITE_DETERMINISTIC, &columns_, s2p_key, nullptr,
                                 nullptr, nullptr) != SQLITE_OK) {
    throw Failure(ExitCode::internal, "cannot register s2p_key on " + source.facts().path);
  }
}

SourceKeyFunction::~SourceKeyFunction() {
  sqlite3_create_function_v2(source_.db().getHandle(), "s2p_key", -1, SQLITE_UTF8, nullptr, nullptr,
                             nullptr, nullptr, nullptr);
}

int SourceKeyFunction::add(const ColumnPlan& column) {
  columns_.push_back(&column);
  return static_cast<int>(columns_.size() - 1);
}

std::string SourceKeyFunction::call(const std::vector<const ColumnPlan*>& columns,
                                    const std::string& alias) {
  std::string out = "s2p_key(";
  for (std::size_t i = 0; i < columns.size(); ++i) {
    out += (i ? ", " : "") + std::to_string(add(*columns[i])) + ", " +
           (alias.empty() ? "" : alias + ".") + quote_ident(columns[i]->mapping->source_column);
  }
  return out + ")";
}

}  // namespace s2p

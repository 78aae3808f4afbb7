#include "sqlite2pg/load/reject_file.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>

#include "sqlite2pg/util/failure.h"
#include "sqlite2pg/util/private_file.h"
#include "sqlite2pg/util/text.h"

namespace s2p {
namespace {

nlohmann::json raw_value(const SourceValue& v) {
  switch (v.type) {
    case SqliteType::null:
      return nullptr;
    case SqliteType::integer:
      return v.integer;
    case SqliteType::real:
      return v.real;
    case SqliteType::text:
      if (is_valid_utf8(v.bytes)) return std::string(v.bytes);
      [[fallthrough]];  // text that is not UTF-8 is kept byte for byte, like a BLOB
    case SqliteType::blob: {
      std::string hex = "\\x";
      append_hex(hex, v.bytes);
      return hex;
    }
  }
  return nullptr;
}

}  // namespace

RejectFile::RejectFile(const std::filesystem::path& path) : path_(path) {
  fd_ = open_private_file(path, "--rejects", Existing::truncate, ExitCode::usage);
}

RejectFile::~RejectFile() {
  if (fd_ >= 0) ::close(fd_);
}

void RejectFile::add(const TablePlan& table, const ColumnPlan& column, const std::string& reason,
                     const std::string& row, const RowCursor& cursor) {
  nlohmann::json values = nlohmann::json::object();
  for (std::size_t i = 0; i < table.select_columns.size(); ++i) {
    values[table.select_columns[i]] = raw_value(cursor.value(static_cast<int>(i)));
  }
  const nlohmann::json line = {{"source", table.source_mapping->name},
                               {"table", table.mapping->source_table},
                               {"key", row},
                               {"column", column.mapping->source_column},
                               {"reason", reason},
                               {"row", values}};
  const std::string text =
      line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  if (!write_all(fd_, text)) {
    throw Failure(ExitCode::internal,
                  "cannot write reject file " + path_.string() + ": " + std::strerror(errno));
  }
  ++rows_;
}

std::optional<RejectFile> open_reject_file(const LoadPlan& plan,
                                           const std::optional<std::filesystem::path>& path) {
  for (const auto& t : plan.tables) {
    if (!t.mapping->reject_bad_rows) continue;
    if (!path) {
      throw Failure(ExitCode::usage, t.mapping->where + ": " + t.label() +
                                         " has on_error: reject; name the reject file with "
                                         "--rejects FILE");
    }
    return std::optional<RejectFile>(std::in_place, *path);
  }
  return std::nullopt;
}

}  // namespace s2p

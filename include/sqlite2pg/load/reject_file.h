#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "sqlite2pg/extract/sqlite_source.h"
#include "sqlite2pg/plan/plan.h"

namespace s2p {

// The rows a table with `on_error: reject` refused, one JSON object per line: source, table,
// key, column, reason and the raw row (text as is, BLOBs in hex, NULL as null). Created 0600:
// it holds production data.
class RejectFile {
 public:
  explicit RejectFile(const std::filesystem::path& path);  // throws Failure(usage)
  ~RejectFile();
  RejectFile(const RejectFile&) = delete;
  RejectFile& operator=(const RejectFile&) = delete;

  void add(const TablePlan& table, const ColumnPlan& column, const std::string& reason,
           const std::string& row, const RowCursor& cursor);
  std::uint64_t rows() const { return rows_; }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
  int fd_ = -1;
  std::uint64_t rows_ = 0;
};

// The reject file the plan's tables with on_error: reject need, made before anything loads;
// none when no table rejects rows. Throws Failure(usage) naming the mapping when such a table
// has no `path` (--rejects FILE) to write to.
std::optional<RejectFile> open_reject_file(const LoadPlan& plan,
                                           const std::optional<std::filesystem::path>& path);

}  // namespace s2p

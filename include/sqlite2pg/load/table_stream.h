#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sqlite2pg/copy/copy_encoder.h"
#include "sqlite2pg/copy/row_checksum.h"
#include "sqlite2pg/extract/sqlite_source.h"
#include "sqlite2pg/load/computed_values.h"
#include "sqlite2pg/load/row_picker.h"
#include "sqlite2pg/plan/plan.h"

namespace s2p {

// Streams one mapped table out of SQLite as COPY data (binary, or text): read, transform,
// encode, and hash each row's binary form as its bytes go by. Memory is one buffer, whatever
// the table's size.
class TableStream {
 public:
  explicit TableStream(const TablePlan& plan, std::size_t flush_bytes = 1 << 20,
                       CopyFormat format = CopyFormat::binary);

  // Appends at least `flush_bytes` (or what is left) to `out`. Returns false once the stream,
  // trailer included, is complete. Throws Failure(source_data) naming source, table, row key,
  // column and value for a value that cannot be loaded.
  bool fill(std::string& out);

  const RowChecksum& checksum() const { return checksum_; }

  // Called with every row's tuple and hash as it is encoded; `current_row()` names that row and
  // `locator()` finds it again (RowPicker).
  using RowObserver = std::function<void(std::string_view tuple, const Hash128& hash)>;
  void observe_rows(RowObserver observer) { observer_ = std::move(observer); }
  std::string current_row() const { return plan_.describe_row(cursor()); }
  std::uint64_t locator() const;

  // Encodes only the rows with these locators, read again in the same snapshot: rows a
  // comparison found.
  void pick_rows(std::vector<std::uint64_t> locators);

  // For plan's data check and tables with on_error: reject: a value that cannot be loaded is
  // reported here and its row skipped, instead of ending the stream with a Failure.
  using RefusalSink = std::function<void(const ColumnPlan& column, const std::string& reason,
                                         const std::string& row, const std::string& value,
                                         const RowCursor& cursor)>;
  void collect_refusals(RefusalSink sink) { refusals_ = std::move(sink); }

  // For plan's data check: a column PostgreSQL computes is checked as the text it comes from,
  // and its value is not fetched (the stream's bytes are then not the target's).
  void check_only() { check_only_ = true; }

  // Keeps `rows` at the number of rows read so far, for a progress display on another thread.
  void count_rows_into(std::atomic<std::uint64_t>& rows) { progress_ = &rows; }

 private:
  bool encode_row();
  bool next_row();  // the cursor's next row, or the next picked one
  const RowCursor& cursor() const { return picker_ ? picker_->cursor() : *cursor_; }

  const TablePlan& plan_;
  std::size_t flush_bytes_;
  CopyFormat format_;
  std::string text_;  // the text format's output; rows are still hashed in binary form
  std::unique_ptr<RowCursor> cursor_;
  CopyEncoder encoder_;
  std::vector<std::string> scratch_;  // one per column, reused row after row
  std::vector<Value> values_;         // the current row's values, for the text format
  RowChecksum checksum_;
  RowObserver observer_;
  RefusalSink refusals_;
  std::atomic<std::uint64_t>* progress_ = nullptr;
  std::uint64_t refused_ = 0;
  std::uint64_t row_number_ = 0;
  std::unique_ptr<RowPicker> picker_;
  ComputedReader computed_;
  bool check_only_ = false;
  bool header_sent_ = false;
  bool done_ = false;
};

// The key (key fields as TupleKey extracts them) of a cursor's row over select_sql, encoded from
// the key columns alone: for a row refused for another column. nullopt when a key column's
// value cannot be loaded either.
std::optional<std::string> key_of_row(const TablePlan& plan, const RowCursor& cursor);

// Re-reads the `row_number`-th row (1-based, in stream order) of a table and names it, for
// errors PostgreSQL reports by COPY line.
std::optional<std::string> describe_nth_row(const TablePlan& plan, std::uint64_t row_number);

// Streams etl.id_map rows (source, source_table, legacy_id, new_id) for the table's own ids
// that were remapped (UUID-shaped ids keep their value and are not recorded).
class IdMapStream {
 public:
  // With `locators` (as TableStream gives them), only those rows.
  explicit IdMapStream(const TablePlan& plan,
                       std::optional<std::vector<std::uint64_t>> locators = std::nullopt);
  bool fill(std::string& out);
  std::uint64_t rows() const { return rows_; }

 private:
  const TablePlan& plan_;
  std::unique_ptr<RowCursor> cursor_;
  std::unique_ptr<RowPicker> picker_;
  std::uint64_t rows_ = 0;
  bool header_sent_ = false;
  bool done_ = false;
};

}  // namespace s2p

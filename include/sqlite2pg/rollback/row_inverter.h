#pragma once
// PostgreSQL's row of a changed key run backwards into SQLite values, column by column through
// each transform's inverse. Target columns one SQLite column feeds must go back to one value; a
// value with no SQLite form is recorded in refused(), never written.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sqlite2pg/copy/copy_decoder.h"
#include "sqlite2pg/plan/plan.h"
#include "sqlite2pg/rollback/column_inverse.h"
#include "sqlite2pg/rollback/legacy_ids.h"
#include "sqlite2pg/validate/row_streams.h"

namespace s2p {

class RowInverter {
 public:
  // Reads the source table's timestamp columns once (column_inverses).
  RowInverter(const TablePlan& t, const LegacyIds& ids);

  const std::vector<ColumnInverse>& columns() const { return inverses_; }
  // Per target column: whether it writes its SQLite column (the first column that SQLite column
  // feeds does; the others must agree with it).
  const std::vector<bool>& writers() const { return writes_; }
  // Per target column: true for the writer of each SQLite column whose value in `row` does not
  // load as `f` holds it.
  std::vector<bool> changed(const RowCursor& row, const TupleFields& f) const;
  // The SQLite values of the `wanted` writers into `values` (indexed as columns()). False when
  // one has none: each reason is recorded in refused(). `source_row` names the SQLite row being
  // changed; empty for a new one.
  bool invert(const std::string& key, const std::string& source_row, const TupleFields& f,
              const std::vector<bool>& wanted, std::vector<SourceValue>& values);
  // The SQLite column names of the `wanted` writers, in order.
  std::vector<std::string> names(const std::vector<bool>& wanted) const;

  const std::vector<NamedDifference>& refused() const { return refused_; }

 private:
  bool agrees(const std::string& key, const std::string& source_row, const TupleFields& f,
              std::size_t i, const SourceValue& first);
  void refuse(const std::string& key, const std::string& source_row, const std::string& why);

  const TablePlan& t_;
  std::vector<ColumnInverse> inverses_;
  std::vector<bool> writes_;
  std::vector<std::size_t> feeder_;  // per column: the first column fed by its SQLite column
  std::vector<std::string> scratch_;
  std::vector<NamedDifference> refused_;
};

}  // namespace s2p

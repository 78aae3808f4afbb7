#pragma once
// How each loaded column of a table goes back to SQLite: its transform's inverse, with what the
// inverse needs to know of the SQLite column (its affinity, the format of its timestamps).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sqlite2pg/plan/plan.h"
#include "sqlite2pg/rollback/legacy_ids.h"
#include "sqlite2pg/transform/inverse.h"

namespace s2p {

struct ColumnInverse {
  const ColumnPlan* column = nullptr;
  InvertFn invert = nullptr;
  InverseContext context;
};

// The inverses of a table's columns, in COPY order. Reads the timestamp columns of the source
// table once, for the format most of their values have. Throws Failure(config) for a transform
// without an inverse.
std::vector<ColumnInverse> column_inverses(const TablePlan& t, const LegacyIds& ids);

// A target field (nullopt: NULL) back to the SQLite value; empty on success, else why not.
std::string invert_field(const ColumnInverse& c, const std::optional<std::string_view>& field,
                         SourceValue& out, std::string& scratch);

// A source value as the target holds it after the column's transform and encoder (nullopt:
// NULL); false when the value cannot be loaded.
bool encode_source(const ColumnPlan& c, const SourceValue& v, std::optional<std::string>& out,
                   std::string& scratch);

}  // namespace s2p

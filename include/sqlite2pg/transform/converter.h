#pragma once
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sqlite2pg/transform/timestamp.h"
#include "sqlite2pg/transform/value.h"
#include "sqlite2pg/util/uuid.h"

namespace s2p {

// What a converter needs to know beyond the value itself; fixed when the plan is built.
struct ConvertContext {
  std::string source;    // source name, part of a remapped id's identity
  std::string id_table;  // for remap_id: the source table that owns the ids
  std::map<std::string, Uuid, std::less<>> constants;  // for uuid: literal text -> fixed UUID
  const struct Transform* element = nullptr;           // for array: the element type's transform
  std::string separator;                        // for array: split on this; empty: JSON array
  FinerFraction finer = FinerFraction::refuse;  // timestamptz, time: `precision` of the mapping
  // for remap_id: ids etl.id_map pairs with UUIDs remapped_id() does not give (rows PostgreSQL
  // created, given legacy ids by a rollback), legacy id -> UUID; looked up first.
  std::shared_ptr<const std::map<std::string, Uuid, std::less<>>> recorded;
};

// Converts one SQLite value. Returns an empty string on success, otherwise the reason the value
// cannot be loaded. `scratch` is a per-column buffer the result may point into.
using ConvertFn = std::string (*)(const SourceValue&, const ConvertContext&, Value&,
                                  std::string& scratch);

struct Transform {
  std::string_view name;
  ValueKind produces;
  ConvertFn convert;
  std::string_view description;
  // PostgreSQL computes the value from what `convert` checked (a text): the streams substitute
  // what it computed (load/computed_values.h), so every side of a comparison holds its result.
  bool computed_by_server = false;
  // The value is an id of a row (the table's own or the one referenced) remapped to a UUID:
  // rollback gives back the legacy id etl.id_map pairs with it.
  bool remaps_ids = false;
};

// The table of transforms a mapping can name.
const std::vector<Transform>& transforms();
const Transform* find_transform(std::string_view name);

// The deterministic UUID a legacy id of `source`.`table` receives; UUID-shaped ids keep theirs.
Uuid remapped_id(std::string_view source, std::string_view table, std::string_view legacy_id);

// The legacy id as text: an INTEGER id 42 is "42". Empty optional for other storage classes.
std::optional<std::string_view> legacy_id_text(const SourceValue& v, std::string& scratch);

}  // namespace s2p

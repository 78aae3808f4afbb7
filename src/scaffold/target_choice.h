#pragma once
// scaffold --target's choices: which target table and column a SQLite one feeds, and through
// which transform.
#include <string>

#include "model.h"

namespace s2p::scaffolding {

// A column's part in keys: its table's own key, or a reference to another table's.
struct KeyRole {
  bool is_key = false;
  std::string parent;            // the referenced source table
  bool parent_remapped = false;  // whose key is remap_id
};

struct Choice {
  std::string transform;   // empty: none can load the values
  std::string references;  // remap_id of a reference
  std::string note;        // why, when not obvious
  std::string cannot;      // why none can
  std::string precision;   // timestamptz, time: "truncate" when values are finer than the target
};

// `type` is the target column's base type name as the catalog gives it ("int8", "enum",
// "array").
Choice choose_transform(const Column& c, const std::string& type, const KeyRole& role);

}  // namespace s2p::scaffolding

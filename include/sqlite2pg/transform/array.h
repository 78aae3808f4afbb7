#pragma once
#include <functional>
#include <string>
#include <string_view>

#include "sqlite2pg/transform/converter.h"
#include "sqlite2pg/transform/inverse.h"

namespace s2p {

// An array value carries its elements already converted by the element type's transform, packed
// one after another in Value::bytes (Value::integer holds their count); the target's array
// writer unpacks them and encodes each with the element type's encoder.
void pack_element(const Value& element, std::string& packed);
void for_each_element(std::string_view packed, const std::function<void(const Value&)>& each);

// The transform an array of `kind` elements converts each element with: the first in the
// table of transforms that produces that kind (text, integer, real, numeric, uuid, ...).
const Transform* element_transform(ValueKind kind);

// `array`: a JSON array of scalars, or text split on ctx.separator, each element converted by
// ctx.element; NULL elements kept, nested arrays and objects refused.
std::string to_array(const SourceValue& v, const ConvertContext& ctx, Value& out,
                     std::string& scratch);

// The inverse of to_array, for rollback: each element through `element` (its transform's
// inverse), written as to_array reads it; what does not read back the same is refused.
std::string invert_array(const Value& v, const InverseContext& ctx, InvertFn element,
                         SourceValue& out, std::string& scratch);

}  // namespace s2p

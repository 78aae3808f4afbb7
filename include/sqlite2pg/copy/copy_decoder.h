#pragma once
// PostgreSQL's binary send format read back into values: what the target holds, for the
// transforms run backwards (rollback). The exact inverse of each type's encoder.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sqlite2pg/copy/copy_encoder.h"

namespace s2p {

// Reads one non-NULL field of `writer`'s type into `out` (the kind the type's encoder accepts);
// text-like results point into the field or into `scratch`. Returns an empty string on success,
// otherwise why the bytes cannot be read (a type without a reader, a malformed field).
std::string decode_field(const ColumnWriter& writer, std::string_view bytes, Value& out,
                         std::string& scratch);

// A binary COPY tuple's fields, in order; nullopt for NULL.
using TupleFields = std::vector<std::optional<std::string_view>>;
TupleFields tuple_fields(std::string_view tuple);

}  // namespace s2p

#pragma once
#include <string>
#include <string_view>

#include "sqlite2pg/copy/copy_encoder.h"

namespace s2p {

// COPY's two wire formats. Binary is the fast path; text hands every value to PostgreSQL's own
// input functions, which makes it a cross-check of the binary writers and a fallback.
enum class CopyFormat { binary, text };

// Appends `value` in COPY text format for a target column (escaped: backslash, tab, newline,
// carriage return). The column's binary writer has already checked the value.
void append_copy_text(const ColumnWriter& writer, const Value& value, std::string& out);

constexpr std::string_view kCopyTextNull = "\\N";

}  // namespace s2p

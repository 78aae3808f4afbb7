#pragma once
// COPY of a target table's columns, in from the client and back out.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "sqlite2pg/pg/catalog.h"
#include "sqlite2pg/pg/session.h"

namespace s2p {

// COPY ... FROM STDIN with FREEZE (the loader truncates every target table first), in binary or
// text format; `produce` fills the buffer it is given and returns false at the end.
void copy_table_in(PgSession& pg, const TargetTable& table, const std::vector<std::string>& columns,
                   bool binary, const std::function<bool(std::string&)>& produce);

// The table's columns as binary COPY data, in chunks as they arrive.
void copy_table_out(PgSession& pg, const TargetTable& table,
                    const std::vector<std::string>& columns,
                    const std::function<void(std::string_view)>& consume);

}  // namespace s2p

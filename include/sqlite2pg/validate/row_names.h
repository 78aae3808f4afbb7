#pragma once
// How a comparison names a row of a loaded table: by its target key, and by its legacy key when
// the source no longer has it.
#include <string>
#include <string_view>

#include "sqlite2pg/pg/session.h"
#include "sqlite2pg/plan/plan.h"

namespace s2p {

// "id=5d0c..." from a row's key (target key fields as binary COPY bytes) and the column types.
std::string describe_key(const TablePlan& t, std::string_view key);

// The legacy key of a target row the source no longer names, from etl.id_map if its id was
// remapped ("id=agt_3f9a2c"); empty when there is none.
std::string legacy_name(PgSession& pg, const TablePlan& t, std::string_view key);

}  // namespace s2p

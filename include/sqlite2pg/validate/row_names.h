#pragma once
// How a comparison names a row of a loaded table: by its target key, and by its legacy key when
// the source no longer has it.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sqlite2pg/pg/session.h"
#include "sqlite2pg/plan/plan.h"

namespace s2p {

// "id=5d0c..." from a row's key (target key fields as binary COPY bytes) and the column types.
std::string describe_key(const TablePlan& t, std::string_view key);

// The source's names for its rows with these locators, read again in the same snapshot.
std::map<std::uint64_t, std::string> name_rows(const TablePlan& t,
                                               std::vector<std::uint64_t> locators);

// The legacy key of a target row the source no longer names, from etl.id_map if its id was
// remapped ("id=agt_3f9a2c"); empty when there is none.
std::string legacy_name(PgSession& pg, const TablePlan& t, std::string_view key);

}  // namespace s2p

#pragma once
// A Citus target: what it would refuse of a plan, named before anything is written.
#include <functional>
#include <string>

#include "sqlite2pg/plan/plan.h"

namespace s2p {

// Foreign keys between loaded tables that Citus does not accept (the load drops and re-creates
// them), and a distribution column fed by remap_id of a table it is not co-located with.
void check_distribution(const LoadPlan& plan,
                        const std::function<void(const char*, std::string)>& problem);

}  // namespace s2p

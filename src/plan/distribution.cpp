#include "sqlite2pg/plan/distribution.h"

#include "table_planner.h"

namespace s2p {
namespace {

std::string described(const CitusTable* t, const std::string& schema, const std::string& name) {
  if (!t) return schema + "." + name + " (a plain table)";
  if (t->kind == "distributed") return t->qualified() + " (distributed by " + t->column + ")";
  return t->qualified() + " (a " + t->kind + " table)";
}

// Citus's rules for a foreign key: to a reference table from anything; between distributed
// tables of one co-location group that both name their distribution column; nothing else.
std::string refusal(const CitusTable* from, const CitusTable* to, const ForeignKey& fk) {
  if (to && to->kind == "reference") return "";
  const bool from_distributed = from && from->kind == "distributed";
  const bool to_distributed = to && to->kind == "distributed";
  if (!from_distributed && !to_distributed) return "";  // reference, local and plain tables
  if (!from_distributed || !to_distributed)
    return "Citus accepts a foreign key between a distributed table and another table only to a "
           "reference table";
  if (from->colocation != to->colocation)
    return "the two tables are not co-located (colocate_with in create_distributed_table)";
  for (std::size_t i = 0; i < fk.columns.size(); ++i) {
    if (fk.columns[i] == from->column && fk.ref_columns[i] == to->column) return "";
  }
  return "the key does not pair the two distribution columns";
}

void check_foreign_keys(const LoadPlan& plan, const ProblemSink& problem) {
  const Distribution& d = *plan.distribution;
  for (const auto& fk : plan.foreign_keys) {
    const CitusTable* from = d.find(fk.schema, fk.table);
    const CitusTable* to = d.find(fk.ref_schema, fk.ref_table);
    const std::string why = refusal(from, to, fk);
    if (why.empty()) continue;
    problem("distribution", "foreign key " + fk.name + " from " +
                                described(from, fk.schema, fk.table) + " to " +
                                described(to, fk.ref_schema, fk.ref_table) +
                                ": Citus refuses it when the load re-creates it: " + why);
  }
}

// A remapped id in a distribution column comes from the parent's id map: the rows it places
// must be the parent's co-located shard's, or the foreign key between them cannot exist.
void check_remapped_distribution(const LoadPlan& plan, const ProblemSink& problem) {
  const Distribution& d = *plan.distribution;
  for (const auto& t : plan.tables) {
    const CitusTable* dt = d.find(t.target.schema, t.target.name);
    if (!dt || dt->kind != "distributed") continue;
    for (const auto& c : t.columns) {
      if (c.target.name != dt->column || !c.mapping || c.mapping->transform != "remap_id" ||
          c.context.id_table == t.mapping->source_table)
        continue;
      const TablePlan* parent = plan.id_source_of(t, c);
      if (!parent) continue;  // named by check_remapped_references
      const CitusTable* pt = d.find(parent->target.schema, parent->target.name);
      if (pt && pt->kind == "distributed" && pt->colocation == dt->colocation) continue;
      problem("distribution", c.mapping->where + ": " + dt->qualified() + " is distributed by " +
                                  dt->column + ", which remap_id fills with ids of " +
                                  described(pt, parent->target.schema, parent->target.name) +
                                  ", not co-located with it: distribute both by that id with "
                                  "colocate_with");
    }
  }
}

}  // namespace

void check_distribution(const LoadPlan& plan,
                        const std::function<void(const char*, std::string)>& problem) {
  if (!plan.distribution) return;
  check_foreign_keys(plan, problem);
  check_remapped_distribution(plan, problem);
}

}  // namespace s2p

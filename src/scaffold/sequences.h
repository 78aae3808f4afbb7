#pragma once
// scaffold --target: the target schema's standalone sequences (no column owns or uses them),
// each with the query that sets it after the load where its name pairs with a column.
#include <string>
#include <vector>

#include "sqlite2pg/pg/session.h"

namespace s2p::scaffolding {

struct SequenceProposal {
  std::string name;     // schema.sequence
  std::string query;    // empty: TO DECIDE
  std::string comment;  // how the pairing was made, or why none was
};

std::vector<SequenceProposal> propose_sequences(PgSession& pg, const std::string& schema);

}  // namespace s2p::scaffolding

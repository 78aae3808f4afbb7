#include "sqlite2pg/validate/sample_names.h"

#include <set>

#include "sqlite2pg/validate/row_changes.h"
#include "sqlite2pg/validate/row_names.h"

namespace s2p {

std::vector<NamedDifference> name_samples(PgSession& pg, const TablePlan& t,
                                          const std::vector<SampleRow>& samples) {
  std::set<std::string> compared;
  std::vector<std::uint64_t> positions;
  for (const auto& s : samples) {
    if (s.compare) compared.insert(s.key);
    if (s.locator) positions.push_back(s.locator);
  }
  const RowsByKey rows = compared.empty() ? RowsByKey{} : read_rows_by_key(pg, t, compared);
  const auto names = name_rows(t, positions);
  std::vector<NamedDifference> out;
  for (const auto& s : samples) {
    const auto name = names.find(s.locator);
    NamedDifference d{s.kind, name != names.end() ? name->second : legacy_name(pg, t, s.key),
                      describe_key(t, s.key), ""};
    const auto in_source = rows.source.find(s.key);
    const auto in_target = rows.target.find(s.key);
    if (s.compare && in_source != rows.source.end() && in_target != rows.target.end())
      d.detail = describe_changes(t, in_source->second, in_target->second);
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace s2p

#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sqlite2pg/copy/row_checksum.h"

namespace s2p {

// One row as a comparison sees it: its key (target key fields, binary COPY bytes), its hash,
// and, for source rows, a way to name it (called only for rows that are reported).
using RowVisitor = std::function<void(std::string_view key, const Hash128& hash,
                                      const std::function<std::string()>& name)>;
// Streams every row of one side to the visitor; called once per pass.
using RowStream = std::function<void(const RowVisitor&)>;

struct DiffCounts {
  // Drift: the source now against the cutover's fingerprints.
  std::uint64_t added_in_source = 0, changed_in_source = 0, deleted_in_source = 0;
  // Coverage: the source now against the target now.
  std::uint64_t missing_in_target = 0, changed_in_target = 0, extra_in_target = 0;
  std::uint64_t drift() const { return added_in_source + changed_in_source + deleted_in_source; }
};

struct DiffSample {
  std::string kind;        // added_in_source, changed_in_source, ..., extra_in_target
  std::string source_row;  // the source's name for the row, when the source has it
  std::string key;         // target key bytes
};

struct TableDiff {
  RowChecksum source, target;
  std::optional<RowChecksum> baseline;  // read only when the source's checksum moved
  DiffCounts counts;
  std::vector<DiffSample> samples;  // at most `sample_limit` per kind
};

struct DiffInput {
  RowStream source, target, baseline;
  // The cutover's recorded checksum of the table (hex, rows); when the source still matches it
  // there is no drift and the baseline is never read.
  std::optional<std::pair<std::string, std::uint64_t>> recorded;
  std::size_t sample_limit = 20;
  std::size_t max_rows_in_memory = 200'000;  // per pass of the keyed comparison
};

// Compares by hashed key ranges: one pass sums rows per bucket on each side; only buckets
// whose sums differ are compared row by row by key, in passes bounded by max_rows_in_memory.
TableDiff diff_table(const DiffInput& input);

}  // namespace s2p

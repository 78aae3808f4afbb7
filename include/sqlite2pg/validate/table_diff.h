#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sqlite2pg/copy/row_checksum.h"
#include "sqlite2pg/validate/diff_kind.h"
#include "sqlite2pg/validate/key_spool.h"

namespace s2p {

// One row as a comparison sees it: its key (target key fields, binary COPY bytes), its hash,
// and, for source rows, its locator: its 1-based position in the source's stream, by which it
// is found again (named, or re-read) after the comparison.
using RowVisitor =
    std::function<void(std::string_view key, const Hash128& hash, std::uint64_t locator)>;
// Streams every row of one side to the visitor. Each side is streamed once: the comparison
// keeps what it needs of it on disk.
using RowStream = std::function<void(const RowVisitor&)>;

struct DiffCounts {
  // Drift: the source now against the cutover's fingerprints.
  std::uint64_t added_in_source = 0, changed_in_source = 0, deleted_in_source = 0;
  // Coverage: the source now against the target now.
  std::uint64_t missing_in_target = 0, changed_in_target = 0, extra_in_target = 0;
  std::uint64_t drift() const { return added_in_source + changed_in_source + deleted_in_source; }
  DiffTally tally() const;  // the same counts by kind
};

struct DiffSample {
  DiffKind kind;              // drift or coverage
  std::uint64_t locator = 0;  // the source row's, 0 when the source does not hold the key
  std::string key;            // target key bytes
};

// One key as the three sides hold it: how many rows of each carry it, and the last one's hash.
struct KeySide {
  std::uint32_t count = 0;
  Hash128 hash;
  bool operator==(const KeySide&) const = default;
};
struct KeyedRow {
  KeySide source, target, baseline;
  std::uint64_t locator = 0;  // the source row's
};

struct TableDiff {
  RowChecksum source, target;           // target: empty when the target was not read
  std::optional<RowChecksum> baseline;  // read only when the source's checksum moved
  DiffCounts counts;
  std::vector<DiffSample> samples;        // at most `sample_limit` per kind
  std::shared_ptr<KeySpool> source_rows;  // every source row's key, hash and locator
};

struct DiffInput {
  // Without a target there is no coverage to find: only drift (sync reads the target rows it
  // touches by key instead).
  RowStream source, target, baseline;
  // The cutover's recorded checksum of the table (hex, rows); when the source still matches it
  // there is no drift and the baseline is never read.
  std::optional<std::pair<std::string, std::uint64_t>> recorded;
  std::size_t sample_limit = 20;
  std::size_t max_rows_in_memory = 50'000;  // per pass of the keyed comparison
  // Called for every key that differs between any two sides (rows identical on all sides may
  // be left out), in key order within each pass.
  std::function<void(std::string_view key, const KeyedRow& row)> on_key;
};

// Compares by hashed key ranges: one pass over each side sums rows per bucket (and spools the
// side); only buckets whose sums differ are compared row by row by key, from the spools, in
// passes bounded by max_rows_in_memory.
TableDiff diff_table(const DiffInput& input);

}  // namespace s2p

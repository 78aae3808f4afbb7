// The keyed comparison on synthetic sides: every kind of difference is found and named.
#include "sqlite2pg/validate/table_diff.h"

#include <gtest/gtest.h>

#include <map>

namespace s2p {
namespace {

using Rows = std::map<std::string, std::string>;  // key -> row content

// Locators count rows in map order from 1; `reads` counts how often the side is streamed.
RowStream stream(const Rows& rows, int* reads = nullptr) {
  return [rows, reads](const RowVisitor& visit) {
    if (reads) ++*reads;
    std::uint64_t at = 0;
    for (const auto& [key, value] : rows) visit(key, hash_row(key + "|" + value), ++at);
  };
}

RowChecksum total(const Rows& rows) {
  RowChecksum c;
  for (const auto& [key, value] : rows) c.add_row(key + "|" + value);
  return c;
}

Rows many(int n) {
  Rows r;
  for (int i = 0; i < n; ++i) r["k" + std::to_string(i)] = "v" + std::to_string(i);
  return r;
}

TableDiff run(const Rows& source, const Rows& target, const Rows& at_cutover,
              std::size_t max_rows = 200'000) {
  DiffInput in{stream(source), stream(target), stream(at_cutover)};
  const auto recorded = total(at_cutover);
  in.recorded = std::make_pair(recorded.hex(), recorded.rows());
  in.max_rows_in_memory = max_rows;
  return diff_table(in);
}

TEST(TableDiff, IdenticalSidesHaveNoDifferenceAndNeverReadTheBaseline) {
  const auto rows = many(5000);
  const auto d = run(rows, rows, rows);
  EXPECT_EQ(d.counts.drift(), 0u);
  EXPECT_EQ(d.counts.missing_in_target + d.counts.changed_in_target + d.counts.extra_in_target, 0u);
  EXPECT_FALSE(d.baseline.has_value());
  EXPECT_EQ(d.source, d.target);
}

TEST(TableDiff, ChangesInTheTargetAreNamedByKey) {
  const auto cutover = many(5000);
  auto target = cutover;
  target["k17"] = "edited in PostgreSQL";
  target.erase("k42");
  target["new-in-pg"] = "x";
  const auto d = run(cutover, target, cutover);
  EXPECT_EQ(d.counts.drift(), 0u);
  EXPECT_EQ(d.counts.changed_in_target, 1u);
  EXPECT_EQ(d.counts.missing_in_target, 1u);
  EXPECT_EQ(d.counts.extra_in_target, 1u);
  ASSERT_EQ(d.samples.size(), 3u);
  for (const auto& s : d.samples) {
    if (name_of(s.kind) == "changed_in_target") {
      EXPECT_EQ(s.key, "k17");
    } else if (name_of(s.kind) == "missing_in_target") {
      EXPECT_EQ(s.key, "k42");
      EXPECT_EQ(s.locator, static_cast<std::uint64_t>(
                               std::distance(cutover.begin(), cutover.find("k42")) + 1));
    } else {
      EXPECT_EQ(s.key, "new-in-pg");
    }
  }
}

TEST(TableDiff, WritesToTheSourceAfterTheCutoverAreDrift) {
  const auto cutover = many(5000);
  auto source = cutover;
  source["k5"] = "changed in SQLite";
  source.erase("k6");
  source["k-added"] = "added in SQLite";
  const auto d = run(source, cutover, cutover);
  ASSERT_TRUE(d.baseline.has_value());
  EXPECT_EQ(d.counts.changed_in_source, 1u);
  EXPECT_EQ(d.counts.deleted_in_source, 1u);
  EXPECT_EQ(d.counts.added_in_source, 1u);
  // The added row is also missing from the target: that would be lost with the file.
  EXPECT_EQ(d.counts.missing_in_target, 1u);
  // The target still holds the cutover's k5 and k6: not a change made in PostgreSQL.
  EXPECT_EQ(d.counts.changed_in_target, 0u);
  EXPECT_EQ(d.counts.extra_in_target, 0u);
}

TEST(TableDiff, ManyDifferencesAreCountedExactlyAcrossBoundedPasses) {
  const auto cutover = many(20000);
  auto target = cutover;
  for (int i = 0; i < 20000; i += 3) target["k" + std::to_string(i)] = "edited";
  const auto d = run(cutover, target, cutover, /*max_rows=*/1000);
  EXPECT_EQ(d.counts.changed_in_target, 6667u);
  std::size_t samples = 0;
  for (const auto& s : d.samples) samples += name_of(s.kind) == "changed_in_target";
  EXPECT_EQ(samples, 20u);
}

TEST(TableDiff, EachSideIsReadOnceAndEveryDifferingKeyIsHandedOver) {
  const auto cutover = many(20000);
  auto source = cutover;
  for (int i = 0; i < 20000; i += 100) source["k" + std::to_string(i)] = "changed";
  source["k-new"] = "added";
  source.erase("k7");
  int source_reads = 0, target_reads = 0, baseline_reads = 0;
  DiffInput in{stream(source, &source_reads), stream(cutover, &target_reads),
               stream(cutover, &baseline_reads)};
  const auto recorded = total(cutover);
  in.recorded = std::make_pair(recorded.hex(), recorded.rows());
  in.max_rows_in_memory = 500;  // many keyed passes, from the spools
  std::map<std::string, KeyedRow> handed;
  in.on_key = [&](std::string_view key, const KeyedRow& row) { handed[std::string(key)] = row; };
  const auto d = diff_table(in);
  EXPECT_EQ(source_reads, 1);
  EXPECT_EQ(target_reads, 1);
  EXPECT_EQ(baseline_reads, 1);
  EXPECT_EQ(d.counts.changed_in_source, 200u);
  std::size_t differing = 0;
  for (const auto& [key, row] : handed) {
    if (!(row.source == row.baseline) || !(row.source == row.target)) ++differing;
  }
  EXPECT_EQ(differing, 202u);
  ASSERT_TRUE(handed.count("k-new"));
  EXPECT_EQ(handed["k-new"].source.count, 1u);
  EXPECT_EQ(handed["k-new"].baseline.count, 0u);
  EXPECT_EQ(handed["k-new"].locator,
            static_cast<std::uint64_t>(std::distance(source.begin(), source.find("k-new")) + 1));
  ASSERT_TRUE(handed.count("k7"));
  EXPECT_EQ(handed["k7"].source.count, 0u);
  EXPECT_EQ(handed["k7"].target.count, 1u);
}

}  // namespace
}  // namespace s2p

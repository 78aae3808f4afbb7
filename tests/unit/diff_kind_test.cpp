#include "sqlite2pg/validate/diff_kind.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace s2p {
namespace {

// Reports spell each kind once, and every kind is something at least one command reports.
TEST(DiffKind, EachKindHasOneNameAndAReader) {
  std::set<std::string> names;
  for (const DiffKind k : kAllDiffKinds) {
    EXPECT_TRUE(names.insert(std::string(name_of(k))).second) << name_of(k);
    EXPECT_TRUE(meaning_of(k, DiffReader::verify) || meaning_of(k, DiffReader::sync) ||
                meaning_of(k, DiffReader::rollback))
        << name_of(k);
  }
  EXPECT_EQ(names.size(), kDiffKindCount);
}

// What makes deletion unsafe: SQLite's drift and rows PostgreSQL lacks always; PostgreSQL's own
// changes and extra rows only with --exact.
TEST(DiffKind, VerifyFailsOnDriftAlwaysAndOnTheTargetsOwnChangesWithExact) {
  for (const DiffKind k :
       {DiffKind::added_in_source, DiffKind::changed_in_source, DiffKind::deleted_in_source,
        DiffKind::missing_in_target, DiffKind::rejected_in_source}) {
    EXPECT_TRUE(fatal_in_verify(k, false)) << name_of(k);
  }
  for (const DiffKind k : {DiffKind::changed_in_target, DiffKind::extra_in_target}) {
    EXPECT_FALSE(fatal_in_verify(k, false)) << name_of(k);
    EXPECT_TRUE(fatal_in_verify(k, true)) << name_of(k);
  }
  DiffTally t;
  t[DiffKind::added_in_source] = 2;
  t[DiffKind::deleted_in_source] = 3;
  t[DiffKind::missing_in_target] = 5;
  EXPECT_EQ(t.drift(), 5u);
}

}  // namespace
}  // namespace s2p

// Names compared as SQLite compares them: ASCII letters folded, every other byte as it is.
#include <gtest/gtest.h>

#include "sqlite2pg/util/text.h"

namespace s2p {
namespace {

TEST(SameNameFolded, FoldsAsciiLettersOnly) {
  EXPECT_TRUE(same_name_folded("Created_At", "created_AT"));
  EXPECT_TRUE(same_name_folded("", ""));
  EXPECT_FALSE(same_name_folded("id", "id "));
  EXPECT_FALSE(same_name_folded("id", "ids"));
  EXPECT_FALSE(same_name_folded("Été", "été"));  // É is not ASCII: SQLite keeps it apart
  EXPECT_TRUE(same_name_folded("été_X", "été_x"));
  EXPECT_FALSE(same_name_folded("a@", "a`"));  // neighbours of the letter ranges stay apart
  EXPECT_FALSE(same_name_folded("[", "{"));
}

}  // namespace
}  // namespace s2p

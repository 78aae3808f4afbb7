#include <gtest/gtest.h>

#include "pg_cluster.h"
#include "tool.h"

TEST(Smoke, VersionPrints) {
  auto r = s2p::test::run_tool({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("sqlite2pg"), std::string::npos);
}

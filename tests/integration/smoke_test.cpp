// The command line: help, version, and usage errors with exit code 2.
#include <gtest/gtest.h>

#include "tool.h"

namespace s2p::test {
namespace {

TEST(CommandLine, VersionAndHelp) {
  auto r = run_tool({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "sqlite2pg " SQLITE2PG_VERSION "\n");
  r = run_tool({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* word : {"schema", "migrate", "verify", "--log-level", "--quiet"}) {
    EXPECT_NE(r.out.find(word), std::string::npos) << word;
  }
  r = run_tool({"migrate", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* word : {"--target", "--mappings", "--migrations", "--source", "--dry-run",
                           "--replace", "--report"}) {
    EXPECT_NE(r.out.find(word), std::string::npos) << word;
  }
}

TEST(CommandLine, UsageErrorsExitWithTwoAndPointToHelp) {
  for (const auto& args : std::vector<std::vector<std::string>>{{},
                                                                {"migrat"},
                                                                {"migrate", "--bogus"},
                                                                {"schema"},
                                                                {"schema", "sideways"},
                                                                {"verify", "--source", "x"}}) {
    const auto r = run_tool(args);
    EXPECT_EQ(r.exit_code, 2) << r.all();
    EXPECT_NE(r.err.find("help"), std::string::npos) << r.err;
  }
  EXPECT_NE(run_tool({"migrat"}).err.find("unknown command 'migrat'"), std::string::npos);
}

}  // namespace
}  // namespace s2p::test

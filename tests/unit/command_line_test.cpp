// The command line: help, version, and usage errors with exit code 2 (the real binary; no
// database).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "tool.h"

namespace s2p::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::vector<std::vector<std::string>> kCommands = {
    {"schema", "up"}, {"schema", "status"}, {"plan"}, {"migrate"}, {"verify"}, {"scaffold"}};

std::vector<std::string> with(std::vector<std::string> args, const std::string& more) {
  args.push_back(more);
  return args;
}

// The long names of the options a help text lists, own ones and common ones apart.
struct HelpOptions {
  std::vector<std::string> own, common;
};
HelpOptions options_in_help(const std::string& help) {
  HelpOptions found;
  bool common = false;
  std::istringstream lines(help);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("Options every command takes", 0) == 0) common = true;
    if (line.rfind("  -", 0) != 0) continue;
    auto names = line.substr(2, line.find(' ', 2) - 2);
    const auto comma = names.find(',');
    if (comma != std::string::npos) names = names.substr(comma + 1);
    if (names == "--help") continue;
    (common ? found.common : found.own).push_back(names);
  }
  return found;
}

TEST(CommandLine, VersionAndHelp) {
  auto r = run_tool({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "sqlite2pg " SQLITE2PG_VERSION "\n");
  r = run_tool({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* word : {"schema", "migrate", "verify", "--log-level", "--quiet"}) {
    EXPECT_THAT(r.out, HasSubstr(word));
  }
  r = run_tool({"migrate", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* word : {"--target", "--mappings", "--migrations", "--source", "--dry-run",
                           "--replace", "--report", "--rejects"}) {
    EXPECT_THAT(r.out, HasSubstr(word));
  }
}

TEST(CommandLine, HelpNamesEachValueWithItsRangeAndDefaultInWords) {
  for (const auto& command : kCommands) {
    const auto r = run_tool(with(command, "--help"));
    ASSERT_EQ(r.exit_code, 0) << r.all();
    // CLI11's type names and validator texts never reach the reader.
    for (const char* machine : {" TEXT", "FLOAT", "UINT", " INT", "ENUM", "->", " in [", "=10"}) {
      EXPECT_THAT(r.out, Not(HasSubstr(machine))) << command.back();
    }
    // The options every command takes are listed with each command.
    EXPECT_THAT(r.out, HasSubstr("Options every command takes"));
    EXPECT_THAT(r.out, HasSubstr("--connect-timeout SECONDS"));
    EXPECT_THAT(r.out, HasSubstr("answer a connection\n" + std::string(32, ' ') +
                                 "1 to 3600; default 10\n"));
    EXPECT_THAT(r.out, HasSubstr("--lock-timeout SECONDS"));
    EXPECT_THAT(r.out, HasSubstr("0 to 86400 (0: wait forever); default 10\n"));
    std::istringstream lines(r.out);
    for (std::string line; std::getline(lines, line);) EXPECT_LE(line.size(), 100u) << line;
  }
  const auto migrate = run_tool({"migrate", "--help"}).out;
  EXPECT_THAT(migrate, HasSubstr("--copy-format binary|text"));
  EXPECT_THAT(migrate, HasSubstr("--batch-bytes BYTES"));
  EXPECT_THAT(migrate, HasSubstr("1 to 1073741824; default 1048576\n"));
  EXPECT_THAT(migrate, HasSubstr("--source NAME=PATH ..."));
  // --limit reads the same wherever it is taken.
  for (const char* command : {"plan", "verify"}) {
    EXPECT_THAT(run_tool({command, "--help"}).out, HasSubstr("--limit N"));
    EXPECT_THAT(run_tool({command, "--help"}).out, HasSubstr("0 to 1000000; default 20\n"));
  }
}

TEST(CommandLine, HelpCommandShowsWhatDashDashHelpShows) {
  EXPECT_EQ(run_tool({"help"}).out, run_tool({"--help"}).out);
  for (const auto& command : kCommands) {
    std::vector<std::string> help = {"help"};
    help.insert(help.end(), command.begin(), command.end());
    const auto r = run_tool(help);
    EXPECT_EQ(r.exit_code, 0) << r.all();
    EXPECT_EQ(r.out, run_tool(with(command, "--help")).out);
  }
  const auto bad = run_tool({"help", "migrat"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("'migrat' is not a command"));
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
    EXPECT_THAT(r.err, HasSubstr("help"));
  }
  EXPECT_THAT(run_tool({"migrat"}).err, HasSubstr("unknown command 'migrat'"));
  const auto r = run_tool({"verify", "--limit", "lots"});
  EXPECT_THAT(r.err, HasSubstr("sqlite2pg verify: --limit: 'lots' is not a whole number"));
  EXPECT_THAT(r.err, HasSubstr("Run 'sqlite2pg verify --help'"));
  EXPECT_THAT(run_tool({"migrate", "--connect-timeout", "0"}).err,
              HasSubstr("--connect-timeout: '0' is out of range: 1 to 3600"));
  EXPECT_THAT(run_tool({"migrate", "--copy-format", "csv"}).err,
              HasSubstr("'csv' is not one of binary|text"));
  EXPECT_THAT(run_tool({"plan", "--target"}).err, HasSubstr("--target needs a value: DSN"));
}

// CLI11 echoes unexpected arguments and bad values; none of them may show a password.
TEST(CommandLine, UsageErrorsNeverShowAPassword) {
  const std::string uri = "postgresql://u:S3cretPW@db.example/swarm";
  const std::string kv = "host=db.example password=S3cretPW dbname=swarm";
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"migrate", "--targt", uri},                  // unknown option, then a stray DSN
           {"migrate", "--targt=" + uri},                // unknown option with its value
           {"verify", "--target", uri, "extra"},         // a stray argument after a good DSN
           {"plan", kv},                                 // a stray key=value DSN
           {"migrate", "password=S3cretPW"},             // a stray password= word
           {"verify", "--limit", uri},                   // a bad value
           {"schema", "up", "--target", kv, "--bogus"},  // an unknown option after a good DSN
           {"migrate", "--copy-format", kv},             // a bad choice
           {uri}}) {                                     // a DSN where the command goes
    const auto r = run_tool(args);
    EXPECT_EQ(r.exit_code, 2) << r.all();
    EXPECT_THAT(r.all(), Not(HasSubstr("S3cretPW"))) << r.all();
    EXPECT_THAT(r.err, HasSubstr("--help")) << r.all();
  }
  const auto r = run_tool({"migrate", "--targt", uri});
  EXPECT_THAT(r.err, HasSubstr("unknown option '--targt'"));
  EXPECT_THAT(r.err, HasSubstr("unexpected argument 'postgresql://u:********@db.example/swarm'"));
  const auto env = run_tool({"migrate", "EnvPW1"}, {{"PGPASSWORD", "EnvPW1"}});
  EXPECT_THAT(env.err, Not(HasSubstr("EnvPW1")));
}

// The README's synopses list every option each command's --help lists, and its table of the
// options every command takes lists those.
TEST(CommandLine, ReadmeSynopsesListEveryOption) {
  const auto readme = read_file(source_dir() / "README.md");
  const auto start = readme.find("```\nsqlite2pg schema up|status");
  ASSERT_NE(start, std::string::npos);
  const auto synopses = readme.substr(start, readme.find("```", start + 3) - start);
  const auto common_table = readme.substr(readme.find("Every command also takes"), 2000);
  for (const auto& command : kCommands) {
    const auto help = options_in_help(run_tool(with(command, "--help")).out);
    const auto line = synopses.find("sqlite2pg " + command.front());
    ASSERT_NE(line, std::string::npos) << command.front();
    const auto next = synopses.find("\nsqlite2pg ", line + 1);
    const auto synopsis = synopses.substr(line, next - line);
    EXPECT_FALSE(help.own.empty());
    for (const auto& option : help.own) EXPECT_THAT(synopsis, HasSubstr(option)) << synopsis;
    EXPECT_EQ(help.common.size(), 8u);
    for (const auto& option : help.common) EXPECT_THAT(common_table, HasSubstr("`" + option));
  }
}

}  // namespace
}  // namespace s2p::test

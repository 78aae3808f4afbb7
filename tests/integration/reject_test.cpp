// on_error: reject, opt-in per table: refused rows go to the reject file, the rest loads, and
// validation accounts for them; the default stays all-or-nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "pg_cluster.h"
#include "pg_query.h"
#include "tool.h"

namespace s2p::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
namespace fs = std::filesystem;

// The same mapping and sources as below: plan sees what migrate would do with them.
TEST(RejectPolicy, PlanFollowsTheTablesPolicy) {
  TempDir dir;
  auto sources = sample_sources(dir.path());
  sqlite_exec(dir / "registry.db",
              "INSERT INTO agents (id, name, version, path, capabilities) VALUES ('agt_badjson', "
              "'x', '1', '/x', '{\"a\": [1');");
  fs::create_directories(dir / "mappings");
  for (const char* m : {"deployments.yaml", "swarm.yaml"})
    fs::copy(source_dir() / "mappings" / m, dir / "mappings" / m);
  std::string registry = read_file(source_dir() / "mappings" / "registry.yaml");
  const std::string stop = registry;
  registry.replace(registry.find("    target: registry.agents\n"), 28,
                   "    target: registry.agents\n    on_error: reject\n");
  TestDatabase db("reject_plan");
  std::vector<std::string> args = {"plan",       "-q",
                                   "--target",   db.dsn(),
                                   "--mappings", (dir / "mappings").string(),
                                   "--report",   (dir / "plan.json").string()};
  args.insert(args.end(), sources.begin(), sources.end());
  std::ofstream(dir / "mappings" / "registry.yaml") << registry;
  auto r = run_tool(args);
  EXPECT_EQ(r.exit_code, 0) << r.all();
  EXPECT_THAT(r.out, HasSubstr("READY")) << r.out;
  EXPECT_THAT(r.out, HasSubstr("rejected_value: registry.agents, column capabilities: 1 row(s)"));
  EXPECT_THAT(r.out, HasSubstr("row id='agt_badjson'"));
  const auto report = nlohmann::json::parse(read_file(dir / "plan.json"));
  EXPECT_EQ(report["plan"]["would_reject"].size(), 1u);
  EXPECT_TRUE(report["plan"]["data_problems"].empty());
  // Without the policy the same value is a problem.
  std::ofstream(dir / "mappings" / "registry.yaml", std::ios::trunc) << stop;
  r = run_tool(args);
  EXPECT_EQ(r.exit_code, 4) << r.all();
  EXPECT_THAT(r.out, HasSubstr("refused_value: registry.agents, column capabilities"));
}

TEST(RejectPolicy, RefusedRowsGoToTheRejectFileAndTheRestLoads) {
  TempDir dir;
  auto sources = sample_sources(dir.path());
  sqlite_exec(dir / "registry.db",
              "INSERT INTO agents (id, name, version, path, capabilities) VALUES ('agt_badjson', "
              "'x', '1', '/x', "
              "'{\"a\": [1'), ('agt_badint', 'y', '1', '/y', '[]');"
              "UPDATE agents SET memory_mb = 'lots' WHERE id = 'agt_badint';");
  fs::create_directories(dir / "mappings");
  for (const char* m : {"deployments.yaml", "swarm.yaml"})
    fs::copy(source_dir() / "mappings" / m, dir / "mappings" / m);
  std::string registry = read_file(source_dir() / "mappings" / "registry.yaml");
  registry.replace(registry.find("    target: registry.agents\n"), 28,
                   "    target: registry.agents\n    on_error: reject\n");
  std::ofstream(dir / "mappings" / "registry.yaml") << registry;

  TestDatabase db("reject_policy");
  std::vector<std::string> args = {"migrate",    "-q",
                                   "--target",   db.dsn(),
                                   "--mappings", (dir / "mappings").string(),
                                   "--rejects",  (dir / "rejects.jsonl").string(),
                                   "--report",   (dir / "r.json").string()};
  args.insert(args.end(), sources.begin(), sources.end());
  const auto r = run_tool(args);
  EXPECT_EQ(r.exit_code, 9) << r.all();
  EXPECT_THAT(r.out, HasSubstr("2 row(s) REJECTED")) << r.out;
  EXPECT_EQ(pg_count(db.dsn(), "SELECT count(*) FROM registry.agents"), 15);
  EXPECT_EQ(pg_count(db.dsn(), "SELECT count(*) FROM registry.agents WHERE name IN ('x', 'y')"), 0);
  EXPECT_EQ(fs::status(dir / "rejects.jsonl").permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write);
  std::ifstream lines(dir / "rejects.jsonl");
  std::map<std::string, nlohmann::json> by_key;
  for (std::string line; std::getline(lines, line);) {
    const auto j = nlohmann::json::parse(line);
    by_key[j["key"]] = j;
  }
  ASSERT_EQ(by_key.size(), 2u);
  const auto& bad_json = by_key.at("id='agt_badjson'");
  EXPECT_EQ(bad_json["source"], "registry");
  EXPECT_EQ(bad_json["table"], "agents");
  EXPECT_EQ(bad_json["column"], "capabilities");
  EXPECT_THAT(bad_json["reason"].get<std::string>(), HasSubstr("invalid JSON"));
  EXPECT_EQ(bad_json["row"]["capabilities"], "{\"a\": [1");
  EXPECT_EQ(bad_json["row"]["name"], "x");
  EXPECT_EQ(by_key.at("id='agt_badint'")["row"]["memory_mb"], "lots");
  // The accounting: loaded + rejected = source, and what was loaded validated.
  const auto report = nlohmann::json::parse(read_file(dir / "r.json"));
  for (const auto& t : report["tables"]) {
    if (t["target_table"] != "registry.agents") continue;
    EXPECT_EQ(t["source_rows"], 17);
    EXPECT_EQ(t["loaded_rows"], 15);
    EXPECT_EQ(t["rejected_rows"], 2);
    EXPECT_EQ(t["target_rows"], 15);
    EXPECT_TRUE(t["matches"].get<bool>());
  }
  // verify accounts for the rejected rows: named with their reason, not a stop; PostgreSQL does
  // not hold them, so it is not safe to delete the files.
  for (const char* mode : {"--quiet", "--exact"}) {
    std::vector<std::string> v = {"verify",     mode,
                                  "--target",   db.dsn(),
                                  "--mappings", (dir / "mappings").string(),
                                  "--report",   (dir / "v.json").string()};
    v.insert(v.end(), sources.begin(), sources.end());
    const auto checked = run_tool(v);
    EXPECT_EQ(checked.exit_code, 6) << checked.all();
    EXPECT_THAT(checked.out, HasSubstr("registry.agents: 2 row(s) refused by their transforms "
                                       "(on_error: reject), so PostgreSQL does not hold them"));
    EXPECT_THAT(checked.out, HasSubstr("id='agt_badint': column memory_mb (integer): holds a "
                                       "TEXT value where an INTEGER is expected; value 'lots'"));
    EXPECT_THAT(checked.out, HasSubstr("NOT SAFE"));
    EXPECT_THAT(checked.all(), Not(HasSubstr("NOT VERIFIED")));
    const auto vr = nlohmann::json::parse(read_file(dir / "v.json"));
    for (const auto& t : vr["tables"]) {
      if (t["target_table"] != "registry.agents") continue;
      EXPECT_EQ(t["differences"]["rejected_in_source"], 2);
      EXPECT_EQ(t["differences"]["missing_in_target"], 0);
    }
  }
  // Without a reject file the run does not start; without the policy the default is all-or-nothing.
  std::vector<std::string> no_file = {
      "migrate", "--target", db.dsn(), "--mappings", (dir / "mappings").string(), "--replace"};
  no_file.insert(no_file.end(), sources.begin(), sources.end());
  const auto missing = run_tool(no_file);
  EXPECT_EQ(missing.exit_code, 2) << missing.all();
  EXPECT_THAT(missing.err, HasSubstr("--rejects FILE"));
  TestDatabase strict("reject_policy_default");
  std::vector<std::string> plain = {"migrate", "--target", strict.dsn()};
  plain.insert(plain.end(), sources.begin(), sources.end());
  EXPECT_EQ(run_tool(plain).exit_code, 4);
  EXPECT_EQ(pg_fingerprint(strict.dsn()), "");
}

}  // namespace
}  // namespace s2p::test

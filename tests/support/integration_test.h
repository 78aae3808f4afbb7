#pragma once
// The fixture most integration tests share: a database of its own named after the test, the
// bundled sample databases built into a temporary directory (src/), and the argument list a
// command needs to run against them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "pg_cluster.h"
#include "tool.h"

namespace s2p::test {

class IntegrationTest : public ::testing::Test {
 protected:
  void SetUp() override;

  // `head` (the command and its own options), then --target and every sample --source.
  std::vector<std::string> args(std::vector<std::string> head) const { return args(head, dsn()); }
  // The same against another target.
  std::vector<std::string> args(std::vector<std::string> head, const std::string& target) const;
  ToolResult run(std::vector<std::string> head) const { return run_tool(args(std::move(head))); }

  std::filesystem::path source_db(const std::string& name) const;  // a sample source's file
  const std::string& dsn() const { return db_->dsn(); }
  // A JSON report the run wrote into the test's directory.
  nlohmann::json report(const std::string& name) const;

  TempDir dir_;
  std::unique_ptr<TestDatabase> db_;
  std::vector<std::string> sources_;  // --source NAME=PATH for each sample database
};

}  // namespace s2p::test

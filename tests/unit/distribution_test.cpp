// What a Citus target would refuse of a plan, by Citus's rules for foreign keys.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sqlite2pg/plan/distribution.h"

namespace s2p {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

LoadPlan citus_plan() {
  LoadPlan plan;
  plan.distribution = Distribution{"13.2-1",
                                   {{"app", "stages", "reference", "", 2},
                                    {"app", "deployments", "distributed", "id", 1},
                                    {"app", "events", "distributed", "deployment_id", 1},
                                    {"app", "hosts", "distributed", "id", 3}},
                                   true};
  return plan;
}

ForeignKey key(const std::string& from, const std::string& column, const std::string& to,
               const std::string& ref_column) {
  return {from + "_fk", "", "app", from, "app", to, {column}, {ref_column}};
}

std::vector<std::string> problems_of(const LoadPlan& plan) {
  std::vector<std::string> out;
  check_distribution(plan, [&](const char* category, std::string text) {
    EXPECT_STREQ(category, "distribution");
    out.push_back(std::move(text));
  });
  return out;
}

TEST(Distribution, KeysCitusAcceptsPass) {
  LoadPlan plan = citus_plan();
  plan.foreign_keys = {key("events", "deployment_id", "deployments", "id"),
                       key("events", "stage", "stages", "name"),
                       key("stages", "name", "stages", "name")};
  EXPECT_THAT(problems_of(plan), IsEmpty());
}

TEST(Distribution, KeysCitusRefusesAreNamedWithTheReason) {
  LoadPlan plan = citus_plan();
  plan.foreign_keys = {key("events", "host_id", "hosts", "id"),
                       key("events", "deployment_id", "deployments", "service"),
                       key("stages", "deployment_id", "deployments", "id"),
                       key("events", "owner", "users", "id")};
  const auto p = problems_of(plan);
  ASSERT_EQ(p.size(), 4u);
  EXPECT_THAT(p[0], HasSubstr("not co-located"));
  EXPECT_THAT(p[1], HasSubstr("does not pair the two distribution columns"));
  EXPECT_THAT(p[2], HasSubstr("from \"app\".\"stages\" (a reference table) to "
                              "\"app\".\"deployments\" (distributed by id)"));
  EXPECT_THAT(p[3], HasSubstr("app.users (a plain table)"));
}

TEST(Distribution, APlainTargetIsNotChecked) {
  LoadPlan plan;
  plan.foreign_keys = {key("events", "host_id", "hosts", "id")};
  EXPECT_THAT(problems_of(plan), ElementsAre());
}

}  // namespace
}  // namespace s2p

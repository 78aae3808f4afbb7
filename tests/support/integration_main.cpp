#include <gtest/gtest.h>

#include "pg_cluster.h"

namespace {

class ClusterEnvironment : public ::testing::Environment {
 public:
  void SetUp() override { s2p::test::PgCluster::instance().start(); }
  void TearDown() override { s2p::test::PgCluster::instance().stop(); }
};

}  // namespace

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  ::testing::AddGlobalTestEnvironment(new ClusterEnvironment);
  return RUN_ALL_TESTS();
}

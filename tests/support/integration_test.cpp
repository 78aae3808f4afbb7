#include "integration_test.h"

#include <algorithm>
#include <cctype>

namespace s2p::test {

void IntegrationTest::SetUp() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string suite = info->test_suite_name();
  std::transform(suite.begin(), suite.end(), suite.begin(),
                 [](unsigned char c) { return std::isalnum(c) ? std::tolower(c) : '_'; });
  db_ = std::make_unique<TestDatabase>(suite + "_" + info->name());
  std::filesystem::create_directories(dir_ / "src");
  sources_ = sample_sources(dir_ / "src");
}

std::vector<std::string> IntegrationTest::args(std::vector<std::string> head,
                                               const std::string& target) const {
  head.insert(head.end(), {"--target", target});
  head.insert(head.end(), sources_.begin(), sources_.end());
  return head;
}

std::filesystem::path IntegrationTest::source_db(const std::string& name) const {
  return dir_ / "src" / (name + ".db");
}

nlohmann::json IntegrationTest::report(const std::string& name) const {
  return nlohmann::json::parse(read_file(dir_ / name));
}

}  // namespace s2p::test

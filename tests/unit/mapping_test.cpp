// Mapping files: the bundled ones load, and every configuration mistake names file:line:column.
#include "sqlite2pg/config/mapping.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "sqlite2pg/util/failure.h"

namespace s2p {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

class MappingFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("s2p-mapping-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name) << text;
  }
  std::string error() {
    try {
      load_mappings(dir_);
    } catch (const Failure& f) {
      EXPECT_EQ(f.code(), ExitCode::config);
      return f.what();
    }
    return "";
  }
  fs::path dir_;
};

constexpr const char* kGood = R"(source: s
path: /data/s.db
tables:
  parent:
    target: app.parent
    columns:
      id: remap_id
      name: text
  child:
    target: app.child
    columns:
      id: integer
      parent_id: {transform: remap_id, references: parent}
      note: skip
)";

TEST_F(MappingFiles, LoadsTheBundledMappings) {
  const auto all = load_mappings(fs::path(SQLITE2PG_SOURCE_DIR) / "mappings");
  ASSERT_EQ(all.size(), 3u);
  std::size_t tables = 0;
  for (const auto& m : all) tables += m.tables.size();
  EXPECT_EQ(tables, 17u);
  for (const auto& m : all) EXPECT_EQ(m.file_sha256.size(), 64u);
}

TEST_F(MappingFiles, ReadsColumnsInOrderWithReferences) {
  write("s.yaml", kGood);
  const auto m = load_mappings(dir_).at(0);
  EXPECT_EQ(m.name, "s");
  ASSERT_EQ(m.tables.size(), 2u);
  const auto& child = m.tables[1];
  EXPECT_EQ(child.target_schema, "app");
  EXPECT_EQ(child.columns[1].references, "parent");
  EXPECT_TRUE(child.columns[2].skip);
  EXPECT_EQ(m.tables[0].columns[0].references, "");  // a key remaps within its own table
}

TEST_F(MappingFiles, YamlSyntaxErrorHasLineAndColumn) {
  write("s.yaml", "source: s\npath: x\ntables:\n  t: {target: a.b, columns: [\n");
  const auto e = error();
  EXPECT_THAT(e, HasSubstr("s.yaml:")) << e;
  EXPECT_THAT(e, HasSubstr("YAML syntax error")) << e;
}

TEST_F(MappingFiles, UnknownTransformIsNamedWithItsLine) {
  std::string text = kGood;
  text.replace(text.find("name: text"), 10, "name: txet");
  write("s.yaml", text);
  const auto e = error();
  EXPECT_THAT(e, HasSubstr("s.yaml:8:")) << e;
  EXPECT_THAT(e, HasSubstr("unknown transform 'txet'")) << e;
}

TEST_F(MappingFiles, UnknownKeyIsRefused) {
  std::string text = kGood;
  text.replace(text.find("    target: app.parent"), 22, "    target: app.parent\n    tagret: x");
  write("s.yaml", text);
  EXPECT_THAT(error(), HasSubstr("unknown key 'tagret'"));
}

TEST_F(MappingFiles, ReferenceToAnUnmappedTableIsRefused) {
  std::string text = kGood;
  text.replace(text.find("references: parent"), 18, "references: nowhere");
  write("s.yaml", text);
  EXPECT_THAT(error(), HasSubstr("references table 'nowhere', which this mapping does not map"));
}

TEST_F(MappingFiles, TwoMappingsWritingOneTargetAreRefused) {
  write("a.yaml", kGood);
  std::string other = kGood;
  other.replace(0, 9, "source: t");
  write("b.yaml", other);
  EXPECT_THAT(error(), HasSubstr("target table app.parent is also written by"));
}

TEST_F(MappingFiles, ConstantsMustBeUuids) {
  write("s.yaml",
        "source: s\npath: x\ntables:\n  t:\n    target: a.t\n    columns:\n"
        "      c: {transform: uuid, constants: {default: not-a-uuid}}\n");
  EXPECT_THAT(error(), HasSubstr("constant 'not-a-uuid' is not a UUID"));
}

}  // namespace
}  // namespace s2p

namespace s2p {
namespace {

// The sample databases start with the legacy schemas, verbatim, so fixtures follow the real
// files; checked wherever the shared legacy schemas are beside the checkout.
TEST(Samples, StartWithTheLegacySchemasVerbatim) {
  const fs::path shared = fs::path(SQLITE2PG_SOURCE_DIR) / ".." / "shared" / "legacy-sqlite";
  if (!fs::exists(shared)) GTEST_SKIP() << "no " << shared;
  auto read = [](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  for (const char* name : {"registry", "deployments", "swarm"}) {
    const auto legacy = read(shared / (std::string(name) + ".sql"));
    const auto sample =
        read(fs::path(SQLITE2PG_SOURCE_DIR) / "samples" / (std::string(name) + ".sql"));
    ASSERT_FALSE(legacy.empty()) << name;
    EXPECT_EQ(sample.substr(0, legacy.size()), legacy) << name;
  }
}

}  // namespace
}  // namespace s2p

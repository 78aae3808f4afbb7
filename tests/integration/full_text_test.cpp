// to_tsvector: a target tsvector computed by PostgreSQL from SQLite's text, as applications with
// full-text search keep it (SQLite holds the text, PostgreSQL the lexemes; FTS tables are
// covered with Synapse's shapes in scaffold_target_test.cpp). Checked
// against PostgreSQL's own to_tsvector of the same texts, through migrate, verify, sync and
// rollback, in both COPY formats.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "pg_cluster.h"
#include "pg_query.h"
#include "tool.h"

namespace s2p::test {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

constexpr const char* kSource = R"SQL(
CREATE TABLE notes (id INTEGER PRIMARY KEY, title TEXT NOT NULL, body TEXT);
INSERT INTO notes (id, title, body) VALUES
  (1, 'first', 'The quick brown foxes jumped'),
  (2, 'quotes', 'It''s a "quoted" back\slash: don''t'),
  (3, 'empty', NULL),
  (4, 'unicode', 'Ünïcødé façades are jumping');
)SQL";

constexpr const char* kTarget = R"SQL(
CREATE SCHEMA docs;
CREATE TABLE docs.notes (id bigint PRIMARY KEY, title text NOT NULL, vector tsvector);
)SQL";

constexpr const char* kMapping = R"YAML(
source: docs
path: /nonexistent/docs.db
tables:
  notes:
    target: docs.notes
    columns:
      id: integer
      title: text
      body: {transform: to_tsvector, to: vector, config: english}
)YAML";

// PostgreSQL's own vectors of the texts, computed independently of the tool.
constexpr const char* kExpected =
    "SELECT count(*) FROM docs.notes n JOIN (VALUES (1, 'The quick brown foxes jumped'), "
    "(2, 'It''s a \"quoted\" back\\slash: don''t'), (4, 'Ünïcødé façades are jumping')) "
    "AS t(id, body) USING (id) WHERE n.vector = to_tsvector('english', t.body)";

class FullText : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = std::make_unique<TestDatabase>(
        std::string("fts_") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_ / "migrations");
    fs::create_directories(dir_ / "mappings");
    for (const char* etl : {"000_etl.sql", "005_etl_row_hashes.sql", "006_etl_run_kind.sql"})
      fs::copy(source_dir() / "migrations" / etl, dir_ / "migrations" / etl);
    std::ofstream(dir_ / "migrations" / "001_docs.sql") << kTarget;
    write_mapping(kMapping);
    std::ofstream(dir_ / "docs.sql") << kSource;
    build_sqlite(dir_ / "docs.db", dir_ / "docs.sql");
  }
  void write_mapping(const std::string& text) {
    std::ofstream(dir_ / "mappings" / "docs.yaml") << text;
  }
  ToolResult run(const std::string& command, std::vector<std::string> extra = {}) {
    std::vector<std::string> a = {command,      "-q",
                                  "--target",   db_->dsn(),
                                  "--mappings", (dir_ / "mappings").string(),
                                  "--source",   "docs=" + (dir_ / "docs.db").string()};
    if (command == "migrate" || command == "plan")
      a.insert(a.end(), {"--migrations", (dir_ / "migrations").string()});
    a.insert(a.end(), extra.begin(), extra.end());
    return run_tool(a);
  }
  std::string value(const std::string& sql) { return pg_value(db_->dsn(), sql).value_or("NULL"); }
  TempDir dir_;
  std::unique_ptr<TestDatabase> db_;
};

TEST_F(FullText, PostgreSQLComputesTheVectorsInEitherCopyFormatAndVerifyRecomputesThem) {
  for (const char* format : {"binary", "text"}) {
    const auto m = run("migrate", {"--replace", "--copy-format", format});
    ASSERT_EQ(m.exit_code, 0) << m.all();
    EXPECT_EQ(value(kExpected), "3") << format;
    EXPECT_EQ(value("SELECT count(*) FROM docs.notes WHERE vector IS NULL"), "1") << format;
    EXPECT_EQ(value("SELECT vector::text FROM docs.notes WHERE id = 1"),
              "'brown':3 'fox':4 'jump':5 'quick':2");
  }
  const auto v = run("verify", {"--exact"});
  EXPECT_EQ(v.exit_code, 0) << v.all();

  // A vector that is not the text's: verify's recomputation finds it, and shows both.
  value(
      "UPDATE docs.notes SET vector = to_tsvector('english', 'other words') WHERE id = 4 "
      "RETURNING 1");
  const auto changed = run("verify", {"--exact"});
  EXPECT_EQ(changed.exit_code, 6) << changed.all();
  EXPECT_THAT(changed.all(),
              HasSubstr("vector: 'façad':2 'jump':4 'ünïcødé':1 in SQLite, 'word':2 in "
                        "PostgreSQL"));
}

TEST_F(FullText, SyncRecomputesChangedTextsAndRollbackRefusesWhatItCannotWriteBack) {
  ASSERT_EQ(run("migrate").exit_code, 0);
  sqlite_exec(dir_ / "docs.db",
              "UPDATE notes SET body = 'Cats are sleeping' WHERE id = 1;"
              "INSERT INTO notes (id, title, body) VALUES (5, 'new', 'New rows arrive');");
  const auto s = run("sync");
  ASSERT_EQ(s.exit_code, 0) << s.all();
  EXPECT_EQ(value("SELECT string_agg(id || ' ' || (vector = to_tsvector('english', t)), ',' "
                  "ORDER BY id) FROM docs.notes JOIN (VALUES (1, 'Cats are sleeping'), "
                  "(5, 'New rows arrive')) AS v(id, t) USING (id)"),
            "1 true,5 true");

  // Unchanged in PostgreSQL: SQLite's texts are written back as they were.
  const auto back = run("rollback", {"--out", (dir_ / "back").string()});
  ASSERT_EQ(back.exit_code, 0) << back.all();
  EXPECT_EQ(sqlite_value(dir_ / "back" / "docs.db", "SELECT body FROM notes WHERE id = 5"),
            "New rows arrive");
  // A vector the application changed has no text to write back: refused, nothing written.
  value("UPDATE docs.notes SET vector = to_tsvector('english', 'x') WHERE id = 2 RETURNING 1");
  const auto refused = run("rollback", {"--out", (dir_ / "again").string()});
  EXPECT_NE(refused.exit_code, 0) << refused.all();
  EXPECT_THAT(refused.all(), HasSubstr("the text it came from is not in PostgreSQL"));
  EXPECT_FALSE(fs::exists(dir_ / "again" / "docs.db"));
}

TEST_F(FullText, AConfigurationTheTargetLacksOrNoneAtAllIsRefusedBeforeAnythingIsWritten) {
  std::string mapping = kMapping;
  mapping.replace(mapping.find("config: english"), 15, "config: klingon");
  write_mapping(mapping);
  const auto unknown = run("migrate");
  EXPECT_EQ(unknown.exit_code, 3) << unknown.all();
  EXPECT_THAT(unknown.err, HasSubstr("config 'klingon' is not a text search configuration"));
  EXPECT_EQ(value("SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'docs'"),
            "0");
  mapping.replace(mapping.find(", config: klingon"), 17, "");
  write_mapping(mapping);
  const auto none = run("migrate");
  EXPECT_EQ(none.exit_code, 3) << none.all();
  EXPECT_THAT(none.err, HasSubstr("transform to_tsvector needs config:"));
}

}  // namespace
}  // namespace s2p::test

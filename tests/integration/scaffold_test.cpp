// Beyond Swarm: a database that has nothing to do with it goes scaffold -> migrate -> verify
// with the proposal accepted as it is.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <yaml-cpp/yaml.h>

#include <fstream>

#include "pg_cluster.h"
#include "pg_query.h"
#include "sqlite2pg/config/mapping.h"
#include "tool.h"

namespace s2p::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
namespace fs = std::filesystem;

constexpr const char* kShop = R"SQL(
CREATE TABLE "Customers" ("CustomerId" TEXT PRIMARY KEY, "Name" TEXT NOT NULL, "order" INTEGER, "select" TEXT,
                          created TEXT);
INSERT INTO "Customers" VALUES
  ('cus-ada', 'Ada', 1, 'gold', '2023-01-02 03:04:05'),
  ('0E5C1D2A-3B4C-4D5E-8F60-718293A4B5C6', 'Grace "Amazing" Hopper', 2, NULL, '2023-02-03T04:05:06.5Z'),
  ('1f2e3d4c-5b6a-4978-8a6b-5c4d3e2f1a0b', 'Émile', NULL, 'silver', '2023-03-04T05:06:07+02:00');
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer TEXT NOT NULL REFERENCES "Customers"("CustomerId"),
                     placed_at INTEGER, total REAL, paid INTEGER, meta TEXT);
INSERT INTO orders VALUES
  (1, 'cus-ada', 1700000000123, 19.99, 1, '{"channel": "web", "items": 2}'),
  (2, '0e5c1d2a-3b4c-4d5e-8f60-718293a4b5c6', 1700000100456, 5.5, 0, '{"channel": "shop"}'),
  (7, '1f2e3d4c-5b6a-4978-8a6b-5c4d3e2f1a0b', 1700000200789, 0.25, 1, '[]');
CREATE TABLE order_items (order_id INTEGER REFERENCES orders(id), line INTEGER, sku TEXT, qty INTEGER,
                          PRIMARY KEY (order_id, line));
INSERT INTO order_items VALUES (1, 1, 'SKU-1', 2), (1, 2, 'SKU-2', 1), (2, 1, 'SKU-1', 5), (7, 1, 'SKU-3', 12);
CREATE TABLE audit_log ("user" TEXT, "from" TEXT, "to" TEXT, at TEXT, payload BLOB);
INSERT INTO audit_log VALUES ('ada', 'cart', 'paid', '2023-05-06 07:08:09', X'00FF10'),
                             ('grace', 'paid', 'shipped', '2023-05-07 07:08:09', NULL);
CREATE TABLE "Weird ""Name""" ("group" TEXT, value INTEGER);
INSERT INTO "Weird ""Name""" VALUES ('a', 42), ('b', -7);
)SQL";

TEST(BeyondSwarm, ScaffoldAcceptTheProposalMigrateVerify) {
  TempDir dir;
  std::ofstream(dir / "shop.sql") << kShop;
  build_sqlite(dir / "shop.db", dir / "shop.sql");
  fs::create_directories(dir / "mappings");
  fs::create_directories(dir / "migrations");
  for (const char* etl : {"000_etl.sql", "005_etl_row_hashes.sql"}) {
    fs::copy(source_dir() / "migrations" / etl, dir / "migrations" / etl);
  }
  const auto s = run_tool({"scaffold", (dir / "shop.db").string(), "--source", "shop", "--schema",
                           "shop", "-o", (dir / "mappings" / "shop.yaml").string(), "--ddl",
                           (dir / "migrations" / "010_shop.sql").string()});
  ASSERT_EQ(s.exit_code, 0) << s.all();
  const auto yaml = read_file(dir / "mappings" / "shop.yaml");
  for (const char* expected :
       {"CustomerId: remap_id  #", "customer: {transform: remap_id, references: Customers}",
        "placed_at: epoch_milliseconds  #", "paid: boolean  #", "meta: jsonb", "total: real",
        "payload: bytea", "created: timestamptz",
        "  Weird \"Name\":", "# no primary key: rows are named by rowid"}) {
    EXPECT_THAT(yaml, HasSubstr(expected)) << expected << "\n" << yaml;
  }
  EXPECT_NO_THROW(load_mapping_file(dir / "mappings" / "shop.yaml"));

  TestDatabase db("beyond_swarm");
  const std::vector<std::string> common = {"--target",   db.dsn(),
                                           "--mappings", (dir / "mappings").string(),
                                           "--source",   "shop=" + (dir / "shop.db").string()};
  auto plan = common;
  plan.insert(plan.begin(), {"plan", "--migrations", (dir / "migrations").string()});
  const auto p = run_tool(plan);
  EXPECT_EQ(p.exit_code, 0) << p.all();
  auto migrate = common;
  migrate.insert(migrate.begin(), {"migrate", "--migrations", (dir / "migrations").string()});
  const auto m = run_tool(migrate);
  ASSERT_EQ(m.exit_code, 0) << m.all();
  auto verify = common;
  verify.insert(verify.begin(), {"verify", "--exact"});
  const auto v = run_tool(verify);
  EXPECT_EQ(v.exit_code, 0) << v.all();
  EXPECT_THAT(v.out, HasSubstr("SAFE TO DELETE"));

  // Values, checked independently.
  EXPECT_EQ(
      pg_value(
          db.dsn(),
          "SELECT c.\"Name\" FROM shop.orders o JOIN shop.\"Customers\" c ON c.\"CustomerId\" = "
          "o.customer WHERE o.id = 1"),
      "Ada");
  EXPECT_EQ(
      pg_value(
          db.dsn(),
          "SELECT (extract(epoch FROM placed_at) * 1000)::bigint FROM shop.orders WHERE id = 7"),
      "1700000200789");
  EXPECT_EQ(pg_value(db.dsn(), "SELECT paid::text FROM shop.orders WHERE id = 2"), "false");
  EXPECT_EQ(pg_value(db.dsn(), "SELECT sum(qty)::text FROM shop.order_items WHERE order_id = 1"),
            "3");
  EXPECT_EQ(pg_value(db.dsn(),
                     "SELECT encode(payload, 'hex') FROM shop.audit_log WHERE \"user\" = 'ada'"),
            "00ff10");
  EXPECT_EQ(pg_value(db.dsn(),
                     "SELECT string_agg(\"group\" || value, ',' ORDER BY value) FROM shop.\"Weird "
                     "\"\"Name\"\"\""),
            "b-7,a42");
  EXPECT_EQ(pg_value(db.dsn(), "SELECT count(*)::text FROM etl.id_map WHERE source = 'shop'"),
            "1");  // cus-ada
}

// A project holding sqlite2pg's own migrations and one SQLite file built from `sql`, for the
// proposal of `scaffold --ddl` to be applied by `schema up` as a user would.
struct HostileProject {
  TempDir dir;
  TestDatabase db;
  HostileProject(const std::string& name, const std::string& sql) : db(name) {
    fs::create_directories(dir / "mappings");
    fs::create_directories(dir / "migrations");
    for (const char* etl : {"000_etl.sql", "005_etl_row_hashes.sql", "006_etl_run_kind.sql"})
      fs::copy(source_dir() / "migrations" / etl, dir / "migrations" / etl);
    std::ofstream(dir / "odd.sql", std::ios::binary) << sql;
    build_sqlite(dir / "odd.db", dir / "odd.sql");
  }
  ToolResult scaffold() const {
    return run_tool({"scaffold", (dir / "odd.db").string(), "--schema", "odd", "-o",
                     (dir / "mappings" / "odd.yaml").string(), "--ddl",
                     (dir / "migrations" / "010_odd.sql").string()});
  }
  ToolResult tool(const std::string& command, const std::string& extra = "") const {
    std::vector<std::string> a = {command, "--target", db.dsn(), "--migrations",
                                  (dir / "migrations").string()};
    if (command == "schema") a.insert(a.begin() + 1, "up");
    if (command != "schema")
      a.insert(a.end(), {"--mappings", (dir / "mappings").string(), "--source",
                         "odd=" + (dir / "odd.db").string()});
    if (!extra.empty()) a.push_back(extra);
    return run_tool(a);
  }
};

constexpr const char* kInjected = "ix\nCREATE TABLE public.pwned(x int); --";
constexpr const char* kTable = "it's */ -- \xe2\x98\x83";  // a snowman

// Index names holding a line break and a statement: the one re-created is created under that
// very name; the one that is not (a partial index) is named in a comment, which it cannot
// leave. The odd names around them (quotes, `*/`, `--`, Unicode) scaffold and migrate as they
// are.
TEST(ScaffoldHostile, AnIndexNameIsANameNotAStatement) {
  const std::string table = std::string("\"") + kTable + "\"";
  HostileProject p("scaffold_index_name",
                   "CREATE TABLE " + table + " (id INTEGER PRIMARY KEY, \"a \"\" b\" TEXT);\n" +
                       "CREATE INDEX \"" + kInjected + "\" ON " + table + " (\"a \"\" b\");\n" +
                       "CREATE INDEX \"partial\nCREATE TABLE public.pwned(x int); --\" ON " +
                       table + " (id) WHERE id > 0;\nINSERT INTO " + table + " VALUES (1, 'x');\n");
  const auto s = p.scaffold();
  ASSERT_EQ(s.exit_code, 0) << s.all();
  const auto up = p.tool("schema");
  ASSERT_EQ(up.exit_code, 0) << up.all() << read_file(p.dir / "migrations" / "010_odd.sql");
  EXPECT_EQ(pg_value(p.db.dsn(), "SELECT to_regclass('public.pwned')::text"), std::nullopt);
  EXPECT_EQ(pg_value(p.db.dsn(),
                     "SELECT string_agg(indexname || ' on ' || tablename, ',') FROM "
                     "pg_indexes WHERE schemaname = 'odd' AND indexname NOT LIKE "
                     "'%_pkey'"),
            std::string(kInjected) + " on " + kTable);
  EXPECT_THAT(s.err, HasSubstr("index partial\\nCREATE TABLE public.pwned(x int); -- on " +
                               std::string(kTable) + " not re-created"));
  const auto m = p.tool("migrate");
  ASSERT_EQ(m.exit_code, 0) << m.all();
  EXPECT_EQ(pg_value(p.db.dsn(), "SELECT \"a \"\" b\" FROM odd." + table), "x");
}

// A view's SQL is quoted in the migration as comments: a CR in it (PostgreSQL ends a `--`
// comment at CR as at LF) does not set the rest of the line free.
TEST(ScaffoldHostile, ACarriageReturnInAViewStaysInItsComment) {
  HostileProject p("scaffold_view_cr",
                   "CREATE TABLE t (id INTEGER PRIMARY KEY);\n"
                   "CREATE VIEW v AS SELECT id -- \rCREATE TABLE public.pwned(x int); --\nFROM t;\n"
                   "CREATE VIEW \"w\rDROP SCHEMA odd CASCADE; --\" AS SELECT 1;\n");
  const auto s = p.scaffold();
  ASSERT_EQ(s.exit_code, 0) << s.all();
  const std::string ddl = read_file(p.dir / "migrations" / "010_odd.sql");
  EXPECT_EQ(ddl.find('\r'), std::string::npos) << ddl;
  EXPECT_THAT(ddl, HasSubstr("-- CREATE VIEW v AS SELECT id -- \\rCREATE TABLE public.pwned"));
  EXPECT_THAT(s.err, HasSubstr("view w\\rDROP SCHEMA odd CASCADE; -- not re-created"));
  const auto up = p.tool("schema");
  ASSERT_EQ(up.exit_code, 0) << up.all() << ddl;
  EXPECT_EQ(pg_value(p.db.dsn(), "SELECT to_regclass('public.pwned')::text"), std::nullopt);
  EXPECT_EQ(pg_value(p.db.dsn(), "SELECT to_regclass('odd.t')::text"), "odd.t");
}

// A file SQLite reports damaged (an index page overwritten) is not scaffolded: the proposal
// would describe what is left of it. Sampling reads the table, never the index, so only
// SQLite's own check sees it.
TEST(ScaffoldHostile, ADamagedFileIsRefusedNamingItAndSQLitesWords) {
  TempDir dir;
  const auto db = dir / "damaged.db";
  std::ofstream(dir / "damaged.sql")
      << "PRAGMA page_size = 4096; CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);"
         "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500) "
         "INSERT INTO t SELECT i, hex(randomblob(50)) FROM n; CREATE INDEX ix ON t (v);";
  build_sqlite(db, dir / "damaged.sql");
  const long root =
      std::stol(sqlite_value(db, "SELECT rootpage FROM sqlite_master WHERE name = 'ix'").value());
  {
    std::fstream f(db, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp((root - 1) * 4096);
    f << std::string(4096, '\xff');
  }
  ASSERT_EQ(sqlite_value(db, "SELECT count(*) FROM t"), "500");  // the table still reads
  const auto s = run_tool({"scaffold", db.string()});
  EXPECT_EQ(s.exit_code, 3) << s.all();
  EXPECT_THAT(s.err,
              HasSubstr("error: source damaged (" + db.string() + ") fails PRAGMA quick_check: "));
  EXPECT_THAT(s.err, HasSubstr("Page " + std::to_string(root) + ": btreeInitPage() returns error"));
  EXPECT_EQ(s.out, "");
}

// A table wider than PostgreSQL's 1,600 columns is not proposed (its CREATE TABLE would fail):
// it is named with its width, left to decide (exit 3), and the rest is proposed as usual.
TEST(ScaffoldHostile, ATableWiderThanPostgreSQLAllowsIsLeftToDecide) {
  std::string columns;
  for (int i = 1; i <= 2000; ++i) columns += (i > 1 ? ", c" : "c") + std::to_string(i) + " TEXT";
  HostileProject p("scaffold_wide", "CREATE TABLE wide (" + columns +
                                        ");\nCREATE TABLE narrow (id INTEGER PRIMARY KEY);\n");
  const auto s = p.scaffold();
  EXPECT_EQ(s.exit_code, 3) << s.all();
  const std::string said =
      "table wide has 2000 columns, more than PostgreSQL's 1600 per table: left out of the "
      "mapping and the migration";
  EXPECT_THAT(s.err, HasSubstr("to decide before the mapping is complete"));
  EXPECT_THAT(s.err, HasSubstr(said));
  const std::string yaml = read_file(p.dir / "mappings" / "odd.yaml");
  const std::string ddl = read_file(p.dir / "migrations" / "010_odd.sql");
  EXPECT_THAT(yaml, HasSubstr("# TO DECIDE: " + said));
  EXPECT_THAT(ddl, HasSubstr("-- TO DECIDE: " + said));
  const YAML::Node tables = YAML::Load(yaml)["tables"];
  ASSERT_EQ(tables.size(), 1u) << yaml;
  EXPECT_TRUE(tables["narrow"]) << yaml;
  const auto up = p.tool("schema");
  ASSERT_EQ(up.exit_code, 0) << up.all();
  EXPECT_EQ(pg_value(p.db.dsn(),
                     "SELECT string_agg(tablename, ',') FROM pg_tables WHERE "
                     "schemaname = 'odd'"),
            "narrow");
}

// Names SQLite takes and PostgreSQL cannot (empty, not UTF-8) are refused before anything is
// written, each named (escaped) with its table; an odd name beside them is not among them.
TEST(ScaffoldHostile, NamesPostgreSQLCannotHoldAreRefusedNamingThem) {
  TempDir dir;
  std::ofstream(dir / "names.sql", std::ios::binary)
      << "CREATE TABLE \"t\nu\" (\"\" TEXT, \"ok -- */\" TEXT, \"bad\xff\" TEXT);\n";
  build_sqlite(dir / "names.db", dir / "names.sql");
  const auto s = run_tool({"scaffold", (dir / "names.db").string(), "-o",
                           (dir / "names.yaml").string(), "--ddl", (dir / "names.ddl").string()});
  EXPECT_EQ(s.exit_code, 3) << s.all();
  EXPECT_THAT(s.err, HasSubstr("in table 't\\nu', column '' is empty, which a PostgreSQL name "
                               "cannot be; in table 't\\nu', column 'bad\\xff' is not UTF-8"));
  EXPECT_THAT(s.err, Not(HasSubstr("ok -- */"))) << s.err;
  EXPECT_FALSE(fs::exists(dir / "names.yaml"));
  EXPECT_FALSE(fs::exists(dir / "names.ddl"));
}

}  // namespace
}  // namespace s2p::test

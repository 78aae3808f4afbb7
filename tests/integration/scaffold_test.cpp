// Beyond Swarm: a database that has nothing to do with it goes scaffold -> migrate -> verify
// with the proposal accepted as it is.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "pg_cluster.h"
#include "pg_query.h"
#include "sqlite2pg/config/mapping.h"
#include "tool.h"

namespace s2p::test {
namespace {

using ::testing::HasSubstr;
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

}  // namespace
}  // namespace s2p::test

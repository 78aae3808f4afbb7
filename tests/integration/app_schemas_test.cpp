// Two real applications' own schemas (tests/apps: Vaultwarden's Diesel migrations for both
// engines, Synapse's full schemas), their SQLite files filled in the shapes each writes, moved
// into the schema the application's own migrations create: scaffold --target, plan, migrate
// --replace, verify --exact. Vaultwarden needs no edit; Synapse only `sequences:` and
// `after_load:`.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "pg_cluster.h"
#include "pg_query.h"
#include "tool.h"

namespace s2p::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
namespace fs = std::filesystem;

std::string app_file(const std::string& app, const std::string& name) {
  return read_file(source_dir() / "tests" / "apps" / app / name);
}

// Diesel's ledger, and the versions of a migrations list: a folder's name up to its first '_',
// dashes removed.
std::string diesel_ledger(const std::string& versions_file, const std::string& run_on) {
  std::string sql =
      "CREATE TABLE __diesel_schema_migrations (version VARCHAR(50) PRIMARY KEY NOT NULL, run_on "
      "TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP);\n";
  std::istringstream in(versions_file);
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    std::string version = line.substr(0, line.find('_'));
    version.erase(std::remove(version.begin(), version.end(), '-'), version.end());
    sql += "INSERT INTO __diesel_schema_migrations (version, run_on) VALUES ('" + version + "', '" +
           run_on + "');\n";
  }
  return sql;
}

// A SQLite file and a PostgreSQL database as the application left them; sqlite2pg's own
// migrations only, since the application owns its schema.
struct RealApp {
  TempDir dir;
  TestDatabase db;
  RealApp(const std::string& name, const std::string& sqlite_sql, const std::string& pg_sql)
      : db("app_" + name) {
    fs::create_directories(dir / "migrations");
    fs::create_directories(dir / "mappings");
    for (const char* etl : {"000_etl.sql", "005_etl_row_hashes.sql", "006_etl_run_kind.sql"})
      fs::copy(source_dir() / "migrations" / etl, dir / "migrations" / etl);
    std::ofstream(dir / "app.sql") << sqlite_sql;
    build_sqlite(dir / "app.db", dir / "app.sql");
    pqxx::connection c(db.dsn());
    pqxx::nontransaction w(c);
    w.exec("SET client_min_messages = warning");
    w.exec(pg_sql);
  }
  fs::path mapping() const { return dir / "mappings" / "app.yaml"; }
  ToolResult scaffold() {
    return run_tool({"scaffold", (dir / "app.db").string(), "--source", "app", "--target", db.dsn(),
                     "-o", mapping().string()});
  }
  ToolResult run(std::vector<std::string> head, bool migrations = true) {
    if (migrations) head.insert(head.end(), {"--migrations", (dir / "migrations").string()});
    head.insert(head.end(), {"--target", db.dsn(), "--mappings", (dir / "mappings").string(),
                             "--source", "app=" + (dir / "app.db").string()});
    return run_tool(head);
  }
  std::string sqlite(const std::string& sql) {
    return sqlite_value(dir / "app.db", sql).value_or("NULL");
  }
  std::string pg(const std::string& sql) { return pg_value(db.dsn(), sql).value_or("NULL"); }
  void cutover() {
    const auto p = run({"plan", "--replace"});
    EXPECT_EQ(p.exit_code, 0) << p.all();
    for (int round = 0; round < 2; ++round) {  // re-runnable
      const auto m = run({"migrate", "--replace"});
      ASSERT_EQ(m.exit_code, 0) << read_file(mapping()) << m.all();
    }
    const auto v = run({"verify", "--exact"}, false);
    EXPECT_EQ(v.exit_code, 0) << v.all();
    EXPECT_THAT(v.out, HasSubstr("SAFE TO DELETE"));
  }
  // Every table holds as many rows in PostgreSQL as in SQLite.
  void expect_same_counts(const std::vector<std::string>& tables) {
    for (const auto& t : tables)
      EXPECT_EQ(pg("SELECT count(*) FROM public." + t), sqlite("SELECT count(*) FROM " + t)) << t;
  }
};

TEST(RealAppSchemas, VaultwardenMovesWithNoHandEdits) {
  RealApp app(
      "vaultwarden",
      app_file("vaultwarden", "sqlite.up.sql") +
          diesel_ledger(app_file("vaultwarden", "sqlite.versions"), "2020-01-01 00:00:00") +
          app_file("vaultwarden", "data.sql"),
      app_file("vaultwarden", "postgresql.up.sql") +
          diesel_ledger(app_file("vaultwarden", "postgresql.versions"), "2024-06-01 09:00:00"));
  const auto s = app.scaffold();
  ASSERT_EQ(s.exit_code, 0) << s.all();
  const std::string mapping = read_file(app.mapping());
  EXPECT_THAT(mapping, HasSubstr("__diesel_schema_migrations: skip  # Diesel's migration ledger"));
  EXPECT_THAT(mapping, HasSubstr("created_at: {transform: timestamptz, precision: truncate}"));
  app.cutover();
  app.expect_same_counts({"users", "organizations", "users_organizations", "ciphers", "folders",
                          "folders_ciphers", "devices", "collections", "twofactor", "sends",
                          "event", "emergency_access", "groups", "auth_requests"});
  // Microseconds, as Vaultwarden on PostgreSQL keeps them; booleans; the ledger PostgreSQL's.
  EXPECT_EQ(
      app.pg("SELECT string_agg(to_char(created_at, 'YYYY-MM-DD HH24:MI:SS.US'), ',' ORDER BY "
             "uuid) FROM users"),
      app.sqlite("SELECT group_concat(substr(created_at, 1, 26), ',') FROM (SELECT "
                 "created_at FROM users ORDER BY uuid)"));
  EXPECT_EQ(app.pg("SELECT string_agg(enabled::text, ',' ORDER BY uuid) FROM users"),
            app.sqlite("SELECT group_concat(CASE enabled WHEN 1 THEN 'true' ELSE 'false' END, "
                       "',') FROM (SELECT enabled FROM users ORDER BY uuid)"));
  EXPECT_EQ(app.pg("SELECT count(*) || '/' || min(version) || '/' || min(run_on) FROM "
                   "__diesel_schema_migrations"),
            "46/20190912100000/2024-06-01 09:00:00");
  // Vaultwarden's next write.
  EXPECT_EQ(app.pg("INSERT INTO folders (uuid, created_at, updated_at, user_uuid, name) SELECT "
                   "gen_random_uuid()::text, now(), now(), uuid, 'new' FROM users LIMIT 1 "
                   "RETURNING name"),
            "new");
}

std::string synapse_schema(const char* engine) {
  return app_file("synapse", "schema_version.sql") +
         app_file("synapse", std::string("common.full.sql.") + engine) +
         app_file("synapse", std::string("main.full.sql.") + engine) +
         app_file("synapse", std::string("state.full.sql.") + engine) +
         "INSERT INTO schema_version (version, upgraded) VALUES (72, " +
         (std::string(engine) == "sqlite" ? "0" : "false") + ");\n";
}

TEST(RealAppSchemas, SynapseMovesWithOnlySequencesAndAfterLoad) {
  RealApp app("synapse", synapse_schema("sqlite") + app_file("synapse", "data.sql"),
              synapse_schema("postgres"));
  const auto s = app.scaffold();
  EXPECT_EQ(s.exit_code, 3) << s.all();  // three sequences
  std::string mapping = read_file(app.mapping());
  for (const char* expected :
       {"schema_version: skip  # Synapse's migration ledger", "applied_schema_deltas: skip",
        "public.events_stream_seq: SELECT max(\"stream_ordering\") FROM \"public\".\"events\"",
        "public.state_group_id_seq: SELECT max(\"id\") FROM \"public\".\"state_groups\"",
        "public.user_id_seq: TO DECIDE"})
    EXPECT_THAT(mapping, HasSubstr(expected));
  EXPECT_THAT(mapping, Not(HasSubstr("event_search_segdir")));
  EXPECT_THAT(mapping, Not(HasSubstr("user_directory_search_content")));
  // The full-text columns: PostgreSQL computes the vectors from SQLite's texts.
  EXPECT_THAT(s.err, Not(HasSubstr("source column value")));
  EXPECT_THAT(mapping, HasSubstr("value: {transform: to_tsvector, to: vector, config: "
                                 "pg_catalog.english}"));
  // The edits Synapse's own porting script hard-codes.
  YAML::Node m = YAML::LoadFile(app.mapping().string());
  m["sequences"]["public.events_backfill_stream_seq"] =
      "SELECT -min(stream_ordering) FROM public.events";
  m["sequences"]["public.receipts_sequence"] =
      "SELECT max(stream_id) FROM public.receipts_linearized";
  m["sequences"]["public.user_id_seq"] = "skip";
  m["tables"]["event_search"]["after_load"].push_back(
      "UPDATE event_search SET origin_server_ts = e.origin_server_ts, stream_ordering = "
      "e.stream_ordering FROM events e WHERE e.event_id = event_search.event_id");
  std::ofstream(app.mapping()) << YAML::Dump(m);
  app.cutover();
  app.expect_same_counts({"events", "event_json", "rooms", "users", "room_memberships",
                          "state_groups", "state_groups_state", "event_search",
                          "receipts_linearized", "device_inbox", "access_tokens",
                          "local_media_repository"});
  EXPECT_EQ(app.pg("SELECT count(*) || '/' || min(version) || '/' || bool_or(upgraded) FROM "
                   "schema_version"),
            "1/72/false");
  // Negative stream orderings (backfill), int64 at its limit, booleans from 0/1, bytea exactly.
  EXPECT_EQ(app.pg("SELECT min(stream_ordering) || '/' || max(received_ts) FROM events"),
            app.sqlite("SELECT min(stream_ordering) || '/' || max(received_ts) FROM events"));
  EXPECT_EQ(app.pg("SELECT string_agg(outlier::text, ',' ORDER BY stream_ordering) FROM events"),
            app.sqlite("SELECT group_concat(CASE outlier WHEN 1 THEN 'true' ELSE 'false' END, "
                       "',') FROM (SELECT outlier FROM events ORDER BY stream_ordering)"));
  EXPECT_EQ(app.pg("SELECT string_agg(encode(key_json, 'hex'), ',' ORDER BY server_name, key_id) "
                   "FROM server_keys_json"),
            app.sqlite("SELECT group_concat(lower(hex(key_json)), ',') FROM (SELECT key_json "
                       "FROM server_keys_json ORDER BY server_name, key_id)"));
  EXPECT_EQ(app.pg("SELECT count(*) FROM event_search s JOIN events e USING (event_id) WHERE "
                   "s.stream_ordering = e.stream_ordering"),
            app.pg("SELECT count(*) FROM event_search s JOIN events e USING (event_id)"));
  EXPECT_EQ(app.pg("SELECT count(*) FROM event_search WHERE vector = to_tsvector('english', "
                   "'value1')"),
            app.sqlite("SELECT count(*) FROM event_search WHERE value = 'value1'"));
  EXPECT_EQ(app.pg("SELECT count(vector) FROM user_directory_search"),
            app.sqlite("SELECT count(value) FROM user_directory_search"));
  // Every stream position hands out a value no row uses.
  EXPECT_EQ(app.pg("SELECT nextval('events_stream_seq') > max(stream_ordering) FROM events"), "t");
  EXPECT_EQ(app.pg("SELECT nextval('events_backfill_stream_seq') > -min(stream_ordering) FROM "
                   "events"),
            "t");
  EXPECT_EQ(app.pg("SELECT nextval('state_group_id_seq') > max(id) FROM state_groups"), "t");
  EXPECT_EQ(app.pg("SELECT nextval('device_inbox_sequence') > max(stream_id) FROM device_inbox"),
            "t");
  // Synapse's next writes: a state group from its sequence, a message indexed as it indexes one.
  EXPECT_EQ(app.pg("INSERT INTO state_groups (id, room_id, event_id) VALUES "
                   "(nextval('state_group_id_seq'), '!new:x', '$new') RETURNING 'ok'"),
            "ok");
  EXPECT_EQ(app.pg("INSERT INTO event_search (event_id, room_id, sender, key, vector) VALUES "
                   "('$new', '!new:x', '@ada:x', 'content.body', to_tsvector('english', "
                   "'value1')) RETURNING (SELECT count(*) FROM event_search WHERE vector @@ "
                   "to_tsquery('english', 'value1'))::text"),
            std::to_string(std::stoi(app.sqlite("SELECT count(*) FROM event_search WHERE value "
                                                "= 'value1'"))));
}

}  // namespace
}  // namespace s2p::test

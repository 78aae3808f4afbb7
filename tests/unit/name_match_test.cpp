// scaffold --target's name rules, in their order, and ambiguity left undecided.
#include "sqlite2pg/scaffold/name_match.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace s2p {
namespace {

std::string only(const std::vector<NameCandidate>& c) {
  return c.size() == 1 ? c[0].name + (c[0].how.empty() ? "" : " (" + c[0].how + ")")
                       : std::to_string(c.size()) + " candidates";
}

TEST(NameMatch, SnakeCaseOfEverySpelling) {
  EXPECT_EQ(snake_case("ArtistId"), "artist_id");
  EXPECT_EQ(snake_case("HTTPRequest"), "http_request");
  EXPECT_EQ(snake_case("invoiceLineId"), "invoice_line_id");
  EXPECT_EQ(snake_case("order-items"), "order_items");
  EXPECT_EQ(snake_case("already_snake"), "already_snake");
  EXPECT_EQ(snake_case("Track2Name"), "track2_name");
}

TEST(NameMatch, TablesByTheFirstRuleThatFindsAny) {
  EXPECT_EQ(only(match_table("users", {"users", "Users"})), "users");
  EXPECT_EQ(only(match_table("Users", {"users", "posts"})), "users (case-insensitive)");
  EXPECT_EQ(only(match_table("InvoiceLine", {"invoice_line", "invoice"})),
            "invoice_line (CamelCase to snake_case)");
  EXPECT_EQ(only(match_table("Artist", {"artists", "albums"})), "artists (singular to plural)");
  EXPECT_EQ(only(match_table("category", {"categories"})), "categories (singular to plural)");
  EXPECT_EQ(only(match_table("box", {"boxes"})), "boxes (singular to plural)");
  EXPECT_EQ(only(match_table("InvoiceLine", {"invoice_lines"})),
            "invoice_lines (singular to plural)");
  EXPECT_EQ(only(match_table("user", {"app_users", "app_posts"})),
            "app_users (the targets' prefix app_, singular to plural)");
  EXPECT_EQ(match_table("Nothing", {"users", "posts"}).size(), 0u);
  // Two candidates under one rule: both named, none chosen.
  EXPECT_EQ(match_table("Person", {"person", "PERSON"}).size(), 2u);
}

TEST(NameMatch, ColumnsIncludingATablesOwnKey) {
  EXPECT_EQ(only(match_column("ArtistId", "ArtistId", {"id", "name"})),
            "id (the table's own key to id)");
  EXPECT_EQ(only(match_column("ArtistId", "AlbumId", {"id", "artist_id"})),
            "artist_id (CamelCase to snake_case)");
  EXPECT_EQ(only(match_column("id", "id", {"artist_id", "name"}, "Artist")),
            "artist_id (the table's own key to id)");
  EXPECT_EQ(match_column("id", "id", {"album_id"}, "Artist").size(), 0u);
  EXPECT_EQ(only(match_column("Name", "", {"name"})), "name (case-insensitive)");
  EXPECT_EQ(match_column("Extra", "", {"name"}).size(), 0u);
}

}  // namespace
}  // namespace s2p

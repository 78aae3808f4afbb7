// The migration-statement lexer: what it takes for statements, and what it skips.
#include "sqlite2pg/schema/sql_statements.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace s2p {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(SqlStatements, HeadsSkipCommentsStringsAndBodies) {
  EXPECT_THAT(statement_heads("create table a (x int); -- begin;\n/* commit; /* nested */ */ "
                              "insert into a values ('commit;');"),
              ElementsAre("CREATE TABLE", "INSERT INTO"));
  EXPECT_THAT(statement_heads("CREATE FUNCTION f() RETURNS int AS $body$ BEGIN RETURN 1; END "
                              "$body$ LANGUAGE plpgsql; SELECT $1"),
              ElementsAre("CREATE FUNCTION", "SELECT 1"));
  EXPECT_THAT(statement_heads("select E'it\\'s; begin'; select \"a;b\""),
              ElementsAre("SELECT E", "SELECT"));
}

TEST(SqlStatements, TransactionControlIsFound) {
  EXPECT_EQ(transaction_control_in("create table a(x int);\ncommit;"), "COMMIT");
  EXPECT_EQ(transaction_control_in("BEGIN; create table a(x int);"), "BEGIN");
  EXPECT_EQ(transaction_control_in("start transaction;"), "START TRANSACTION");
  EXPECT_EQ(transaction_control_in("prepare transaction 'x';"), "PREPARE TRANSACTION");
  EXPECT_EQ(transaction_control_in("savepoint s; rollback to s;"), "");
  EXPECT_EQ(transaction_control_in("do $$ begin perform 1; end $$;"), "");
  EXPECT_EQ(transaction_control_in("-- commit;\nselect 'rollback;';"), "");
}

// PostgreSQL's lexer ends a -- comment at CR as at LF: what follows a CR is a statement.
TEST(SqlStatements, ACarriageReturnEndsALineComment) {
  EXPECT_EQ(transaction_control_in("-- note\rCOMMIT;"), "COMMIT");
  EXPECT_THAT(statement_heads("-- a\rcreate table x (i int); -- b\ncreate index y on x (i);"),
              ElementsAre("CREATE TABLE", "CREATE INDEX"));
}

TEST(SqlStatements, TextsWithoutCommentsOrSemicolons) {
  EXPECT_THAT(statement_texts("-- head\nCREATE TABLE \"a;--\" (x int /* ; */);\n\n"
                              "select 'it''s; -- no', $b$ ; $b$ ;  ; -- tail"),
              ElementsAre("CREATE TABLE \"a;--\" (x int  )", "select 'it''s; -- no', $b$ ; $b$"));
  EXPECT_THAT(statement_texts("-- only\r-- comments\n/* here */"), IsEmpty());
}

TEST(SqlStatements, ExtensionsCreatedAsWritten) {
  EXPECT_THAT(extensions_created("CREATE EXTENSION IF NOT EXISTS \"uuid-ossp\";\n"
                                 "create  extension\n pgcrypto with schema x;\n"
                                 "CREATE EXTENSION IF NOT EXISTS citext;"),
              ElementsAre("uuid-ossp", "pgcrypto", "citext"));
  EXPECT_THAT(extensions_created("create extensions_log (x int); recreate extension y;"),
              IsEmpty());
}

}  // namespace
}  // namespace s2p

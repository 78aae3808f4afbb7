-- What SQLite allows and PostgreSQL does not: NULLs in a (non-rowid) primary key, names longer
-- than PostgreSQL's 63 bytes that share their first 63, expression and partial indexes, a
-- DEFAULT with no PostgreSQL equivalent.
CREATE TABLE codes (code TEXT PRIMARY KEY, label TEXT, counted INTEGER DEFAULT (strftime('%s', 'now')));
INSERT INTO codes VALUES ('a', 'Alpha', 5), (NULL, 'no code 1', 6), (NULL, 'no code 2', 7), ('b', NULL, 8);
CREATE INDEX codes_lower ON codes (lower(label));
CREATE INDEX codes_partial ON codes (label) WHERE label IS NOT NULL;
CREATE UNIQUE INDEX codes_counted ON codes (counted);
CREATE TABLE "a_table_name_that_goes_on_and_on_well_past_what_postgresql_keeps_x" (
  "a_column_name_that_goes_on_and_on_well_past_what_postgresql_keeps_1" INTEGER,
  "a_column_name_that_goes_on_and_on_well_past_what_postgresql_keeps_2" TEXT);
INSERT INTO "a_table_name_that_goes_on_and_on_well_past_what_postgresql_keeps_x" VALUES (1, 'one'), (2, 'two');
-- CHECKs and DEFAULTs whose meaning PostgreSQL would change are left out; a comment is not SQL.
CREATE TABLE rules (
  id INTEGER PRIMARY KEY, -- check (id > 100) is no constraint, and don't trip on this quote
  code TEXT NOT NULL CHECK (code = lower(code)),
  half INTEGER CHECK (half / 2 >= 0),
  name TEXT CHECK (name > 'a'),
  tag TEXT COLLATE NOCASE UNIQUE,
  label TEXT DEFAULT 007,
  ratio REAL DEFAULT 1.50,
  whole INTEGER DEFAULT 1.5,
  qty INTEGER CHECK (qty >= 0)
);
INSERT INTO rules VALUES (1, 'abc', 4, 'b', 'X', '7', 1.5, 2, 3), (2, 'def', 6, 'c', 'y', 'x', 0.25, 3, 0);
-- Only 0 and 1 in a key, a reference and a column that was only ever 1: ids and counts, not
-- booleans; the flag that holds both is one.
CREATE TABLE flags (flag_id INTEGER PRIMARY KEY, parent_flag INTEGER REFERENCES flags (flag_id),
  active INTEGER, seen INTEGER);
INSERT INTO flags VALUES (0, NULL, 0, 1), (1, 0, 1, 1);

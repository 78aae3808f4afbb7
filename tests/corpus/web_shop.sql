-- A small web shop: AUTOINCREMENT keys, NUMERIC(10,2) balances that must sum exactly, DATE
-- birthdays before 1970, a flag column where only 1 was ever stored (a count, not a boolean),
-- an enum-like status with a CHECK, a JSON array of tags, timestamps with a zone.
CREATE TABLE customers (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL, birthday DATE,
  visits INTEGER NOT NULL DEFAULT 1, balance NUMERIC(10,2) NOT NULL DEFAULT 0);
CREATE TABLE orders (id INTEGER PRIMARY KEY AUTOINCREMENT,
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'paid', 'shipped')), tags TEXT,
  total NUMERIC(10,2) NOT NULL CHECK (total >= 0), placed_at TEXT NOT NULL);
INSERT INTO customers VALUES (1, 'Ada', '1948-12-08', 1, 1000.10), (2, 'Grace', '1990-02-28', 1, 1328.50),
  (3, 'Linus', NULL, 1, 0);
INSERT INTO orders VALUES (1, 1, 'paid', '["gift", "rush"]', 19.99, '2024-01-01T10:00:00+01:00'),
  (2, 1, 'shipped', '[]', 2308.61, '2024-01-02T11:00:00Z'), (3, 2, 'new', NULL, 0, '2024-01-03 12:00:00');

-- What an ORM (Django here) writes into SQLite: snake_case, AUTOINCREMENT keys, bool columns
-- holding 0/1, varchar(n), datetime text with microseconds, a UNIQUE column, CHECKs, DEFAULTs,
-- a JSON array of tags and an enum-like status.
CREATE TABLE "auth_user" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
  "password" varchar(128) NOT NULL, "last_login" datetime NULL, "is_superuser" bool NOT NULL,
  "username" varchar(150) NOT NULL UNIQUE, "email" varchar(254) NOT NULL,
  "is_active" bool NOT NULL, "date_joined" datetime NOT NULL);
CREATE TABLE "blog_post" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
  "title" varchar(200) NOT NULL,
  "status" varchar(10) NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'archived')),
  "tags" text NOT NULL CHECK ((JSON_VALID("tags") OR "tags" IS NULL)),
  "views" integer unsigned NOT NULL CHECK ("views" >= 0),
  "created" datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
  "author_id" integer NOT NULL REFERENCES "auth_user" ("id") DEFERRABLE INITIALLY DEFERRED);
CREATE INDEX "blog_post_author_id_idx" ON "blog_post" ("author_id");
INSERT INTO auth_user VALUES
  (1, 'pbkdf2_sha256$1', '2024-03-01 10:00:00.123456', 1, 'admin', 'admin@example.com', 1, '2023-01-01 00:00:00'),
  (2, 'pbkdf2_sha256$2', NULL, 0, 'ada', 'ada@example.com', 1, '2023-06-15 12:30:00.5'),
  (5, 'pbkdf2_sha256$3', '2024-02-29 23:59:59.999999', 0, 'gone', 'gone@example.com', 0, '2023-07-01 08:00:00');
INSERT INTO blog_post VALUES
  (1, 'Hello', 'published', '["intro", "news"]', 10, '2024-01-01 09:00:00', 1),
  (2, 'Drafty', 'draft', '[]', 0, '2024-01-02 09:00:00.25', 2),
  (7, 'Old', 'archived', '["archive", "a \"quoted\" tag"]', 12345, '2020-05-05 05:05:05', 1);

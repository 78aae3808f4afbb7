-- Which command recorded a run: `migrate` loads whole tables; `sync` applies the rows that
-- changed in SQLite since the last run and lists only the tables it changed, each with its new
-- checksum and fingerprints. (IF EXISTS: without 000_etl.sql, sqlite2pg names that file instead.)
ALTER TABLE IF EXISTS etl.runs
  ADD COLUMN IF NOT EXISTS kind TEXT NOT NULL DEFAULT 'migrate' CHECK (kind IN ('migrate', 'sync'));

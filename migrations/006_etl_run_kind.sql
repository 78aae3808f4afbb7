-- Which command recorded a run: `migrate` loads whole tables; `sync` applies the rows that
-- changed in SQLite since the last run and lists only the tables it changed, each with its new
-- checksum and fingerprints.
ALTER TABLE etl.runs
  ADD COLUMN kind TEXT NOT NULL DEFAULT 'migrate' CHECK (kind IN ('migrate', 'sync'));

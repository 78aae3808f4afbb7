-- Which command recorded a run: `migrate` loads whole tables; `sync` applies the rows that
-- changed in SQLite since the last run and lists only the tables it changed, each with its new
-- checksum and, in `tables`, "fingerprints": "all" (every row's fingerprint, as a migrate
-- records them) or "changes" (only the rows it changed, a deleted row with an all-zero hash),
-- with "fingerprint_rows". (IF EXISTS: without 000_etl.sql, sqlite2pg names that file instead.)
ALTER TABLE IF EXISTS etl.runs
  ADD COLUMN IF NOT EXISTS kind TEXT NOT NULL DEFAULT 'migrate' CHECK (kind IN ('migrate', 'sync'));

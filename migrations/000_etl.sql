-- The tool's own schema: how legacy ids were remapped and what each committed cutover loaded.
-- etl.schema_migrations (the ledger of these files) is created by sqlite2pg itself before the
-- first file runs, so this file only adds to the schema.
CREATE SCHEMA IF NOT EXISTS etl;

-- Every legacy id that was not a UUID and received a new, deterministic one.
CREATE TABLE etl.id_map (
  source       TEXT NOT NULL,
  source_table TEXT NOT NULL,
  legacy_id    TEXT NOT NULL,
  new_id       UUID NOT NULL,
  PRIMARY KEY (source, source_table, legacy_id)
);
-- Two legacy ids of one table must never share a new id.
CREATE UNIQUE INDEX id_map_new_id ON etl.id_map (source, source_table, new_id);

-- One row per committed cutover: what was read, from where, and what landed.
CREATE TABLE etl.runs (
  run_id       BIGSERIAL PRIMARY KEY,
  started_at   TIMESTAMPTZ NOT NULL,
  committed_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
  tool_version TEXT NOT NULL,
  sources      JSONB NOT NULL,  -- [{name, path, real_path, size, sha256}]
  tables       JSONB NOT NULL,  -- [{source, source_table, target_table, rows, checksum}]
  mappings     JSONB NOT NULL   -- [{file, sha256}]
);

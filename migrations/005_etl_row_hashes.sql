-- Per-row fingerprints of each committed cutover. `sqlite2pg verify` compares the SQLite files
-- with them to find rows written to SQLite after the cutover (drift), and names those rows.
CREATE TABLE etl.row_hashes (
  run_id       BIGINT NOT NULL,
  source       TEXT NOT NULL,
  source_table TEXT NOT NULL,
  row_key      BYTEA NOT NULL,  -- the row's target key fields, as binary COPY fields
  row_hash     BYTEA NOT NULL   -- XXH3-128 of the row's binary COPY tuple
);
CREATE INDEX row_hashes_table ON etl.row_hashes (source, source_table, run_id);

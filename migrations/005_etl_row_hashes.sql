-- Per-row fingerprints of each committed cutover. `sqlite2pg verify` compares the SQLite files
-- with them to find rows written to SQLite after the cutover (drift), and names those rows.
-- Rows are packed into chunks of about 1 MB: one tuple per row would cost more than the data.
CREATE TABLE etl.row_hashes (
  run_id       BIGINT NOT NULL,
  source       TEXT NOT NULL,
  source_table TEXT NOT NULL,
  chunk        INTEGER NOT NULL,
  -- per row: 4-byte key length, the key (target key fields as binary COPY fields), 16-byte
  -- XXH3-128 of the row's binary COPY tuple
  fingerprints BYTEA NOT NULL,
  PRIMARY KEY (source, source_table, run_id, chunk)
);
-- Hashes do not compress; trying would only cost time.
ALTER TABLE etl.row_hashes ALTER COLUMN fingerprints SET STORAGE EXTERNAL;

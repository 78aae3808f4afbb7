-- A log in the shape applications leave behind: no primary key, duplicate rows, a column
-- whose values are integers, reals and text, REAL readings, a view and a trigger.
CREATE TABLE events (ts TEXT, level TEXT, value, message TEXT);
INSERT INTO events VALUES ('2024-05-01T10:00:00Z', 'info', 1, 'started'),
  ('2024-05-01T10:00:01Z', 'warn', 2.5, 'slow'), ('2024-05-01T10:00:02Z', 'error', 'n/a', 'failed'),
  ('2024-05-01T10:00:02Z', 'error', 'n/a', 'failed'), ('2024-05-01T10:00:03Z', 'info', 12345678901234, NULL);
CREATE TABLE metrics (name TEXT NOT NULL, reading REAL, samples INTEGER);
INSERT INTO metrics VALUES ('cpu', 0.1, 3), ('cpu', 0.30000000000000004, 3), ('mem', 1e300, 1),
  ('disk', -0.0, 7), ('net', NULL, 0);
CREATE VIEW recent_errors AS SELECT ts, message FROM events WHERE level = 'error';
CREATE TRIGGER events_level AFTER INSERT ON events WHEN NEW.level NOT IN ('info', 'warn', 'error')
BEGIN SELECT RAISE(ABORT, 'bad level'); END;

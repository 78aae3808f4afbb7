-- Deterministic data: :EVENTS events over :EVENTS/10 deployments (about 500-byte rows).
-- run.sh replaces :EVENTS before handing this to sqlite3.
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :EVENTS / 10)
INSERT INTO deployments
SELECT printf('%08x-%04x-4%03x-8%03x-%012x', i, i % 65536, i % 4096, (i * 7) % 4096, i * 2654435761 % 281474976710656),
       'service-' || (i % 37), printf('%040x', i * 2654435761),
       'user-' || (i % 101) || '@example.com', CASE i % 3 WHEN 0 THEN 'push' WHEN 1 THEN 'manual' ELSE 'schedule' END,
       CASE i % 5 WHEN 0 THEN 'failed' ELSE 'succeeded' END,
       strftime('%Y-%m-%d %H:%M:%S', 1700000000 + i * 60, 'unixepoch'),
       strftime('%Y-%m-%dT%H:%M:%fZ', 1700000000 + i * 60 + 95.5, 'unixepoch'),
       'step 1: fetch ' || i || char(10) || 'step 2: build image service-' || (i % 37) || ' with cache ' ||
         printf('%064d', i) || char(10) || 'step 3: push registry.local/service-' || (i % 37) || ':' || i,
       'rolled out to ' || (i % 9 + 1) || ' hosts in ' || (i % 300) || 's; canary ok; traffic shifted 100%',
       '{"status": "ok", "latency_ms": ' || (i % 250) || '}',
       CASE WHEN i % 5 = 0 THEN 'health check failed after ' || (i % 60) || 's' END,
       strftime('%Y-%m-%d %H:%M:%S', 1700000000 + i * 60, 'unixepoch')
FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :EVENTS)
INSERT INTO deployment_events
SELECT i,
       printf('%08x-%04x-4%03x-8%03x-%012x', (i - 1) / 10 + 1, ((i - 1) / 10 + 1) % 65536, ((i - 1) / 10 + 1) % 4096,
              (((i - 1) / 10 + 1) * 7) % 4096, ((i - 1) / 10 + 1) * 2654435761 % 281474976710656),
       CASE i % 4 WHEN 0 THEN 'build' WHEN 1 THEN 'test' WHEN 2 THEN 'deploy' ELSE 'verify' END,
       CASE WHEN i % 17 = 0 THEN 'failed' ELSE 'ok' END,
       'stage finished for event ' || i,
       '{"attempt": ' || (i % 3 + 1) || ', "host": "node-' || (i % 64) || '", "durations": [' || (i % 97) || ', ' ||
         (i % 89) || '], "ok": ' || CASE WHEN i % 17 = 0 THEN 'false' ELSE 'true' END || '}',
       1700000000000 + i * 6000 + i % 1000
FROM n;
COMMIT;

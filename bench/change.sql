-- The benchmark's writes after the cutover: about 1% of the :EVENTS + :EVENTS/10 rows, in both
-- tables. run.sh replaces :EVENTS before handing this to sqlite3.
--   updates: events with new JSON details and timestamps, deployments with a new status and
--            completion time;
--   inserts: new deployments (their UUIDs kept as ids), each with ten new events;
--   deletes: deployments with all their events.
BEGIN;
UPDATE deployment_events
   SET details = json_object('attempt', 9, 'host', 'node-' || (id % 7), 'retried', json('true')),
       created_at = created_at + 1500
 WHERE id % 200 = 0;
UPDATE deployments
   SET status = 'rolled_back', completed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 1800000000 + rowid, 'unixepoch'),
       rollback_reason = 'synced later'
 WHERE rowid % 200 = 7;
WITH RECURSIVE n(i) AS (SELECT :EVENTS / 10 + 1 UNION ALL SELECT i + 1 FROM n WHERE i < :EVENTS / 10 + :EVENTS / 3333)
INSERT INTO deployments (id, service, commit_sha, triggered_by, trigger_type, status, started_at, created_at)
SELECT printf('%08x-%04x-4%03x-8%03x-%012x', i, i % 65536, i % 4096, (i * 7) % 4096, i * 2654435761 % 281474976710656),
       'service-new', printf('%040x', i), 'sync@example.com', 'push', 'pending',
       strftime('%Y-%m-%d %H:%M:%S', 1800000000 + i, 'unixepoch'), strftime('%Y-%m-%d %H:%M:%S', 1800000000 + i, 'unixepoch')
FROM n;
INSERT INTO deployment_events (deployment_id, stage, status, message, details, created_at)
SELECT d.id, 'build', 'ok', 'new event ' || k.k, '{"attempt": 1}', 1800000000000 + d.rowid * 10 + k.k
FROM deployments d, (SELECT 1 AS k UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5
                     UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 UNION ALL SELECT 9 UNION ALL SELECT 10) k
WHERE d.service = 'service-new';
CREATE TEMP TABLE gone AS SELECT id FROM deployments WHERE rowid % 500 = 3 AND service <> 'service-new';
DELETE FROM deployment_events WHERE deployment_id IN (SELECT id FROM gone);
DELETE FROM deployments WHERE id IN (SELECT id FROM gone);
COMMIT;
SELECT 'changed rows: ' || ((SELECT count(*) FROM deployment_events WHERE id % 200 = 0)
       + (SELECT count(*) FROM deployments WHERE rowid % 200 = 7)
       + (SELECT count(*) FROM deployments WHERE service = 'service-new') * 11
       + (SELECT count(*) FROM gone) * 11);

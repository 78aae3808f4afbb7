-- The benchmark's writes in PostgreSQL after the cutover, for rollback: about 1% of the
-- :EVENTS + :EVENTS/10 rows, in both tables. run.sh replaces :EVENTS before handing this to psql.
--   updates: events with new jsonb details and timestamps, deployments with a new status;
--   inserts: new deployments with gen_random_uuid() ids, each with ten new events;
--   deletes: deployments with all their events.
BEGIN;
UPDATE deploy.deployment_events
   SET details = jsonb_build_object('attempt', 7, 'host', 'pg-' || (id % 5), 'rolled', true),
       created_at = created_at + interval '2.5 seconds'
 WHERE id % 200 = 100;
UPDATE deploy.deployments
   SET status = 'rolled_back', rollback_reason = 'written in PostgreSQL'
 WHERE ('x' || substr(md5(id::text), 1, 8))::bit(32)::int % 200 = 7;
CREATE TEMP TABLE born AS
  SELECT gen_random_uuid() AS id, i FROM generate_series(1, :EVENTS / 3333) i;
INSERT INTO deploy.deployments (id, service, commit_sha, triggered_by, trigger_type, status,
                                started_at, created_at)
  SELECT id, 'service-pg', md5(i::text), 'pg@example.com', 'push', 'pending',
         timestamptz '2027-01-01 00:00:00+00' + i * interval '1 second',
         timestamptz '2027-01-01 00:00:00+00' + i * interval '1 second'
  FROM born;
INSERT INTO deploy.deployment_events (deployment_id, stage, status, message, details, created_at)
  SELECT b.id, 'build', 'ok', 'pg event ' || k, '{"attempt": 1}',
         timestamptz '2027-01-01 00:00:00+00' + (b.i * 10 + k) * interval '1 millisecond'
  FROM born b, generate_series(1, 10) k;
CREATE TEMP TABLE gone AS
  SELECT id FROM deploy.deployments
   WHERE service <> 'service-pg' AND ('x' || substr(md5(id::text), 1, 8))::bit(32)::int % 500 = 3;
DELETE FROM deploy.deployment_events WHERE deployment_id IN (SELECT id FROM gone);
DELETE FROM deploy.deployments WHERE id IN (SELECT id FROM gone);
COMMIT;

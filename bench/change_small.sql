-- The writes of a cutover window with capture on: 1,000 rows of the :EVENTS-event file changed
-- (500 events updated, 200 deleted, 200 inserted, 100 deployments updated), each statement its
-- own transaction as an application writes. run.sh replaces :EVENTS.
UPDATE deployment_events SET details = json_object('window', 1) WHERE id IN (SELECT id FROM deployment_events WHERE id % 1999 = 5 LIMIT 500);
DELETE FROM deployment_events WHERE id IN (SELECT id FROM deployment_events WHERE id % 1999 = 11 LIMIT 200);
INSERT INTO deployment_events (deployment_id, stage, status, message, details, created_at)
SELECT id, 'window', 'ok', 'written in the window', '{}', 1900000000000 + rowid FROM deployments WHERE rowid % 997 = 1 LIMIT 200;
UPDATE deployments SET status = 'window' WHERE rowid IN (SELECT rowid FROM deployments WHERE rowid % 991 = 2 LIMIT 100);

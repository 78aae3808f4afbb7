-- The benchmark's SQLite file: the deploy service's two busiest tables, with the events'
-- timestamps as JavaScript's Date.now() (INTEGER epoch milliseconds).
CREATE TABLE deployments (
  id                  TEXT PRIMARY KEY,
  service             TEXT NOT NULL,
  commit_sha          TEXT NOT NULL,
  triggered_by        TEXT NOT NULL,
  trigger_type        TEXT NOT NULL,
  status              TEXT NOT NULL DEFAULT 'pending',
  started_at          TEXT NOT NULL,
  completed_at        TEXT,
  build_log           TEXT,
  deploy_log          TEXT,
  health_check_result TEXT,
  rollback_reason     TEXT,
  created_at          TEXT
);
CREATE TABLE deployment_events (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  deployment_id TEXT NOT NULL REFERENCES deployments(id),
  stage         TEXT NOT NULL,
  status        TEXT NOT NULL,
  message       TEXT,
  details       TEXT,
  created_at    INTEGER
);

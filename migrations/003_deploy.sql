-- Schema deploy (design: seeds/001 "Target Schema Design").
CREATE SCHEMA deploy;

CREATE TABLE deploy.deployments (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  service TEXT NOT NULL,
  commit_sha TEXT NOT NULL,
  triggered_by TEXT NOT NULL,
  trigger_type TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending',
  started_at TIMESTAMPTZ NOT NULL DEFAULT NOW(),
  completed_at TIMESTAMPTZ,
  build_log TEXT,
  deploy_log TEXT,
  health_check_result TEXT,
  rollback_reason TEXT,
  created_at TIMESTAMPTZ DEFAULT NOW()
);

CREATE TABLE deploy.deployment_events (
  id SERIAL PRIMARY KEY,
  deployment_id UUID NOT NULL REFERENCES deploy.deployments(id),
  stage TEXT NOT NULL,
  status TEXT NOT NULL,
  message TEXT,
  details JSONB,
  created_at TIMESTAMPTZ DEFAULT NOW()
);

CREATE TABLE deploy.queue (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  ticket_id TEXT NOT NULL,
  parent_ticket_id TEXT,
  commit_sha TEXT NOT NULL,
  repo TEXT NOT NULL,
  service TEXT NOT NULL,
  pr_number INTEGER,
  status TEXT DEFAULT 'waiting',
  waiting_for TEXT,
  queued_at TIMESTAMPTZ DEFAULT NOW(),
  deployed_at TIMESTAMPTZ
);

CREATE TABLE deploy.commit_ticket_map (
  commit_sha TEXT PRIMARY KEY,
  ticket_id TEXT NOT NULL,
  repo TEXT NOT NULL,
  pr_number INTEGER,
  created_at TIMESTAMPTZ DEFAULT NOW()
);

CREATE INDEX idx_deployments_service ON deploy.deployments(service);
CREATE INDEX idx_deployments_status ON deploy.deployments(status);
CREATE INDEX idx_deployments_created ON deploy.deployments(created_at);
CREATE INDEX idx_events_deployment ON deploy.deployment_events(deployment_id);
CREATE INDEX idx_queue_status ON deploy.queue(status);
CREATE INDEX idx_queue_parent ON deploy.queue(parent_ticket_id);
CREATE INDEX idx_commit_ticket ON deploy.commit_ticket_map(ticket_id);

-- Schema registry (design: seeds/001 "Target Schema Design").
CREATE SCHEMA registry;

CREATE TABLE registry.agents (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  name TEXT NOT NULL,
  version TEXT NOT NULL,
  path TEXT NOT NULL,
  description TEXT,
  capabilities JSONB DEFAULT '[]',
  inputs_schema JSONB,
  outputs_schema JSONB,
  runtime TEXT DEFAULT 'node',
  memory_mb INTEGER DEFAULT 128,
  timeout_seconds INTEGER DEFAULT 300,
  triggers JSONB,
  author TEXT,
  tags JSONB DEFAULT '[]',
  created_at TIMESTAMPTZ DEFAULT NOW(),
  updated_at TIMESTAMPTZ DEFAULT NOW(),
  UNIQUE(name, version)
);

CREATE TABLE registry.workflows (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  name TEXT NOT NULL,
  version TEXT NOT NULL,
  path TEXT NOT NULL,
  description TEXT,
  trigger_type TEXT,
  trigger_config JSONB,
  steps JSONB NOT NULL,
  variables JSONB,
  on_error JSONB,
  on_success JSONB,
  enabled BOOLEAN DEFAULT TRUE,
  author TEXT,
  tags JSONB DEFAULT '[]',
  created_at TIMESTAMPTZ DEFAULT NOW(),
  updated_at TIMESTAMPTZ DEFAULT NOW(),
  UNIQUE(name, version)
);

CREATE TABLE registry.workflow_runs (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  workflow_id UUID NOT NULL REFERENCES registry.workflows(id),
  workflow_version TEXT,
  status TEXT NOT NULL DEFAULT 'pending',
  current_step TEXT,
  trigger_type TEXT,
  trigger_data JSONB,
  step_results JSONB DEFAULT '{}',
  started_at TIMESTAMPTZ,
  completed_at TIMESTAMPTZ,
  error TEXT,
  error_step TEXT,
  total_vm_time_ms INTEGER DEFAULT 0,
  total_api_tokens INTEGER DEFAULT 0,
  created_at TIMESTAMPTZ DEFAULT NOW()
);

CREATE TABLE registry.step_executions (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  run_id UUID NOT NULL REFERENCES registry.workflow_runs(id),
  step_id TEXT NOT NULL,
  agent_id UUID REFERENCES registry.agents(id),
  agent_name TEXT,
  agent_version TEXT,
  status TEXT NOT NULL DEFAULT 'pending',
  vm_id TEXT,
  inputs JSONB,
  outputs JSONB,
  queued_at TIMESTAMPTZ DEFAULT NOW(),
  started_at TIMESTAMPTZ,
  completed_at TIMESTAMPTZ,
  duration_ms INTEGER,
  api_tokens_used INTEGER DEFAULT 0,
  error TEXT,
  retry_count INTEGER DEFAULT 0
);

CREATE TABLE registry.vm_assignments (
  vm_id TEXT PRIMARY KEY,
  ticket_id TEXT NOT NULL,
  assigned_at TIMESTAMPTZ NOT NULL,
  status TEXT DEFAULT 'running',
  heartbeat_at TIMESTAMPTZ
);

CREATE TABLE registry.triggers (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  workflow_id UUID NOT NULL REFERENCES registry.workflows(id),
  type TEXT NOT NULL,
  webhook_path TEXT UNIQUE,
  webhook_secret TEXT,
  cron_expression TEXT,
  next_run_at TIMESTAMPTZ,
  event_source TEXT,
  event_type TEXT,
  enabled BOOLEAN DEFAULT TRUE,
  created_at TIMESTAMPTZ DEFAULT NOW()
);

CREATE TABLE registry.secrets (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  workflow_id UUID REFERENCES registry.workflows(id),
  name TEXT NOT NULL,
  encrypted_value BYTEA,
  scope TEXT DEFAULT 'workflow',
  created_at TIMESTAMPTZ DEFAULT NOW(),
  updated_at TIMESTAMPTZ DEFAULT NOW(),
  UNIQUE(workflow_id, name)
);

CREATE TABLE registry.execution_artifacts (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  ticket_id TEXT NOT NULL,
  artifact_type TEXT,
  content TEXT,
  created_at TIMESTAMPTZ DEFAULT NOW()
);

CREATE INDEX idx_agents_name ON registry.agents(name);
CREATE INDEX idx_agents_runtime ON registry.agents(runtime);
CREATE INDEX idx_workflows_name ON registry.workflows(name);
CREATE INDEX idx_workflows_enabled ON registry.workflows(enabled);
CREATE INDEX idx_runs_workflow ON registry.workflow_runs(workflow_id);
CREATE INDEX idx_runs_status ON registry.workflow_runs(status);
CREATE INDEX idx_runs_created ON registry.workflow_runs(created_at);
CREATE INDEX idx_steps_run ON registry.step_executions(run_id);
CREATE INDEX idx_steps_status ON registry.step_executions(status);
CREATE INDEX idx_vm_ticket ON registry.vm_assignments(ticket_id);

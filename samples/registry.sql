-- registry.db — the agent/workflow registry service (production path: /opt/swarm-registry/registry.db)
-- Written by a Node.js service through better-sqlite3. SQLite does not enforce the REFERENCES
-- clauses below unless PRAGMA foreign_keys=ON was set on the writing connection, and it was not.

CREATE TABLE agents (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  version         TEXT NOT NULL,
  path            TEXT NOT NULL,
  description     TEXT,
  capabilities    TEXT DEFAULT '[]',      -- JSON array
  inputs_schema   TEXT,                   -- JSON object
  outputs_schema  TEXT,                   -- JSON object
  runtime         TEXT DEFAULT 'node',
  memory_mb       INTEGER DEFAULT 128,
  timeout_seconds INTEGER DEFAULT 300,
  triggers        TEXT,                   -- JSON
  author          TEXT,
  tags            TEXT DEFAULT '[]',      -- JSON array
  created_at      TEXT DEFAULT (datetime('now')),
  updated_at      TEXT DEFAULT (datetime('now')),
  UNIQUE (name, version)
);

CREATE TABLE workflows (
  id              TEXT PRIMARY KEY,
  name            TEXT NOT NULL,
  version         TEXT NOT NULL,
  path            TEXT NOT NULL,
  description     TEXT,
  trigger_type    TEXT,
  trigger_config  TEXT,                   -- JSON
  steps           TEXT NOT NULL,          -- JSON array
  variables       TEXT,                   -- JSON
  on_error        TEXT,                   -- JSON
  on_success      TEXT,                   -- JSON
  enabled         INTEGER DEFAULT 1,      -- 0/1
  author          TEXT,
  tags            TEXT DEFAULT '[]',
  created_at      TEXT DEFAULT (datetime('now')),
  updated_at      TEXT DEFAULT (datetime('now')),
  UNIQUE (name, version)
);

CREATE TABLE workflow_runs (
  id               TEXT PRIMARY KEY,
  workflow_id      TEXT NOT NULL REFERENCES workflows(id),
  workflow_version TEXT,
  status           TEXT NOT NULL DEFAULT 'pending',
  current_step     TEXT,
  trigger_type     TEXT,
  trigger_data     TEXT,                  -- JSON
  step_results     TEXT DEFAULT '{}',     -- JSON object
  started_at       TEXT,
  completed_at     TEXT,
  error            TEXT,
  error_step       TEXT,
  total_vm_time_ms INTEGER DEFAULT 0,
  total_api_tokens INTEGER DEFAULT 0,
  created_at       TEXT DEFAULT (datetime('now'))
);

CREATE TABLE step_executions (
  id              TEXT PRIMARY KEY,
  run_id          TEXT NOT NULL REFERENCES workflow_runs(id),
  step_id         TEXT NOT NULL,
  agent_id        TEXT REFERENCES agents(id),
  agent_name      TEXT,
  agent_version   TEXT,
  status          TEXT NOT NULL DEFAULT 'pending',
  vm_id           TEXT,
  inputs          TEXT,                   -- JSON
  outputs         TEXT,                   -- JSON
  queued_at       TEXT DEFAULT (datetime('now')),
  started_at      TEXT,
  completed_at    TEXT,
  duration_ms     INTEGER,
  api_tokens_used INTEGER DEFAULT 0,
  error           TEXT,
  retry_count     INTEGER DEFAULT 0
);

CREATE TABLE vm_assignments (
  vm_id        TEXT PRIMARY KEY,
  ticket_id    TEXT NOT NULL,
  assigned_at  INTEGER NOT NULL,          -- epoch milliseconds (Date.now())
  status       TEXT DEFAULT 'running',
  heartbeat_at INTEGER                    -- epoch milliseconds
);

CREATE TABLE triggers (
  id              TEXT PRIMARY KEY,
  workflow_id     TEXT NOT NULL REFERENCES workflows(id),
  type            TEXT NOT NULL,
  webhook_path    TEXT UNIQUE,
  webhook_secret  TEXT,
  cron_expression TEXT,
  next_run_at     TEXT,
  event_source    TEXT,
  event_type      TEXT,
  enabled         INTEGER DEFAULT 1,      -- 0/1
  created_at      TEXT DEFAULT (datetime('now'))
);

CREATE TABLE secrets (
  id              TEXT PRIMARY KEY,
  workflow_id     TEXT REFERENCES workflows(id),
  name            TEXT NOT NULL,
  encrypted_value BLOB,                   -- opaque ciphertext bytes
  scope           TEXT DEFAULT 'workflow',
  created_at      TEXT DEFAULT (datetime('now')),
  updated_at      TEXT DEFAULT (datetime('now')),
  UNIQUE (workflow_id, name)
);

CREATE TABLE execution_artifacts (
  id            TEXT PRIMARY KEY,
  ticket_id     TEXT NOT NULL,
  artifact_type TEXT,
  content       TEXT,                     -- free text, can be large (logs, diffs)
  created_at    TEXT DEFAULT (datetime('now'))
);

-- ---------------------------------------------------------------------------------------------
-- Sample data. Loads with `sqlite3 registry.db < samples/registry.sql`. Every reference resolves
-- (some through a different letter case of the same UUID); see samples/README.md for the cases.
-- ---------------------------------------------------------------------------------------------
BEGIN;

-- agents -------------------------------------------------------------------------------------
INSERT INTO agents (id, name, version, path, description, capabilities, inputs_schema, outputs_schema, runtime, memory_mb, timeout_seconds, triggers, author, tags, created_at, updated_at) VALUES
('a3c1e7b2-5d4f-4a8e-9b21-7f0c3d9e6a12', 'code-reviewer', '1.0.0', '/opt/swarm-registry/agents/code-reviewer/1.0.0',
 'Reviews pull requests and leaves inline comments.',
 '["review","comment","diff"]',
 '{"type":"object","properties":{"repo":{"type":"string"},"pr":{"type":"integer","minimum":1}},"required":["repo","pr"]}',
 '{"type":"object","properties":{"approved":{"type":"boolean"},"comments":{"type":"array","items":{"type":"string"}}}}',
 'node', 256, 600,
 '{"events":["pull_request.opened","pull_request.synchronize"]}',
 'mara.okafor', '["review","core"]', '2024-12-25 10:11:12', '2024-12-25T10:11:12.345Z'),

('D7E4B1A9-2C3F-4E5D-8A6B-9C0D1E2F3A4B', 'code-reviewer', '1.1.0', '/opt/swarm-registry/agents/code-reviewer/1.1.0',
 'Reviews pull requests.' || char(13) || char(10) || 'Changes in 1.1.0:' || char(13) || char(10) || '  - understands monorepos' || char(13) || char(10),
 '[ "review" , "comment" ,' || char(10) || char(9) || '"diff", "suggest" ]',
 '{"required":["repo","pr"],"type":"object","properties":{"pr":{"minimum":1,"type":"integer"},"repo":{"type":"string"},"monorepo_root":{"type":"string","default":"."}}}',
 NULL,
 'node', 512, 900, NULL,
 'Zoë Ångström', '["review","core","beta"]', '2025-01-10T09:00:00.1Z', '2025-01-12T17:45:30.12+01:00'),

('agt_3f9a2c', 'lint-runner', '0.9.2', '/opt/swarm-registry/agents/lint-runner',
 'Runs eslint' || char(9) || 'and prettier' || char(9) || '(--max-warnings=0)',
 '["lint"]', '{}', '{}',
 'node', 128, 300, '[]',
 'ops', '[]', '2019-04-02 08:15:00', '2019-04-02 08:15:00'),

('agt_7b21d0', 'test-runner', '2.3.1', 'C:\agents\test-runner\2.3.1',
 'Runs the test suite; prints \N for missing values and keeps \t, \n and \\ literally.',
 '["test","coverage"]',
 '{"type":"object","properties":{"parallelism":{"type":"integer","default":4,"maximum":64},"coverage_threshold":{"type":"number","default":0.8}}}',
 '{"type":"object"}',
 'python', 2048, 3600, NULL,
 'Søren Kierkegaard', '["ci","tests"]', '2020-11-05T14:22:10.12345Z', '2023-06-01T00:00:00-05:30'),

('5f0e8c2a-9b3d-4c1e-a7f6-2d8b4e0c9a13', 'doc-writer', '1.0.0', '/opt/swarm-registry/agents/doc-writer/1.0.0',
 '',
 '["docs","i18n","日本語","emoji 📝"]',
 '{"type":"object","properties":{"locale":{"type":"string","enum":["en","fr","de","ja","zh-Hans"],"default":"en"}}}',
 NULL,
 'deno', 256, 300, '{"manual":true}',
 'Renée Dubois', '["docs","📝"]', '2022-02-22T22:22:22.2Z', NULL),

('F19C2B7E-0A4D-4B8E-9C3F-5E6D7A8B9C0D', 'deployer', '3.0.0', '/opt/swarm-registry/agents/deployer/3.0.0',
 NULL,
 '["deploy","rollback","health-check"]',
 '{"type":"object","properties":{"service":{"type":"string"},"strategy":{"type":"string","enum":["rolling","blue-green","canary"]},"canary":{"type":"object","properties":{"steps":{"type":"array","items":{"type":"object","properties":{"weight":{"type":"number"},"pause":{"type":"string"}}}}}}}}',
 '{"type":"object","properties":{"deployment_id":{"type":"string","format":"uuid"},"healthy":{"type":"boolean"}}}',
 'node', 1024, 1800,
 '{"events":[{"source":"deploy","type":"approved"},{"source":"schedule","cron":"0 3 * * *"}]}',
 'ops-team', '["deploy","prod"]', '2018-09-09T09:09:09.999Z', '2024-12-25T12:11:12+02:00'),

('b8d2f4a6-1c3e-4f5a-8b7c-9d0e1f2a3b4c', 'security-scanner', '1.4.0', '/opt/swarm-registry/agents/security-scanner/1.4.0',
 'Flags "dangerous" calls like eval() and os.system(''rm -rf /'')',
 '["sast","secrets-scan"]',
 '{"title":"Scanner \u00e9tendu","description":"\u26a0 Warnung: \"streng\" \\ strict \/ tabs\there","x-icon":"\ud83d\udd12","type":"object"}',
 '{"findings":[]}',
 'python', 4096, 7200, NULL,
 'sec@example.com', '["security"]', '2021-01-15T08:30:00+0530', '2021-01-15T08:30:00-03'),

('3f9a2c7e1b4d4e8f9a0b1c2d3e4f5a6b', 'summarizer', '0.1.0', '/opt/swarm-registry/agents/summarizer/0.1.0',
 'Summarizes long threads 🧵' || char(10) || 'Second line: keeps 👩‍💻 and 🇫🇷 intact.',
 '["summarize"]', NULL, NULL,
 'python', NULL, NULL, NULL,
 NULL, '[]', '2017-05-05 05:05:05', '2017-05-05 05:05:05.5'),

('agent-legacy-summarizer', 'summarizer', '0.0.9', '/srv/agents/summarizer',
 'First summarizer, kept for old runs.',
 NULL, NULL, NULL,
 'node', 128, 300, NULL,
 'legacy', NULL, '2015-08-01 12:00:00', '2016-02-29 23:59:59'),

('c0ffee00-1234-4abc-8def-0123456789ab', 'dependency-updater', '1.2.3', '/opt/swarm-registry/agents/dependency-updater/1.2.3',
 'Opens PRs that bump dependencies.',
 '["deps","pull-request"]',
 '{"type":"object","properties":{"max_prs":{"type":"integer","default":5,"maximum":1e3},"jitter":{"type":"number","default":-0.5},"ratio":{"type":"number","default":1.0},"seed":{"type":"integer","default":18446744073709551615},"tiny":{"type":"number","default":1.5e-7},"big":{"type":"number","default":1E+21}}}',
 '{"type":"object","properties":{"opened":{"type":"integer"}}}',
 'node', 256, 300,
 '{"cron":"15 4 * * 1-5","timezone":"Europe/Berlin"}',
 'renovate-bot', '["deps"]', '2023-03-14 15:09:26.5358', '2023-03-14T15:09:26.535897-08:00'),

('E2A7C9D1-3B5F-4A6E-8C0D-1F2E3A4B5C6D', 'translator', '2.0.0', '/opt/swarm-registry/agents/translator/2.0.0',
 '翻訳エージェント — traduit, übersetzt, 翻译 🌐',
 '["translate","detect-language"]',
 '{"type":"object","type":"object","properties":{"target":{"type":"string","default":"fr","default":"de"}}}',
 '{"text":{"type":"string"},"confidence":{"type":"number","minimum":0.0,"maximum":1.0}}',
 'python', 1536, 1200, '{"events":["docs.changed"]}',
 '李小龙', '["i18n","🌐","中文"]', '2023-03-14T15:09:26.53Z', '2023-03-14T15:09:26.535Z'),

('9A8b7C6d-5E4f-4a3B-9c2D-1e0F9a8B7c6D', 'perf-profiler', '0.5.0', '/opt/swarm-registry/agents/perf-profiler/0.5.0',
 'Reads flamegraphs from \\build01\share\perf\ and matches lines like ^\d+\s*ms$',
 '["profile","flamegraph"]',
 '{ }',
 '[ ]',
 'node', 768, 450,
 '{' || char(13) || char(10) || '  "events" : [ "perf.regression" ],' || char(13) || char(10) || '  "threshold_pct" : 7.5' || char(13) || char(10) || '}',
 'perf-guild', '["perf"]', '2023-03-14T15:09:26.53589+01:00', '2024-12-25 12:11:12+02:00'),

('agt_00000001', 'hello-world', '0.0.1', '/srv/agents/hello',
 'The very first agent.',
 '["echo"]', '{"type":"object"}', '{"type":"object"}',
 'node', 64, 30, NULL,
 'founder', '["example"]', '2015-03-01T00:00:00Z', '2015-03-01T00:00:00Z'),

('7d3e1f9b-4c2a-4e6d-b8a0-5f1e2d3c4b5a', 'release-notes', '1.0.0-rc.1+build.5', '/opt/swarm-registry/agents/release-notes/1.0.0-rc.1',
 '\N',
 '["changelog"]',
 '{"type":"object","properties":{"since":{"type":"string","format":"date-time"},"format":{"enum":["markdown","html"]}}}',
 '{"type":"object","properties":{"markdown":{"type":"string"}}}',
 'node', 256, 300, '{"events":["release.tagged"]}',
 'O''Brien, Siobhán', '["release","docs"]', '2025-01-01T09:00:00+14:00', '2024-12-31T08:00:00-12:00'),

('0b5e3a9c-8d7f-4e2a-b1c6-3f4e5d6a7b8c', 'code-reviewer', '2.0.0-beta', '/opt/swarm-registry/agents/code-reviewer/2.0.0-beta',
 'Same agent, larger model: "reviewer v2".',
 '["review","comment","diff","suggest","explain"]',
 '{"type":"object","properties":{"repo":{"type":"string"},"pr":{"type":"integer"},"model":{"type":"string","default":"large"}}}',
 '{"type":"object"}',
 'node', 65536, 86400, NULL,
 'mara.okafor', '["review","beta"]', '2025-02-01T10:00:00.000001Z', '2025-02-01T10:00:00.100000Z');

-- workflows ----------------------------------------------------------------------------------
INSERT INTO workflows (id, name, version, path, description, trigger_type, trigger_config, steps, variables, on_error, on_success, enabled, author, tags, created_at, updated_at) VALUES
('wf-deploy-pipeline', 'deploy-pipeline', '1.0.0', '/opt/swarm-registry/workflows/deploy-pipeline.yaml',
 'Build, review and deploy a service.',
 'webhook', '{"path":"/hooks/deploy","methods":["POST"]}',
 '[{"id":"build","agent":"test-runner@2.3.1","inputs":{"parallelism":8}},{"id":"review","agent":"code-reviewer@1.0.0"},{"id":"deploy","agent":"deployer@3.0.0","when":"${{ steps.review.outputs.approved }}"}]',
 '{"SERVICE":"swarm-platform","ENV":"prod"}',
 '{"notify":["#deploys"],"rollback":true}',
 '{"notify":["#deploys"]}',
 1, 'ops-team', '["deploy","prod"]', '2019-06-30T23:59:59Z', '2024-12-25 10:11:12'),

('1b2c3d4e-5f60-4718-89a0-b1c2d3e4f506', 'deploy-pipeline', '1.1.0', '/opt/swarm-registry/workflows/deploy-pipeline@1.1.0.yaml',
 'Build, review, canary, deploy.',
 'webhook', '{"path":"/hooks/deploy/v2","methods":["POST"],"signature":{"header":"X-Hub-Signature-256","algo":"sha256"}}',
 '[' || char(10) || '  {"id": "build",  "agent": "test-runner@2.3.1"},' || char(10) || '  {"id": "review", "agent": "code-reviewer@1.1.0"},' || char(10) || '  {"id": "canary", "agent": "deployer@3.0.0", "inputs": {"strategy": "canary", "canary": {"steps": [{"weight": 0.05, "pause": "5m"}, {"weight": 0.5, "pause": "10m"}, {"weight": 1.0}]}}},' || char(10) || '  {"id": "notes",  "agent": "release-notes@1.0.0-rc.1+build.5"}' || char(10) || ']',
 '{"SERVICE":"swarm-platform","ENV":"prod","MAX_SURGE":2}',
 '{"rollback":true,"notify":{"slack":"#deploys","email":["oncall@example.com"]}}',
 NULL,
 1, 'ops-team', '["deploy","prod","canary"]', '2024-12-25T10:11:12.345Z', '2025-01-03T07:00:00.0Z'),

('wf-nightly-audit', 'nightly-audit', '1.0.0', '/opt/swarm-registry/workflows/nightly-audit.yaml',
 'Runs the security scanner over every repository at night.',
 'cron', '{"cron":"0 2 * * *","timezone":"UTC"}',
 '[{"id":"scan","agent":"security-scanner@1.4.0","inputs":{"repos":"*"}}]',
 NULL, NULL, NULL,
 1, 'sec@example.com', '["security","cron"]', '2020-02-29 12:00:00', '2020-02-29 12:00:30.03'),

('6E5D4C3B-2A19-4807-B6C5-D4E3F2A1B0C9', 'pr-review', '2.0.0', '/opt/swarm-registry/workflows/pr-review.yaml',
 'Review every pull request: lint, test, review.',
 'webhook', '{"path":"/hooks/github/pr","events":["pull_request"]}',
 '[{"id":"lint","agent":"lint-runner@0.9.2"},{"id":"test","agent":"test-runner@2.3.1"},{"id":"review","agent":"code-reviewer@1.1.0","inputs":{"repo":"${{ event.repository }}","pr":"${{ event.number }}"}}]',
 '{"MAX_COMMENTS":25}', '{"label":"needs-human"}', '{"label":"bot-approved"}',
 1, 'mara.okafor', '["review"]', '2022-07-01T00:00:00', '2023-08-14T13:37:00.5Z'),

('a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d', 'release', '1.0.0', '/opt/swarm-registry/workflows/release.yaml',
 'Draft: no steps yet.',
 'manual', '{}',
 '[]',
 '{}', '{}', '{}',
 0, 'Renée Dubois', '[]', '2024-11-01T09:30:15.5-04:00', NULL),

('wf-translate-docs', 'translate-docs', '0.3.0', '/opt/swarm-registry/workflows/translate-docs.yaml',
 'Übersetzt die Dokumentation — 翻訳 — traduction 🌍',
 'event', '{"source":"docs","type":"changed","filter":{"paths":["docs/**/*.md"]}}',
 '[{"id":"detect","agent":"translator@2.0.0","inputs":{"mode":"detect"}},{"id":"translate","agent":"translator@2.0.0","inputs":{"targets":["fr","de","ja","zh-Hans","pt-BR"]}},{"id":"write","agent":"doc-writer@1.0.0"}]',
 '{"GLOSSARY":{"agent":"エージェント","workflow":"ワークフロー","deploy":"デプロイ"},"emoji":"🌍"}',
 '{"notify":["#docs"]}', NULL,
 1, 'Renée Dubois', '["docs","i18n"]', '2023-05-17T12:00:00.12Z', '2023-05-17 12:00:00.1234'),

('44444444-4444-4444-8444-444444444444', 'dependency-bump', '1.0.0', '/opt/swarm-registry/workflows/dependency-bump.yaml',
 'Weekly dependency updates.',
 'cron', '{"cron":"15 4 * * 1","jitter_s":300}',
 '[{"id":"bump","agent":"dependency-updater@1.2.3","inputs":{"max_prs":1e1,"ratio":-0.25}}]',
 '{"limits":{"max_open":10,"budget_ms":9007199254740993}}', NULL, NULL,
 1, 'renovate-bot', '["deps","cron"]', '2021-11-11T11:11:11.111Z', '2021-11-11T11:11:11.111111Z'),

('C3D4E5F6-A7B8-4C9D-8E0F-1A2B3C4D5E6F', 'security-sweep', '3.2.1', '/opt/swarm-registry/workflows/security-sweep.yaml',
 'Full sweep: SAST + secret scan + report.',
 'cron', '{"cron":"30 1 * * 0"}',
 '[{"id":"sast","agent":"security-scanner@1.4.0"},{"id":"report","agent":"doc-writer@1.0.0","inputs":{"template":"security-report.md"}}]',
 '{"severity":"high","severity":"medium"}',
 '{"page":"security-oncall"}', '{"notify":["#security"]}',
 1, 'sec@example.com', '["security"]', '2018-10-10 10:10:10', '2024-07-04T18:00:00.042Z'),

('wf_legacy_001', 'legacy-import', '0.0.1', '/srv/workflows/legacy-import.json',
 'Imported from the 2015 cron scripts. Paths like D:\jobs\import.bat are kept as-is.',
 'manual', NULL,
 '[{"id":"run","agent":"hello-world@0.0.1"}]',
 NULL, NULL, NULL,
 0, 'legacy', NULL, '2015-09-01 00:00:00', '2015-09-01 00:00:00'),

('8f7e6d5c-4b3a-4291-8087-6f5e4d3c2b1a', 'pr-review', '2.1.0', '/opt/swarm-registry/workflows/pr-review@2.1.0.yaml',
 'Review with the v2 reviewer.',
 'webhook', '{"path":"/hooks/github/pr/v2","events":["pull_request","pull_request_review"]}',
 '[{"id":"lint","agent":"lint-runner@0.9.2"},{"id":"review","agent":"code-reviewer@2.0.0-beta"}]',
 '{"MAX_COMMENTS":50,"model":"large"}', '{"label":"needs-human"}', '{"label":"bot-approved"}',
 1, 'mara.okafor', '["review","beta"]', '2025-02-01T10:00:00Z', '2025-02-02T10:00:00.654321+00:00'),

('wf-hotfix', 'hotfix', '1.0.0', '/opt/swarm-registry/workflows/hotfix.yaml',
 'Skip review, deploy now. Use with care!' || char(13) || char(10) || 'Requires "break-glass" approval.',
 'manual', '{"requires_approval":true,"approvers":["ops-team"]}',
 '[{"id":"deploy","agent":"deployer@3.0.0","inputs":{"strategy":"rolling"}}]',
 '{"ENV":"prod"}', '{"rollback":true}', 'null',
 1, 'ops-team', '["deploy","hotfix"]', '2022-09-30T18:45:00+05:45', '2022-09-30T18:45:00.9+05:45'),

('e9d8c7b6-a5f4-4e3d-9c2b-1a0f9e8d7c6b', 'perf-regression', '1.0.0', '/opt/swarm-registry/workflows/perf-regression.yaml',
 'Profiles the service when latency regresses.',
 'event', '{"source":"metrics","type":"latency.p99","threshold_ms":250.0}',
 '[{"id":"profile","agent":"perf-profiler@0.5.0"},{"id":"summary","agent":"summarizer@0.1.0"}]',
 '[]', '[]', '[]',
 1, 'perf-guild', '["perf"]', '2026-06-06T06:06:06.606Z', '2026-06-06T06:06:06.606Z');

-- workflow_runs ------------------------------------------------------------------------------
INSERT INTO workflow_runs (id, workflow_id, workflow_version, status, current_step, trigger_type, trigger_data, step_results, started_at, completed_at, error, error_step, total_vm_time_ms, total_api_tokens, created_at) VALUES
('run-000123', 'wf-deploy-pipeline', '1.0.0', 'succeeded', NULL, 'webhook',
 '{"ref":"refs/heads/main","after":"9fceb02d0ae598e95dc970b74767f19372d61af8","pusher":{"name":"mara","email":"mara@example.com"}}',
 '{"build":{"status":"succeeded","duration_ms":84211},"review":{"status":"succeeded","approved":true},"deploy":{"status":"succeeded"}}',
 '2024-12-25 10:11:12', '2024-12-25 10:16:40', NULL, NULL, 311402, 18234, '2024-12-25 10:11:12'),

('run-000124', 'wf-deploy-pipeline', '1.0.0', 'failed', 'build', 'webhook',
 '{"ref":"refs/heads/main","after":"e83c5163316f89bfbde7d9ab23ca2e25604af290"}',
 '{"build":{"status":"failed","exit_code":1}}',
 '2024-12-26T08:00:00.5Z', '2024-12-26T08:03:12.75Z',
 'Error: Command failed: npm test' || char(13) || char(10) || char(9) || 'at ChildProcess.exithandler (node:child_process:422:12)' || char(13) || char(10) || char(9) || 'at ChildProcess.emit (node:events:517:28)' || char(13) || char(10) || 'FAIL src/api/"users".test.ts — expected ''200'' got ''500''',
 'build', 192250, 0, '2024-12-26T08:00:00.5Z'),

('0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a', '1B2C3D4E-5F60-4718-89A0-B1C2D3E4F506', '1.1.0', 'succeeded', NULL, 'webhook',
 '{"ref":"refs/tags/v4.2.0","sender":{"login":"zoë-å"}}',
 '{"build":{"status":"succeeded"},"review":{"status":"succeeded"},"canary":{"status":"succeeded","weights":[0.05,0.5,1.0]},"notes":{"status":"succeeded"}}',
 '2025-01-03T07:00:00.000Z', '2025-01-03T07:45:10.123456Z', NULL, NULL, 2712345, 40211, '2025-01-03T07:00:00Z'),

('AB12CD34-EF56-4A78-9B0C-D1E2F3A4B5C6', '6e5d4c3b-2a19-4807-b6c5-d4e3f2a1b0c9', '2.0.0', 'succeeded', NULL, 'webhook',
 '{"action":"opened","number":1042,"pull_request":{"title":"Fix “smart quotes” in ✨ release notes","draft":false}}',
 '{"lint":{"status":"succeeded","warnings":0},"test":{"status":"succeeded"},"review":{"status":"succeeded","approved":false,"comments":3}}',
 '2023-08-14T13:37:00.5Z', '2023-08-14T13:52:11.25Z', NULL, NULL, 905000, 12877, '2023-08-14T13:37:00.5Z'),

('run-000125', 'wf-nightly-audit', '1.0.0', 'running', 'scan', 'cron',
 '{"scheduled_for":"2025-03-09T02:30:00Z"}',
 '{}',
 '2025-03-09T02:30:00Z', NULL, NULL, NULL, 75700, 0, '2025-03-09 02:30:00'),

('5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d', '6E5D4C3B-2A19-4807-B6C5-D4E3F2A1B0C9', '2.0.0', 'failed', 'review', 'webhook',
 '{"action":"synchronize","number":1043}',
 '{"lint":{"status":"succeeded"},"test":{"status":"succeeded"},"review":{"status":"failed"}}',
 '2024-07-04T18:00:00.042Z', '2024-07-04T18:20:02.999Z',
 'upstream returned 429 Too Many Requests; retry-after=30' || char(10) || 'path: C:\Users\ci\AppData\Local\Temp\review.json',
 'review', 1202957, 99812, '2024-07-04T18:00:00.042Z'),

('f0e1d2c3-b4a5-4968-8776-655443322110', '8f7e6d5c-4b3a-4291-8087-6f5e4d3c2b1a', '2.1.0', 'pending', NULL, 'webhook',
 '{"action":"opened","number":1101}',
 '{}',
 NULL, NULL, NULL, NULL, 0, 0, '2025-05-20T06:45:10.123Z'),

('run-000126', 'wf-translate-docs', '0.3.0', 'succeeded', NULL, 'event',
 '{"source":"docs","type":"changed","paths":["docs/guide/démarrage.md","docs/ja/はじめに.md","docs/🚀-launch.md"]}',
 '{"detect":{"status":"succeeded","language":"fr"},"translate":{"status":"succeeded","targets":{"ja":"ok","de":"ok"}},"write":{"status":"succeeded"}}',
 '2023-05-17T12:00:00.12Z', '2023-05-17T12:09:59.9Z', NULL, NULL, 540000, 250331, '2023-05-17T12:00:00.12Z'),

('2b3c4d5e-6f70-4819-a2b3-c4d5e6f70819', '44444444-4444-4444-8444-444444444444', '1.0.0', 'cancelled', 'bump', 'cron',
 NULL,
 '{"bump":{"status":"cancelled","reason":"superseded"}}',
 '2021-11-15T04:15:00Z', '2021-11-15T04:16:00Z', 'cancelled by user "renovate-bot"', 'bump', 60000, 0, '2021-11-15T04:15:00Z'),

('9C8D7E6F-5A4B-4C3D-8E2F-1A0B9C8D7E6F', 'c3d4e5f6-a7b8-4c9d-8e0f-1a2b3c4d5e6f', '3.2.1', 'failed', 'report', 'cron',
 '{}',
 '{"sast":{"status":"succeeded","findings":{"high":0,"medium":2,"low":17}},"report":{"status":"failed"}}',
 '2024-12-29T01:30:00+00:00', '2024-12-29T02:00:00.5+00:00', '', 'report', 1800500, 5000, '2024-12-29T01:30:00+00:00'),

('3c4d5e6f-7081-492a-b3c4-d5e6f708192a', 'wf-translate-docs', '0.3.0', 'failed', 'translate', 'event',
 '{"source":"docs","type":"changed","paths":["docs/faq.md"]}',
 '{"detect":{"status":"succeeded"},"translate":{"status":"failed","error":"quota exceeded"}}',
 '2025-02-14T14:14:14Z', '2025-02-14T14:15:00Z', 'quota exceeded: 1e6 tokens/day', 'translate', 46000, 1000000, '2025-02-14T14:14:14Z'),

('run-000127', 'wf-hotfix', '1.0.0', 'succeeded', NULL, 'manual',
 '{"requested_by":"O''Brien","reason":"CVE-2024-12345 \"urgent\""}',
 '{"deploy":{"status":"succeeded"}}',
 '2024-12-24T23:59:59Z', '2024-12-25T00:05:00Z', NULL, NULL, 301000, 0, '2024-12-24T23:59:59Z'),

('4d5e6f70-8192-4a3b-84d5-e6f708192a3b', 'e9d8c7b6-a5f4-4e3d-9c2b-1a0f9e8d7c6b', '1.0.0', 'succeeded', NULL, 'event',
 '{"source":"metrics","type":"latency.p99","value_ms":312.5,"service":"swarm-platform"}',
 '{"profile":{"status":"succeeded","hot":["JSON.parse","zlib.inflate"]},"summary":{"status":"succeeded"}}',
 '2026-06-06T06:06:06.606Z', '2026-06-06T06:10:00Z', NULL, NULL, 233394, 8000, '2026-06-06T06:06:06.606Z'),

('5e6f7081-92a3-4b4c-95e6-f708192a3b4c', 'wf-nightly-audit', '1.0.0', 'succeeded', NULL, 'cron',
 '{"scheduled_for":"2025-03-08T02:30:00Z"}',
 '{"scan":{"status":"succeeded","findings":[]}}',
 '2025-03-08T02:30:00Z', '2025-03-08T03:58:20.1Z', NULL, NULL, 2147483000, 0, '2025-03-08T02:30:00Z'),

('7E8F9A0B-1C2D-4E3F-A4B5-C6D7E8F9A0B1', 'wf-deploy-pipeline', '1.0.0', 'succeeded', NULL, 'webhook',
 '{"ref":"refs/heads/main"}',
 NULL,
 '2020-01-01 00:00:00', '2020-01-01 00:07:30', NULL, NULL, 450000, 3000, '2020-01-01 00:00:00'),

('6f708192-a3b4-4c5d-a6f7-08192a3b4c5d', 'wf_legacy_001', '0.0.1', 'succeeded', NULL, 'manual',
 '{}', '{}',
 '2016-07-07 07:07:07', '2016-07-07 07:07:08', NULL, NULL, 1000, 0, '2016-07-07 07:07:07'),

('run-2015-legacy-01', 'wf_legacy_001', '0.0.1', 'failed', 'run', 'manual',
 NULL, NULL,
 '2015-09-02 00:00:00', '2015-09-02 00:00:01', 'exit status 127: \N not found', 'run', 1000, 0, NULL),

('708192a3-b4c5-4d6e-b7f8-192a3b4c5d6e', '1b2c3d4e-5f60-4718-89a0-b1c2d3e4f506', '1.1.0', 'running', 'canary', 'webhook',
 '{"ref":"refs/tags/v4.3.0"}',
 '{"build":{"status":"succeeded"},"review":{"status":"succeeded"},"canary":{"status":"running","weight":0.05}}',
 '2025-05-20T06:45:10.123Z', NULL, NULL, NULL, 30333, 1500, '2025-05-20T06:45:10.123Z');

-- step_executions ----------------------------------------------------------------------------
INSERT INTO step_executions (id, run_id, step_id, agent_id, agent_name, agent_version, status, vm_id, inputs, outputs, queued_at, started_at, completed_at, duration_ms, api_tokens_used, error, retry_count) VALUES
('step-000123-build', 'run-000123', 'build', 'agt_7b21d0', 'test-runner', '2.3.1', 'succeeded', 'vm-fc-0001',
 '{"parallelism":8}', '{"passed":412,"failed":0,"coverage":0.873}',
 '2024-12-25 10:11:12', '2024-12-25 10:11:12.5', '2024-12-25 10:12:36.711', 84211, 0, NULL, 0),
('step-000123-review', 'run-000123', 'review', 'a3c1e7b2-5d4f-4a8e-9b21-7f0c3d9e6a12', 'code-reviewer', '1.0.0', 'succeeded', 'vm-fc-0002',
 '{"repo":"swarm/platform","pr":1040}', '{"approved":true,"comments":[]}',
 '2024-12-25T10:12:36.711Z', '2024-12-25T10:12:40Z', '2024-12-25T10:14:00Z', 80000, 18234, NULL, 0),
('step-000123-deploy', 'run-000123', 'deploy', 'F19C2B7E-0A4D-4B8E-9C3F-5E6D7A8B9C0D', 'deployer', '3.0.0', 'succeeded', 'vm-fc-0003',
 '{"service":"swarm-platform","strategy":"rolling"}', '{"deployment_id":"d1a2b3c4-e5f6-4a7b-8c9d-0e1f2a3b4c5d","healthy":true}',
 '2024-12-25T10:14:00Z', '2024-12-25T10:14:01Z', '2024-12-25T10:16:40Z', 159000, 0, NULL, 0),
('step-000124-build', 'run-000124', 'build', 'agt_7b21d0', 'test-runner', '2.3.1', 'failed', 'vm-fc-0004',
 '{"parallelism":8}', '{"passed":411,"failed":1,"failures":[{"file":"src/api/\"users\".test.ts","line":88}]}',
 '2024-12-26T08:00:00.5Z', '2024-12-26T08:00:01Z', '2024-12-26T08:03:12.75Z', 191750, 0,
 'expected ''200'' got ''500''' || char(13) || char(10) || char(9) || 'at Object.<anonymous> (src\api\users.test.ts:88:5)', 2),
('c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f', '0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a', 'build', 'agt_7b21d0', 'test-runner', '2.3.1', 'succeeded', 'vm-fc-0005',
 NULL, '{"passed":420}',
 '2025-01-03T07:00:00Z', '2025-01-03T07:00:01Z', '2025-01-03T07:02:00Z', 119000, 0, NULL, 0),
('D2E3F4A5-B6C7-4D8E-9F0A-1B2C3D4E5F60', '0D1E2F3A-4B5C-4D6E-8F7A-9B0C1D2E3F4A', 'review', 'd7e4b1a9-2c3f-4e5d-8a6b-9c0d1e2f3a4b', 'code-reviewer', '1.1.0', 'succeeded', 'vm-fc-0006',
 '{"repo":"swarm/platform","pr":1050,"monorepo_root":"packages/api"}', '{"approved":true,"comments":["Nit: prefer `const` here"]}',
 '2025-01-03T07:02:00Z', '2025-01-03T07:02:05.5Z', '2025-01-03T07:10:00Z', 474500, 40211, NULL, 0),
('e3f4a5b6-c7d8-4e9f-a0b1-c2d3e4f5a6b7', '0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a', 'canary', 'f19c2b7e-0a4d-4b8e-9c3f-5e6d7a8b9c0d', 'deployer', '3.0.0', 'succeeded', 'vm-fc-0006',
 '{"strategy":"canary","canary":{"steps":[{"weight":0.05,"pause":"5m"},{"weight":0.5,"pause":"10m"},{"weight":1.0}]}}', '{"healthy":true}',
 '2025-01-03T07:10:00Z', '2025-01-03T07:10:01Z', '2025-01-03T07:40:00Z', 1799000, 0, NULL, 0),
('f4a5b6c7-d8e9-4fa0-b1c2-d3e4f5a6b7c8', '0d1e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a', 'notes', '7D3E1F9B-4C2A-4E6D-B8A0-5F1E2D3C4B5A', 'release-notes', '1.0.0-rc.1+build.5', 'succeeded', NULL,
 '{"since":"2024-12-01T00:00:00Z","format":"markdown"}', '{"markdown":"## v4.2.0\n\n* Fixed \"smart quotes\"\n* Añadido soporte para 日本語\n* 🚀 faster deploys\n"}',
 '2025-01-03T07:40:00Z', '2025-01-03T07:40:00.1Z', '2025-01-03T07:45:10.1Z', 310000, 0, NULL, 0),
('step-pr1042-lint', 'AB12CD34-EF56-4A78-9B0C-D1E2F3A4B5C6', 'lint', 'agt_3f9a2c', 'lint-runner', '0.9.2', 'succeeded', 'vm-fc-0007',
 '{}', '{"warnings":0,"errors":0}',
 '2023-08-14T13:37:00.5Z', '2023-08-14T13:37:01Z', '2023-08-14T13:38:00Z', 59000, 0, '', 0),
('step-pr1042-test', 'ab12cd34-ef56-4a78-9b0c-d1e2f3a4b5c6', 'test', 'agt_7b21d0', 'test-runner', '2.3.1', 'succeeded', 'vm-fc-0007',
 '{"parallelism":4}', '{"passed":398,"skipped":3}',
 '2023-08-14T13:38:00Z', '2023-08-14T13:38:00.25Z', '2023-08-14T13:45:00Z', 419750, 0, NULL, 1),
('step-pr1042-review', 'AB12CD34-EF56-4A78-9B0C-D1E2F3A4B5C6', 'review', 'D7E4B1A9-2C3F-4E5D-8A6B-9C0D1E2F3A4B', 'code-reviewer', '1.1.0', 'succeeded', 'vm-fc-0008',
 '{"repo":"swarm/platform","pr":1042}', '{"approved":false,"comments":["Use \u201csmart quotes\u201d consistently","Tab\tinside","Path C:\\tmp\\x"]}',
 '2023-08-14T13:45:00Z', '2023-08-14T13:45:01Z', '2023-08-14T13:52:11.25Z', 430250, 12877, NULL, 0),
('step-000125-scan', 'run-000125', 'scan', 'b8d2f4a6-1c3e-4f5a-8b7c-9d0e1f2a3b4c', 'security-scanner', '1.4.0', 'running', 'vm-fc-0009',
 '{"repos":"*"}', NULL,
 '2025-03-09T02:30:00Z', '2025-03-09T02:30:00.7Z', NULL, NULL, 0, NULL, 0),
('0a1b2c3d-4e5f-4061-8273-8495a6b7c8d9', '5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d', 'review', '0b5e3a9c-8d7f-4e2a-b1c6-3f4e5d6a7b8c', 'code-reviewer', '2.0.0-beta', 'failed', 'vm-fc-0010',
 '{"repo":"swarm/platform","pr":1043,"model":"large"}', '{"http_status":429,"retry_after":30}',
 '2024-07-04T18:05:00Z', '2024-07-04T18:05:01Z', '2024-07-04T18:20:02.999Z', 901999, 99812,
 'HTTP 429' || char(9) || 'Too Many Requests' || char(10) || 'body: {"error":"rate_limited"}', 3),
('1b2c3d4e-5f60-4172-9384-a5b6c7d8e9f0', 'f0e1d2c3-b4a5-4968-8776-655443322110', 'lint', 'agt_3f9a2c', 'lint-runner', '0.9.2', 'pending', NULL,
 NULL, NULL,
 '2025-05-20T06:45:10.123Z', NULL, NULL, NULL, 0, NULL, 0),
('step-000126-detect', 'run-000126', 'detect', 'E2A7C9D1-3B5F-4A6E-8C0D-1F2E3A4B5C6D', 'translator', '2.0.0', 'succeeded', 'vm-fc-0011',
 '{"mode":"detect"}', '{"language":"fr","confidence":0.9987}',
 '2023-05-17T12:00:00.12Z', '2023-05-17T12:00:01Z', '2023-05-17T12:00:05Z', 4000, 512, NULL, 0),
('step-000126-translate', 'run-000126', 'translate', 'e2a7c9d1-3b5f-4a6e-8c0d-1f2e3a4b5c6d', 'translator', '2.0.0', 'succeeded', 'vm-fc-0011',
 '{"targets":["fr","de","ja","zh-Hans","pt-BR"]}', '{"ja":"はじめに","de":"Einführung","zh-Hans":"简介","pt-BR":"Introdução","fr":"Démarrage 🚀"}',
 '2023-05-17T12:00:05Z', '2023-05-17T12:00:06Z', '2023-05-17T12:08:00Z', 474000, 249819, NULL, 0),
('step-000126-write', 'run-000126', 'write', '5f0e8c2a-9b3d-4c1e-a7f6-2d8b4e0c9a13', 'doc-writer', '1.0.0', 'succeeded', 'vm-fc-0011',
 '{"locale":"ja"}', '{"files_written":5}',
 '2023-05-17T12:08:00Z', '2023-05-17T12:08:00.5Z', '2023-05-17T12:09:59.9Z', 119400, 0, NULL, 0),
('2c3d4e5f-6071-4283-94a5-b6c7d8e9f0a1', '3c4d5e6f-7081-492a-b3c4-d5e6f708192a', 'translate', 'E2A7C9D1-3B5F-4A6E-8C0D-1F2E3A4B5C6D', 'translator', '2.0.0', 'failed', 'vm-fc-0012',
 '{"targets":["fr"]}', '{"error":{"code":"quota_exceeded","limit":1e6,"used":1000000}}',
 '2025-02-14T14:14:15Z', '2025-02-14T14:14:16Z', '2025-02-14T14:15:00Z', 44000, 1000000, 'quota exceeded: 1e6 tokens/day', 0),
('step-000127-deploy', 'run-000127', 'deploy', 'F19C2B7E-0A4D-4B8E-9C3F-5E6D7A8B9C0D', 'deployer', '3.0.0', 'succeeded', 'B7C8D9E0-F1A2-4B3C-8D4E-5F60718293A4',
 '{"strategy":"rolling"}', '{"healthy":true}',
 '2024-12-24T23:59:59Z', '2024-12-25T00:00:00Z', '2024-12-25T00:05:00Z', 300000, 0, NULL, 0),
('3d4e5f60-7182-4394-a5b6-c7d8e9f0a1b2', '4d5e6f70-8192-4a3b-84d5-e6f708192a3b', 'profile', '9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d', 'perf-profiler', '0.5.0', 'succeeded', 'vm-fc-0001',
 '{"duration_s":60}', '{"hot":["JSON.parse","zlib.inflate"],"samples":123456}',
 '2026-06-06T06:06:06.606Z', '2026-06-06T06:06:07Z', '2026-06-06T06:07:07Z', 60000, 0, NULL, 0),
('4e5f6071-8293-44a5-b6c7-d8e9f0a1b2c3', '4D5E6F70-8192-4A3B-84D5-E6F708192A3B', 'summary', '3f9a2c7e1b4d4e8f9a0b1c2d3e4f5a6b', 'summarizer', '0.1.0', 'succeeded', 'vm-fc-0002',
 '{"text_ref":"artifact:perf-2026-06-06"}', '{"summary":"JSON.parse dominates; consider streaming 🧵"}',
 '2026-06-06T06:07:07Z', '2026-06-06T06:07:08Z', '2026-06-06T06:10:00Z', 172000, 8000, NULL, 0),
('step-2016-run', '6f708192-a3b4-4c5d-a6f7-08192a3b4c5d', 'run', 'agt_00000001', 'hello-world', '0.0.1', 'succeeded', NULL,
 '{}', '{"stdout":"hello, world\n"}',
 '2016-07-07 07:07:07', '2016-07-07 07:07:07', '2016-07-07 07:07:08', 1000, 0, NULL, 0),
('step-2015-run', 'run-2015-legacy-01', 'run', 'agent-legacy-summarizer', 'summarizer', '0.0.9', 'failed', NULL,
 NULL, NULL,
 '2015-09-02 00:00:00', '2015-09-02 00:00:00', '2015-09-02 00:00:01', 1000, 0, 'sh: 1: \N: not found', 0),
('5f607182-93a4-45b6-c7d8-e9f0a1b2c3d4', '708192a3-b4c5-4d6e-b7f8-192a3b4c5d6e', 'canary', NULL, 'deployer', '3.0.0', 'running', 'vm-fc-0003',
 '{"strategy":"canary"}', NULL,
 '2025-05-20T06:45:11Z', '2025-05-20T06:45:11.5Z', NULL, NULL, 1500, NULL, 0),
('60718293-a4b5-46c7-d8e9-f0a1b2c3d4e5', '7E8F9A0B-1C2D-4E3F-A4B5-C6D7E8F9A0B1', 'build', 'agt_7b21d0', 'test-runner', '2.3.1', 'succeeded', NULL,
 '{"parallelism":2}', '{"passed":120}',
 '2020-01-01 00:00:00', NULL, '2020-01-01 00:07:30', NULL, 0, NULL, 0);

-- vm_assignments (assigned_at / heartbeat_at are epoch milliseconds) -------------------------
INSERT INTO vm_assignments (vm_id, ticket_id, assigned_at, status, heartbeat_at) VALUES
('vm-fc-0001', 'TKT-1040', 1735121472345, 'released', 1735121800001),
('vm-fc-0002', 'TKT-1040', 1735121472345, 'released', NULL),
('vm-fc-0003', 'TKT-1101', 1747723510123, 'running', 1747723540456),
('vm-fc-0004', 'TKT-1041', 1735887600000, 'failed', 1735887899999),
('vm-fc-0005', 'TKT-1050', 1735887600000, 'released', 1735887899999),
('vm-fc-0006', 'TKT-1050', 1735887600000, 'released', 1735887899999),
('vm-fc-0007', 'TKT-1042', 1692020220500, 'released', 1692021131250),
('vm-fc-0008', 'TKT-1042', 1692020220500, 'released', 1692021131250),
('vm-fc-0009', '7C2F9E4A-1B3D-4E5F-8A6B-9C0D1E2F3A4B', 1741487400000, 'running', 1741487475700),
('vm-fc-0010', 'TKT-1043', 1720116000042, 'failed', 1720117202999),
('vm-fc-0011', 'docs-2023-05-17', 1684324800000, 'released', NULL),
('vm-fc-0012', 'TKT-1188', 1739542454000, 'failed', 1739542500000),
('B7C8D9E0-F1A2-4B3C-8D4E-5F60718293A4', 'HOTFIX-2024-12-24', 1735084799000, 'released', 1735085100000),
('vm-legacy-1', 'TKT-0001', 1451606400000, NULL, NULL),
('vm-spare-01', '', 1893455999999, 'reserved', NULL);

-- triggers -----------------------------------------------------------------------------------
INSERT INTO triggers (id, workflow_id, type, webhook_path, webhook_secret, cron_expression, next_run_at, event_source, event_type, enabled, created_at) VALUES
('trg-deploy-webhook', 'wf-deploy-pipeline', 'webhook', '/hooks/deploy', 'whsec_9c1f$3a"b''c\d', NULL, NULL, NULL, NULL, 1, '2019-06-30T23:59:59Z'),
('0e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b', '1B2C3D4E-5F60-4718-89A0-B1C2D3E4F506', 'webhook', '/hooks/deploy/v2', 'whsec_Zk8=+/Q', NULL, NULL, NULL, NULL, 1, '2024-12-25T10:11:12.345Z'),
('trg-nightly', 'wf-nightly-audit', 'cron', NULL, NULL, '0 2 * * *', '2025-03-10T02:00:00Z', NULL, NULL, 1, '2020-02-29 12:00:00'),
('1F2A3B4C-5D6E-4F70-8192-A3B4C5D6E7F8', '6E5D4C3B-2A19-4807-B6C5-D4E3F2A1B0C9', 'webhook', '/hooks/github/pr', '', NULL, NULL, 'github', 'pull_request', 1, '2022-07-01T00:00:00'),
('2a3b4c5d-6e7f-4081-92a3-b4c5d6e7f809', '8F7E6D5C-4B3A-4291-8087-6F5E4D3C2B1A', 'webhook', '/hooks/github/pr/v2', 'whsec_🔑_unicode', NULL, NULL, 'github', 'pull_request', 1, '2025-02-01T10:00:00Z'),
('3b4c5d6e-7f80-4192-a3b4-c5d6e7f8091a', 'wf-translate-docs', 'event', NULL, NULL, NULL, NULL, 'docs', 'changed', 1, '2023-05-17T12:00:00.12Z'),
('4c5d6e7f-8091-42a3-b4c5-d6e7f8091a2b', '44444444-4444-4444-8444-444444444444', 'cron', NULL, NULL, '15 4 * * 1', '2025-03-10 04:15:00', NULL, NULL, 1, '2021-11-11T11:11:11.111Z'),
('5d6e7f80-91a2-43b4-c5d6-e7f8091a2b3c', 'C3D4E5F6-A7B8-4C9D-8E0F-1A2B3C4D5E6F', 'cron', NULL, NULL, '30 1 * * 0', '2025-03-16T01:30:00.000+00:00', NULL, NULL, 1, '2018-10-10 10:10:10'),
('trg_legacy_import', 'wf_legacy_001', 'manual', NULL, NULL, NULL, NULL, NULL, NULL, 0, '2015-09-01 00:00:00'),
('6E7F8091-A2B3-44C5-D6E7-F8091A2B3C4D', 'wf-hotfix', 'manual', '/hooks/hotfix/break-glass', 'pa\ss"wo''rd' || char(9) || 'tab', NULL, NULL, NULL, NULL, 0, '2022-09-30T18:45:00+05:45'),
('7f8091a2-b3c4-45d6-e7f8-091a2b3c4d5e', 'e9d8c7b6-a5f4-4e3d-9c2b-1a0f9e8d7c6b', 'event', NULL, NULL, NULL, NULL, 'metrics', 'latency.p99', 1, '2026-06-06T06:06:06.606Z'),
('8091a2b3-c4d5-46e7-f809-1a2b3c4d5e6f', 'a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d', 'cron', NULL, NULL, '0 9 1 * *', NULL, NULL, NULL, 0, '2024-11-01T09:30:15.5-04:00'),
('trg-perf-cron', 'E9D8C7B6-A5F4-4E3D-9C2B-1A0F9E8D7C6B', 'cron', NULL, NULL, '*/15 * * * *', '2029-12-31T13:45:00.12345-09:30', NULL, NULL, 1, '2026-06-06T06:06:06.6061Z');

-- secrets (encrypted_value: opaque bytes, zero bytes included) -------------------------------
INSERT INTO secrets (id, workflow_id, name, encrypted_value, scope, created_at, updated_at) VALUES
('sec-github-token', 'wf-deploy-pipeline', 'GITHUB_TOKEN', X'00FF00A1B2C3D4E5F60000FF7E7F80', 'workflow', '2019-06-30T23:59:59Z', '2024-12-25 10:11:12'),
('9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d', '1b2c3d4e-5f60-4718-89a0-b1c2d3e4f506', 'GITHUB_TOKEN', X'01000000A7C3E2F5B6D8E90A0B0C0D0E0F00', 'workflow', '2024-12-25T10:11:12.345Z', '2024-12-25T10:11:12.345Z'),
('A1B2C3D4-E5F6-4789-8ABC-DEF012345678', '1B2C3D4E-5F60-4718-89A0-B1C2D3E4F506', 'DEPLOY_SSH_KEY', zeroblob(64), 'workflow', '2024-12-25T12:11:12+02:00', '2025-01-03T07:00:00.0Z'),
('sec-slack', 'wf-deploy-pipeline', 'SLACK_WEBHOOK_URL', X'', 'workflow', '2019-07-01 00:00:00', '2019-07-01 00:00:00'),
('b2c3d4e5-f6a7-4b8c-9d0e-f1a2b3c4d5e6', '6e5d4c3b-2a19-4807-b6c5-d4e3f2a1b0c9', 'OPENAI_API_KEY', X'5C4E0D0A09005C5C27220000', 'workflow', '2022-07-01T00:00:00', '2023-08-14T13:37:00.5Z'),
('c3d4e5f6-a7b8-4c9d-8e0f-a1b2c3d4e5f7', 'wf-nightly-audit', 'SNYK_TOKEN', NULL, 'workflow', '2020-02-29 12:00:00', NULL),
('sec_global_npm', NULL, 'NPM_TOKEN', X'000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F202122232425262728292A2B2C2D2E2F303132333435363738393A3B3C3D3E3F404142434445464748494A4B4C4D4E4F505152535455565758595A5B5C5D5E5F606162636465666768696A6B6C6D6E6F707172737475767778797A7B7C7D7E7F808182838485868788898A8B8C8D8E8F909192939495969798999A9B9C9D9E9FA0A1A2A3A4A5A6A7A8A9AAABACADAEAFB0B1B2B3B4B5B6B7B8B9BABBBCBDBEBFC0C1C2C3C4C5C6C7C8C9CACBCCCDCECFD0D1D2D3D4D5D6D7D8D9DADBDCDDDEDFE0E1E2E3E4E5E6E7E8E9EAEBECEDEEEFF0F1F2F3F4F5F6F7F8F9FAFBFCFDFEFF', 'global', '2018-01-01T00:00:00Z', '2023-03-14T15:09:26.5Z'),
('D4E5F6A7-B8C9-4DAE-8F01-B2C3D4E5F6A8', NULL, 'SENTRY_DSN', X'FFFEFDFC00000000', 'global', '2021-01-15T08:30:00+0530', '2021-01-15T08:30:00+0530'),
('e5f6a7b8-c9da-4ebf-9012-c3d4e5f6a7b9', 'C3D4E5F6-A7B8-4C9D-8E0F-1A2B3C4D5E6F', 'PAGERDUTY_KEY', X'00', 'workflow', '2018-10-10 10:10:10', '2024-07-04T18:00:00.042Z'),
('sec-translate', 'wf-translate-docs', 'DEEPL_API_KEY', X'DEADBEEF00C0FFEE', 'workflow', '2023-05-17T12:00:00.12Z', '2023-05-17T12:00:00.12Z'),
('f6a7b8c9-daeb-4fc0-8123-d4e5f6a7b8ca', 'wf-hotfix', 'BREAK_GLASS_TOKEN', X'E29C93F09F9A8000', 'workflow', '2022-09-30T18:45:00+05:45', NULL),
('0718293a-4b5c-46d7-e8f9-0a1b2c3d4e5f', '44444444-4444-4444-8444-444444444444', 'RENOVATE_TOKEN', X'3000310032', NULL, NULL, NULL);

-- execution_artifacts ------------------------------------------------------------------------
INSERT INTO execution_artifacts (id, ticket_id, artifact_type, content, created_at) VALUES
('art-000123-junit', 'TKT-1040', 'junit',
 '<?xml version="1.0" encoding="UTF-8"?>' || char(10) || '<testsuites tests="412" failures="0">' || char(10) || char(9) || '<testsuite name="api &amp; ''auth''" time="84.211"/>' || char(10) || '</testsuites>' || char(10),
 '2024-12-25T10:12:36.711Z'),
('18293a4b-5c6d-47e8-f90a-1b2c3d4e5f60', 'TKT-1041', 'log',
 'npm test' || char(13) || char(10) || '> jest --ci' || char(13) || char(10) || char(13) || char(10) || 'FAIL src/api/"users".test.ts' || char(13) || char(10) || char(9) || 'expected ''200'' got ''500''' || char(13) || char(10),
 '2024-12-26T08:03:12.75Z'),
('293A4B5C-6D7E-48F9-A0B1-C2D3E4F5A607', 'TKT-1042', 'diff',
 'diff --git a/docs/release-notes.md b/docs/release-notes.md' || char(10) || '--- a/docs/release-notes.md' || char(10) || '+++ b/docs/release-notes.md' || char(10) || '@@ -1,3 +1,3 @@' || char(10) || '-Fix "smart quotes"' || char(10) || '+Fix “smart quotes” ✨' || char(10) || ' path: C:\repo\docs\N-notes.md' || char(10) || '\ No newline at end of file',
 '2023-08-14T13:52:11.25Z'),
('art-empty', 'TKT-1043', 'log', '', '2024-07-04T18:20:02.999Z'),
('art-null', 'TKT-1043', 'screenshot', NULL, '2024-07-04T18:20:03Z'),
('3a4b5c6d-7e8f-4901-a2b3-c4d5e6f70812', 'TKT-1050', 'report',
 '# Release v4.2.0' || char(10) || char(10) || '| Step | Status |' || char(10) || '|---|---|' || char(10) || '| build | ✅ |' || char(10) || '| canary | ✅ 5% → 50% → 100% |' || char(10) || char(10) || 'Notes (日本語): リリースノート。' || char(10),
 '2025-01-03T07:45:10.123456Z'),
('4b5c6d7e-8f90-4a12-b3c4-d5e6f7081923', 'docs-2023-05-17', 'translation',
 'Introdução' || char(9) || 'Einführung' || char(9) || 'はじめに' || char(9) || '简介' || char(9) || 'Démarrage 🚀',
 '2023-05-17T12:09:59.9Z'),
('art-backslash-n', 'TKT-1188', 'stdout', '\N', '2025-02-14T14:15:00Z'),
('5c6d7e8f-9012-4b23-84d5-e6f708192a34', '7C2F9E4A-1B3D-4E5F-8A6B-9C0D1E2F3A4B', 'sarif',
 '{"version":"2.1.0","runs":[]}',
 '2025-03-09T02:30:00.7Z'),
('6d7e8f90-1234-4c35-95e6-f708192a3b45', 'TKT-0001', 'log',
 'legacy log' || char(13) || 'old Mac line ending' || char(13) || 'quotes: '' " `' || char(10) || 'backslashes: \ \\ \\\ \n \r \t \0',
 '2016-01-01 00:00:00'),
('7E8F9012-3456-4D47-A6F7-08192A3B4C56', 'HOTFIX-2024-12-24', 'log', 'deployed in 5m', NULL);

-- A large log (about 1.67 MB, 18 000 lines): multi-byte characters on every line so that any
-- chunk boundary lands inside a UTF-8 sequence somewhere; occasional tabs, \N and backslashes.
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 18000)
INSERT INTO execution_artifacts (id, ticket_id, artifact_type, content, created_at)
SELECT '8f901234-5678-4e59-b708-192a3b4c5d6e', 'TKT-2051', 'log', group_concat(line, char(10)) || char(10), '2025-03-08T03:58:20.1Z'
FROM (
  SELECT printf('%s [%s] worker-%02d step %05d/18000 %s',
                strftime('%Y-%m-%dT%H:%M:%fZ', '2025-03-08 02:30:00', printf('+%.3f seconds', i * 0.293)),
                CASE WHEN i % 97 = 0 THEN 'WARN' ELSE 'INFO' END,
                i % 16, i,
                CASE i % 5
                  WHEN 0 THEN 'scanned pkg/é/ü/ø — ✓ ok'
                  WHEN 1 THEN 'résumé: 0 findings · 日本語 ok'
                  WHEN 2 THEN 'path=C:\scan\N\' || char(9) || 'tab ✓'
                  WHEN 3 THEN 'emoji 🔒🧵 "quoted" ''single'''
                  ELSE 'plain ascii line with nothing special in it'
                END) AS line
  FROM n ORDER BY i
);

COMMIT;

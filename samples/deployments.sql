-- deployments.db — the deploy service (production path: /opt/swarm-deploy/data/deployments.db)
-- Written by a Node.js service through better-sqlite3; foreign keys were never enforced.

CREATE TABLE deployments (
  id                  TEXT PRIMARY KEY,
  service             TEXT NOT NULL,
  commit_sha          TEXT NOT NULL,
  triggered_by        TEXT NOT NULL,
  trigger_type        TEXT NOT NULL,
  status              TEXT NOT NULL DEFAULT 'pending',
  started_at          TEXT NOT NULL DEFAULT (datetime('now')),
  completed_at        TEXT,
  build_log           TEXT,               -- multi-line, can be large
  deploy_log          TEXT,
  health_check_result TEXT,
  rollback_reason     TEXT,
  created_at          TEXT DEFAULT (datetime('now'))
);

CREATE TABLE deployment_events (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  deployment_id TEXT NOT NULL REFERENCES deployments(id),
  stage         TEXT NOT NULL,
  status        TEXT NOT NULL,
  message       TEXT,
  details       TEXT,                     -- JSON
  created_at    TEXT DEFAULT (datetime('now'))
);

CREATE TABLE queue (
  id               INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_id        TEXT NOT NULL,
  parent_ticket_id TEXT,
  commit_sha       TEXT NOT NULL,
  repo             TEXT NOT NULL,
  service          TEXT NOT NULL,
  pr_number        INTEGER,
  status           TEXT DEFAULT 'waiting',
  waiting_for      TEXT,
  queued_at        TEXT DEFAULT (datetime('now')),
  deployed_at      TEXT
);

CREATE TABLE commit_ticket_map (
  commit_sha TEXT PRIMARY KEY,
  ticket_id  TEXT NOT NULL,
  repo       TEXT NOT NULL,
  pr_number  INTEGER,
  created_at TEXT DEFAULT (datetime('now'))
);

-- ---------------------------------------------------------------------------------------------
-- Sample data. Loads with `sqlite3 deployments.db < samples/deployments.sql`. Every reference
-- resolves (some through a different letter case of the same UUID); see samples/README.md.
-- ---------------------------------------------------------------------------------------------
BEGIN;

-- deployments: 12 written out ---------------------------------------------------------------
INSERT INTO deployments (id, service, commit_sha, triggered_by, trigger_type, status, started_at, completed_at, build_log, deploy_log, health_check_result, rollback_reason, created_at) VALUES
('d1a2b3c4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', 'swarm-platform', '9fceb02d0ae598e95dc970b74767f19372d61af8', 'run-000123', 'webhook', 'succeeded',
 '2024-12-25 10:14:01', '2024-12-25 10:16:40',
 '> npm ci' || char(10) || 'added 1207 packages in 41s' || char(10) || '> npm run build' || char(10) || 'webpack 5.89.0 compiled successfully in 20341 ms' || char(10),
 'kubectl rollout status deploy/swarm-platform' || char(10) || 'deployment "swarm-platform" successfully rolled out' || char(10),
 'HTTP 200 OK (42 ms)', NULL, '2024-12-25 10:14:01'),

('dep-2019-0001', 'swarm-registry', '3b18e512dba79e4c8300dd08aeb37f8e728b8dad', 'ops', 'manual', 'succeeded',
 '2019-06-30 23:59:59', '2019-07-01 00:04:12',
 'make all' || char(13) || char(10) || 'gcc -O2 -o registry main.c' || char(13) || char(10),
 'scp registry ops@10.0.0.5:/opt/swarm-registry/' || char(13) || char(10) || 'systemctl restart swarm-registry' || char(13) || char(10),
 'ok', NULL, '2019-06-30 23:59:59'),

('4F3E2D1C-0B9A-4887-A665-544332211000', 'swarm-deploy', 'e83c5163316f89bfbde7d9ab23ca2e25604af290', 'mara@example.com', 'webhook', 'failed',
 '2024-12-26T08:03:13.1Z', '2024-12-26T08:05:00.25Z',
 'Step 4/9 : RUN npm test' || char(10) || ' ---> Running in 1f2e3d4c5b6a' || char(10) || 'FAIL src/api/"users".test.ts' || char(10) || char(9) || 'expected ''200'' got ''500''' || char(10) || 'The command ''/bin/sh -c npm test'' returned a non-zero code: 1' || char(10),
 NULL, NULL, NULL, '2024-12-26T08:03:13.1Z'),

('dep_legacy_0042', 'swarm-tickets', 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', 'cron', 'schedule', 'succeeded',
 '2016-02-29 23:59:59', '2016-03-01 00:01:30',
 '', NULL, NULL, NULL, NULL),

('e4f5a6b7-c8d9-4eaf-b0c1-d2e3f4a5b6c7', 'swarm-platform', '1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b', 'run-000127', 'manual', 'rolled_back',
 '2024-12-25T00:00:00Z', '2024-12-25T00:05:00Z',
 'Build succeeded.',
 'Deploying swarm-platform@1e2d3c4' || char(13) || char(10) || 'Waiting for 3 replicas...' || char(13) || char(10) || 'Replica 2/3 CrashLoopBackOff' || char(13) || char(10),
 'HTTP 503 Service Unavailable: {"error":"db pool exhausted","retry":true}',
 'Health check failed after 3 attempts:' || char(13) || char(10) || char(9) || '- /healthz returned 503' || char(13) || char(10) || char(9) || '- "db pool exhausted" (max=10)' || char(13) || char(10) || 'Rolled back to ''v4.1.9''.',
 '2024-12-25T00:00:00Z'),

('5A6B7C8D-9E0F-4A1B-9C2D-3E4F5A6B7C8D', 'swarm-registry', '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c', 'Zoë Ångström', 'manual', 'rolled_back',
 '2025-01-03T09:00:00+02:00', '2025-01-03T09:10:00.5+02:00',
 'Build succeeded.', 'Deployed.', 'HTTP 200 OK', '', '2025-01-03T09:00:00+02:00'),

('f5a6b7c8-d9e0-4fa1-b2c3-d4e5f6a7b8c9', 'docs-site', 'c0ffee1234567890abcdef1234567890abcdef12', 'renovate-bot 🤖', 'webhook', 'succeeded',
 '2023-05-17T12:10:00.123456Z', '2023-05-17T12:11:00.654321Z',
 'hugo --minify' || char(10) || 'Pages            | EN  | JA  | DE  | 中文 ' || char(10) || '-------------------+-----+-----+-----+------' || char(10) || '  Pages            | 120 | 118 | 117 | 119' || char(10) || 'Total in 2311 ms 🚀' || char(10),
 'rsync -av public/ docs@10.0.0.9:/srv/docs/' || char(10),
 'HTTP 200 OK — ✓', NULL, '2023-05-17T12:10:00.123456Z'),

('dep-2024-0099', 'swarm-platform', '6f1ed002ab5595859014ebf0951522d9c3e3d2a1', 'ci', 'schedule', 'running',
 '2025-05-20T06:45:11Z', NULL,
 'building...' || char(10), NULL, NULL, NULL, '2025-05-20T06:45:11Z'),

('a7b8c9d0-e1f2-4a3b-8c4d-5e6f7a8b9c0d', 'swarm-deploy', '8b1a9953c4611296a827abf8c47804d7e6c49c6b', 'O''Brien', 'manual', 'succeeded',
 '2022-09-30T18:45:00+05:45', '2022-09-30T18:50:00+05:45',
 'backslashes stay: C:\build\out\N.dll and \\share\drop\' || char(10) || 'a lone \N line follows' || char(10) || '\N' || char(10),
 '\N',
 '{"status":"ok","checks":{"db":"ok","queue":"ok"}}',
 NULL, '2022-09-30T18:45:00+05:45'),

('B8C9D0E1-F2A3-4B4C-9D5E-6F7A8B9C0D1E', 'swarm-tickets', '2c26b46b68ffc68ff99b453c1d30413413422d70', 'mara@example.com', 'webhook', 'cancelled',
 '2021-01-15T08:30:00.1-03:00', '2021-01-15T08:31:00.12-03:00',
 NULL, NULL, NULL, 'cancelled: superseded by 2c26b46', '2021-01-15T08:30:00.1-03:00'),

('c9d0e1f2-a3b4-4c5d-8e6f-7a8b9c0d1e2f', 'swarm-platform', 'fcde2b2edba56bf408601fb721fe9b5c338d10ee', 'ci', 'webhook', 'pending',
 '2029-12-30T23:59:59.999999Z', NULL,
 NULL, NULL, NULL, NULL, '2029-12-30T23:59:59.999999Z'),

('dep-2015-first', 'swarm-platform', 'da39a3ee5e6b4b0d3255bfef95601890afd80709', 'founder', 'manual', 'succeeded',
 '2015-03-01T00:00:00Z', '2015-03-01T00:30:00Z',
 'first deploy' || char(9) || '✓', 'ok', 'ok', NULL, '2015-03-01T00:00:00Z');

-- The deployment with the large build log (about 1.66 MB, 21 000 CRLF lines, ANSI colour codes,
-- multi-byte characters, tabs, backslashes).
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 21000)
INSERT INTO deployments (id, service, commit_sha, triggered_by, trigger_type, status, started_at, completed_at, build_log, deploy_log, health_check_result, rollback_reason, created_at)
SELECT 'D0E1F2A3-B4C5-4D6E-8F7A-8B9C0D1E2F3A', 'swarm-platform', '7c4a8d09ca3762af61e59520943dc26494f8941b', 'run-000125', 'schedule', 'succeeded',
       '2025-03-08T02:30:00.5Z', '2025-03-08T03:58:20.1Z',
       group_concat(line, char(13) || char(10)) || char(13) || char(10),
       'rolled out 21000 modules' || char(10), 'HTTP 200 OK', NULL, '2025-03-08T02:30:00.5Z'
FROM (
  SELECT printf('%s %s[%05d/21000]%s %s',
                strftime('%H:%M:%f', '2025-03-08 02:30:00', printf('+%.3f seconds', i * 0.25)),
                CASE WHEN i % 50 = 0 THEN char(27) || '[33m' ELSE char(27) || '[32m' END,
                i,
                char(27) || '[0m',
                CASE i % 6
                  WHEN 0 THEN 'compiling src/modules/módulo_' || i || '.ts → dist/' || i || '.js'
                  WHEN 1 THEN 'npm WARN deprecated pkg@1.0.' || (i % 10) || ': use "pkg2" instead'
                  WHEN 2 THEN 'copy C:\build\assets\' || i || '.png' || char(9) || '→ \\cdn\static\'
                  WHEN 3 THEN '測試 テスト 테스트 ✓ passed in ' || (i % 997) || ' ms'
                  WHEN 4 THEN 'emoji check 🚀🔥✅ ''ok'''
                  ELSE 'linking ' || i || ' objects'
                END) AS line
  FROM n ORDER BY i
);

-- deployments: 28 more, generated ------------------------------------------------------------
-- Ids: every 4th upper-case UUID, every 7th a slug, the rest lower-case UUIDs. Timestamps rotate
-- through eight writer formats (fractions of 1 to 6 digits in the fifth).
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 28),
g AS (
  SELECT i,
         printf('%08x-%04x-4%03x-%x%03x-%012x', 1578000000 + i * 7919, (i * 4099) % 65536, (i * 331) % 4096,
                8 + i % 4, (i * 13) % 4096, 17592186044416 + i * 104729) AS uuid,
         datetime('2023-01-02 03:04:05', printf('+%d hours', i * 397), printf('+%d seconds', i * 61)) AS t,
         60 + (i * 37) % 900 AS dur_s
  FROM n
)
INSERT INTO deployments (id, service, commit_sha, triggered_by, trigger_type, status, started_at, completed_at, build_log, deploy_log, health_check_result, rollback_reason, created_at)
SELECT
  CASE WHEN i % 7 = 0 THEN printf('dep-%06d', 100 + i) WHEN i % 4 = 0 THEN upper(uuid) ELSE uuid END,
  CASE i % 5 WHEN 0 THEN 'swarm-platform' WHEN 1 THEN 'swarm-registry' WHEN 2 THEN 'swarm-deploy' WHEN 3 THEN 'swarm-tickets' ELSE 'docs-site' END,
  printf('%08x%08x%08x%08x%08x', (i * 2654435761) % 4294967296, (i * 40503 + 12345) % 4294967296,
         (i * 97 + 3) * 2246822519 % 4294967296, (i * 3266489917) % 4294967296, (i * 668265263 + 7) % 4294967296),
  CASE i % 5 WHEN 0 THEN 'mara@example.com' WHEN 1 THEN 'renovate-bot' WHEN 2 THEN 'ci' WHEN 3 THEN 'Zoë Ångström' ELSE 'O''Brien' END,
  CASE i % 3 WHEN 0 THEN 'webhook' WHEN 1 THEN 'manual' ELSE 'schedule' END,
  CASE WHEN i % 9 = 0 THEN 'failed' WHEN i % 11 = 0 THEN 'rolled_back' ELSE 'succeeded' END,
  CASE i % 8
    WHEN 0 THEN strftime('%Y-%m-%d %H:%M:%S', t)
    WHEN 1 THEN strftime('%Y-%m-%dT%H:%M:%fZ', t)
    WHEN 2 THEN strftime('%Y-%m-%dT%H:%M:%S', t, '+2 hours') || '+02:00'
    WHEN 3 THEN strftime('%Y-%m-%dT%H:%M:%S', t, '-5 hours', '-30 minutes') || '-05:30'
    WHEN 4 THEN strftime('%Y-%m-%d %H:%M:%S', t) || '.' || substr('987654', 1, 1 + (i / 4) % 6)
    WHEN 5 THEN strftime('%Y-%m-%dT%H:%M:%SZ', t)
    WHEN 6 THEN strftime('%Y-%m-%dT%H:%M:%S', t, '+5 hours', '+30 minutes') || '+0530'
    ELSE strftime('%Y-%m-%dT%H:%M:%S', t, '-8 hours') || '-08'
  END,
  CASE i % 8
    WHEN 0 THEN strftime('%Y-%m-%d %H:%M:%S', t, printf('+%d seconds', dur_s))
    WHEN 1 THEN strftime('%Y-%m-%dT%H:%M:%fZ', t, printf('+%d seconds', dur_s))
    WHEN 2 THEN strftime('%Y-%m-%dT%H:%M:%S', t, printf('+%d seconds', dur_s), '+2 hours') || '+02:00'
    WHEN 3 THEN strftime('%Y-%m-%dT%H:%M:%S', t, printf('+%d seconds', dur_s), '-5 hours', '-30 minutes') || '-05:30'
    WHEN 4 THEN strftime('%Y-%m-%dT%H:%M:%S', t, printf('+%d seconds', dur_s)) || '.' || substr('123456', 1, 1 + (i / 4 + 3) % 6) || 'Z'
    WHEN 5 THEN NULL
    WHEN 6 THEN strftime('%Y-%m-%dT%H:%M:%S', t, printf('+%d seconds', dur_s), '+5 hours', '+30 minutes') || '+0530'
    ELSE strftime('%Y-%m-%dT%H:%M:%S', t, printf('+%d seconds', dur_s), '-8 hours') || '-08'
  END,
  CASE i % 4
    WHEN 0 THEN 'npm ci' || char(10) || 'npm run build' || char(10) || 'done in ' || dur_s || 's' || char(10)
    WHEN 1 THEN 'docker build -t swarm/' || i || ' .' || char(13) || char(10) || 'Successfully built ' || printf('%012x', i * 104729) || char(13) || char(10)
    WHEN 2 THEN 'step' || char(9) || 'status' || char(10) || 'build' || char(9) || 'ok' || char(10) || 'test' || char(9) || 'ok ✓' || char(10)
    ELSE NULL
  END,
  CASE WHEN i % 5 = 0 THEN NULL ELSE 'rollout ' || i || ' complete' || char(10) END,
  CASE WHEN i % 9 = 0 THEN 'HTTP 500 Internal Server Error' WHEN i % 6 = 0 THEN NULL ELSE 'HTTP 200 OK (' || (10 + i % 90) || ' ms)' END,
  CASE WHEN i % 11 = 0 THEN 'p99 latency ' || (300 + i) || ' ms > 250 ms budget; "auto" rollback' WHEN i % 9 = 0 THEN '' ELSE NULL END,
  CASE WHEN i % 10 = 3 THEN NULL ELSE strftime('%Y-%m-%dT%H:%M:%fZ', t) END
FROM g;

-- deployment_events --------------------------------------------------------------------------
-- Written-out events keep the gaps a real AUTOINCREMENT table has after deletes: 1, 2, 3, 7, 8,
-- 42, 43, 57, 58, 59. The generated events below take ids 100 + 10 * deployment rowid + stage.
INSERT INTO deployment_events (id, deployment_id, stage, status, message, details, created_at) VALUES
(1, 'd1a2b3c4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', 'queued', 'ok', 'Queued by run-000123', '{"queue_position":1,"ticket":"TKT-1040"}', '2024-12-25 10:14:01'),
(2, 'D1A2B3C4-E5F6-4A7B-8C9D-0E1F2A3B4C5D', 'build', 'ok', 'webpack compiled successfully', '{"duration_ms":20341,"cache":{"hit":true,"ratio":0.75},"warnings":[]}', '2024-12-25T10:14:30.5Z'),
(3, 'd1a2b3c4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', 'deploy', 'ok', 'deployment "swarm-platform" successfully rolled out', '{"replicas":3,"strategy":"rolling","surge":1.0}', '2024-12-25T12:16:00+02:00'),
(7, 'd1a2b3c4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', 'health_check', 'ok', 'HTTP 200 OK', '{"status":200,"latency_ms":42,"checks":{"db":"ok","cache":"ok"}}', '2024-12-25T04:46:30-05:30'),
(8, 'd1a2b3c4-e5f6-4a7b-8c9d-0e1f2a3b4c5d', 'complete', 'ok', '', '{}', '2024-12-25 10:16:40'),
(42, '4f3e2d1c-0b9a-4887-a665-544332211000', 'build', 'error',
 'FAIL src/api/"users".test.ts' || char(13) || char(10) || char(9) || 'expected ''200'' got ''500''',
 '{"exit_code":1,"failed_tests":["src/api/\"users\".test.ts"],"log_tail":"\tat Object.<anonymous> (src\\api\\users.test.ts:88:5)\r\n"}',
 '2024-12-26T08:05:00.25Z'),
(43, 'dep_legacy_0042', 'complete', 'ok', NULL, NULL, NULL),
(57, 'e4f5a6b7-c8d9-4eaf-b0c1-d2e3f4a5b6c7', 'health_check', 'error', 'HTTP 503 — db pool exhausted 😱',
 '{' || char(13) || char(10) || char(9) || '"attempts" : [ {"n":1,"status":503}, {"n":2,"status":503}, {"n":3,"status":503} ],' || char(13) || char(10) || char(9) || '"message" : "Datenbank überlastet — データベース過負荷 \ud83d\ude31",' || char(13) || char(10) || char(9) || '"threshold" : -0.5e1' || char(13) || char(10) || '}',
 '2024-12-25T00:04:00.1234Z'),
(58, 'E4F5A6B7-C8D9-4EAF-B0C1-D2E3F4A5B6C7', 'rollback', 'ok', 'Rolled back to ''v4.1.9''',
 '{"to":"v4.1.9","from":"v4.2.0-rc.1","by":"auto","by":"Zoë","id":12345678901234567890}',
 '2024-12-25T00:04:30.12345Z'),
(59, 'a7b8c9d0-e1f2-4a3b-8c4d-5e6f7a8b9c0d', 'deploy', 'ok', 'paths: C:\build\out\N.dll \N \\share',
 '{"path":"C:\\build\\out\\N.dll","literal":"\\N","quote":"\"","solidus":"\/","ctl":"\b\f\n\r\t\u001b"}',
 '2022-09-30T13:03:00.123456Z');

-- Six stages per deployment (40 x 6 = 240 events). Where the deployment id is a UUID, the
-- 'build' event spells it in lower case and the 'test' event in upper case, whatever the
-- parent row uses.
WITH s(k, stage) AS (VALUES (1, 'queued'), (2, 'build'), (3, 'test'), (4, 'deploy'), (5, 'health_check'), (6, 'complete'))
INSERT INTO deployment_events (id, deployment_id, stage, status, message, details, created_at)
SELECT
  100 + 10 * d.rowid + s.k,
  CASE WHEN length(d.id) = 36 AND substr(d.id, 9, 1) = '-' AND s.k = 2 THEN lower(d.id)
       WHEN length(d.id) = 36 AND substr(d.id, 9, 1) = '-' AND s.k = 3 THEN upper(d.id)
       ELSE d.id END,
  s.stage,
  CASE WHEN d.status IN ('failed', 'rolled_back') AND s.k = 5 THEN 'error'
       WHEN d.status = 'cancelled' AND s.k >= 3 THEN 'skipped'
       WHEN d.status IN ('running', 'pending') AND s.k >= 4 THEN 'pending'
       ELSE 'ok' END,
  CASE s.k
    WHEN 1 THEN 'Queued by ' || d.triggered_by
    WHEN 2 THEN 'Build of ' || substr(d.commit_sha, 1, 7) || ' finished'
    WHEN 3 THEN CASE WHEN d.rowid % 5 = 0 THEN 'Tests:' || char(9) || 'passed' || char(13) || char(10) || 'Coverage:' || char(9) || '87.3%' ELSE 'Tests passed ✓' END
    WHEN 4 THEN 'Rolled out ' || d.service || ' → prod 🚀'
    WHEN 5 THEN CASE WHEN d.rowid % 7 = 0 THEN '' ELSE 'Health: ' || coalesce(d.health_check_result, 'n/a') END
    ELSE CASE WHEN d.rowid % 4 = 0 THEN NULL ELSE 'Done' END
  END,
  CASE s.k
    WHEN 1 THEN json_object('queue_position', d.rowid % 5, 'ticket', 'TKT-' || (1000 + d.rowid), 'service', d.service)
    WHEN 2 THEN '{"duration_ms": ' || (1000 * (d.rowid % 50) + 7) || ', "cache": {"hit": ' || CASE WHEN d.rowid % 2 = 0 THEN 'true' ELSE 'false' END || ', "ratio": 0.' || (d.rowid % 10) || '5}, "sha": "' || d.commit_sha || '"}'
    WHEN 3 THEN '{"passed":' || (300 + d.rowid) || ',"failed":0,"skipped":[],"suites":{"unit":{"n":1e2},"e2e":{"n":1.0}}}'
    WHEN 4 THEN '{ "replicas" : 3 , "strategy" : "rolling" ,' || char(10) || '  "image" : "registry.local/' || d.service || '@sha256:' || d.commit_sha || '" }'
    WHEN 5 THEN CASE WHEN d.rowid % 3 = 0 THEN NULL ELSE '{"status":200,"latency_ms":' || (d.rowid % 90) || '.5,"region":"eu-west-1","region":"eu-central-1","note":"na\u00efve caf\u00e9 \u2713"}' END
    ELSE CASE WHEN d.rowid % 2 = 0 THEN '{}' ELSE '[]' END
  END,
  CASE (d.rowid + s.k) % 8
    WHEN 0 THEN strftime('%Y-%m-%d %H:%M:%S', coalesce(d.created_at, substr(d.started_at, 1, 19)), printf('+%d seconds', s.k * 17))
    WHEN 1 THEN strftime('%Y-%m-%dT%H:%M:%fZ', coalesce(d.created_at, substr(d.started_at, 1, 19)), printf('+%d seconds', s.k * 17))
    WHEN 2 THEN strftime('%Y-%m-%dT%H:%M:%S', coalesce(d.created_at, substr(d.started_at, 1, 19)), printf('+%d seconds', s.k * 17), '+2 hours') || '+02:00'
    WHEN 3 THEN strftime('%Y-%m-%dT%H:%M:%S', coalesce(d.created_at, substr(d.started_at, 1, 19)), printf('+%d seconds', s.k * 17), '-5 hours', '-30 minutes') || '-05:30'
    WHEN 4 THEN strftime('%Y-%m-%d %H:%M:%S', coalesce(d.created_at, substr(d.started_at, 1, 19)), printf('+%d seconds', s.k * 17)) || '.' || substr('135792', 1, 1 + (d.rowid + s.k) % 6)
    WHEN 5 THEN strftime('%Y-%m-%dT%H:%M:%SZ', coalesce(d.created_at, substr(d.started_at, 1, 19)), printf('+%d seconds', s.k * 17))
    WHEN 6 THEN strftime('%Y-%m-%dT%H:%M:%S', coalesce(d.created_at, substr(d.started_at, 1, 19)), printf('+%d seconds', s.k * 17), '+5 hours', '+30 minutes') || '+0530'
    ELSE strftime('%Y-%m-%dT%H:%M:%S', coalesce(d.created_at, substr(d.started_at, 1, 19)), printf('+%d seconds', s.k * 17), '-8 hours') || '-08'
  END
FROM deployments AS d CROSS JOIN s
ORDER BY d.rowid, s.k;

-- queue (INTEGER ids with gaps) ---------------------------------------------------------------
INSERT INTO queue (id, ticket_id, parent_ticket_id, commit_sha, repo, service, pr_number, status, waiting_for, queued_at, deployed_at) VALUES
(1, 'TKT-1040', NULL, '9fceb02d0ae598e95dc970b74767f19372d61af8', 'swarm/platform', 'swarm-platform', 1040, 'deployed', NULL, '2024-12-25 10:11:12', '2024-12-25 10:16:40'),
(2, 'TKT-1041', NULL, 'e83c5163316f89bfbde7d9ab23ca2e25604af290', 'swarm/deploy', 'swarm-deploy', 1041, 'failed', NULL, '2024-12-26T08:00:00.5Z', NULL),
(3, 'TKT-1042', 'TKT-1040', '2c26b46b68ffc68ff99b453c1d30413413422d70', 'swarm/tickets', 'swarm-tickets', 1042, 'cancelled', 'TKT-1040', '2021-01-15T08:29:00-03:00', NULL),
(5, 'TKT-1050', NULL, '1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b', 'swarm/platform', 'swarm-platform', 1050, 'deployed', NULL, '2024-12-24T23:59:59Z', '2024-12-25T00:05:00Z'),
(8, 'TKT-1051', 'TKT-1050', '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c', 'swarm/registry', 'swarm-registry', 1051, 'deployed', NULL, '2025-01-03T08:59:00+02:00', '2025-01-03T09:10:00.5+02:00'),
(13, 'TKT-1052', 'TKT-1051', 'c0ffee1234567890abcdef1234567890abcdef12', 'swarm/docs', 'docs-site', NULL, 'waiting', 'TKT-1051', '2023-05-17T12:09:00.9Z', NULL),
(21, 'TKT-1101', NULL, '6f1ed002ab5595859014ebf0951522d9c3e3d2a1', 'swarm/platform', 'swarm-platform', 1101, 'deploying', NULL, '2025-05-20T06:45:10.123Z', NULL),
(34, 'TKT-1102', 'TKT-1101', '8b1a9953c4611296a827abf8c47804d7e6c49c6b', 'swarm/deploy', 'swarm-deploy', 1102, 'waiting', 'TKT-1101, TKT-1103', '2025-05-20T06:46:00.12Z', NULL),
(35, 'TKT-1103', NULL, 'fcde2b2edba56bf408601fb721fe9b5c338d10ee', 'swarm/platform', 'swarm-platform', 2147483647, 'waiting', '', '2029-12-31T23:00:00Z', NULL),
(36, 'TKT-0001', NULL, 'da39a3ee5e6b4b0d3255bfef95601890afd80709', 'swarm/platform', 'swarm-platform', NULL, 'deployed', NULL, '2015-03-01 00:00:00', '2015-03-01 00:30:00'),
(37, '7C2F9E4A-1B3D-4E5F-8A6B-9C0D1E2F3A4B', NULL, '7c4a8d09ca3762af61e59520943dc26494f8941b', 'swarm/platform', 'swarm-platform', NULL, 'deployed', NULL, '2025-03-08T02:30:00.5Z', '2025-03-08T03:58:20.1Z'),
(40, 'TKT-0042', NULL, 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', 'swarm/tickets', 'swarm-tickets', 0, 'deployed', NULL, '2016-02-29 23:59:59', '2016-03-01 00:01:30.1'),
(41, 'TKT-1188', 'TKT-1101', '3b18e512dba79e4c8300dd08aeb37f8e728b8dad', 'swarm/registry', 'swarm-registry', 1188, 'blocked', 'review: "changes requested" — see PR #1188' || char(10) || 'second line', '2025-02-14T14:14:14.14Z', NULL),
(55, 'TKT-1200', NULL, 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4', 'swarm/platform', 'swarm-platform', 1200, NULL, NULL, NULL, NULL),
(56, 'TKT-1201', 'TKT-1200', '3f786850e387550fdab836ed7e6dc881de23001b', 'git@github.com:swarm/platform.git', 'swarm-platform', 1201, 'waiting', 'TKT-1200', '2025-06-01T12:00:00.1234+01:00', NULL);

-- commit_ticket_map ----------------------------------------------------------------------------
INSERT INTO commit_ticket_map (commit_sha, ticket_id, repo, pr_number, created_at) VALUES
('9fceb02d0ae598e95dc970b74767f19372d61af8', 'TKT-1040', 'swarm/platform', 1040, '2024-12-25 10:11:12'),
('e83c5163316f89bfbde7d9ab23ca2e25604af290', 'TKT-1041', 'swarm/deploy', 1041, '2024-12-26T08:00:00.5Z'),
('2c26b46b68ffc68ff99b453c1d30413413422d70', 'TKT-1042', 'swarm/tickets', 1042, '2021-01-15T08:29:00-03:00'),
('1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b', 'TKT-1050', 'swarm/platform', 1050, '2024-12-24T23:59:59Z'),
('0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c', 'TKT-1051', 'swarm/registry', 1051, '2025-01-03T08:59:00+02:00'),
('c0ffee1234567890abcdef1234567890abcdef12', 'TKT-1052', 'swarm/docs', NULL, '2023-05-17T12:09:00.9Z'),
('6f1ed002ab5595859014ebf0951522d9c3e3d2a1', 'TKT-1101', 'swarm/platform', 1101, '2025-05-20T06:45:10.123Z'),
('8b1a9953c4611296a827abf8c47804d7e6c49c6b', 'TKT-1102', 'swarm/deploy', 1102, '2025-05-20T06:46:00.12Z'),
('FCDE2B2EDBA56BF408601FB721FE9B5C338D10EE', 'TKT-1103', 'swarm/platform', 2147483647, '2029-12-31T23:00:00Z'),
('da39a3ee5e6b4b0d3255bfef95601890afd80709', 'TKT-0001', 'swarm/platform', NULL, '2015-03-01 00:00:00'),
('7c4a8d09ca3762af61e59520943dc26494f8941b', '7C2F9E4A-1B3D-4E5F-8A6B-9C0D1E2F3A4B', 'swarm/platform', NULL, '2025-03-08T02:30:00.5Z'),
('a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', 'TKT-0042', 'swarm/tickets', 0, '2016-02-29 23:59:59'),
('3b18e512dba79e4c8300dd08aeb37f8e728b8dad', 'TKT-1188', 'swarm/registry', 1188, '2025-02-14T14:14:14.14Z'),
('e3b0c44298fc1c149afbf4c8996fb92427ae41e4', 'TKT-1200', 'swarm/platform', 1200, NULL),
('3f786850e387550fdab836ed7e6dc881de23001b', 'TKT-1201', 'swarm/platform', 1201, '2025-06-01T12:00:00.12345-07:00'),
('7b52009b64fd0a2a49e6d8a939753077792b0554', 'TKT-0999', 'legacy/monolith', 999, '2018-10-10 10:10:10.5');

COMMIT;

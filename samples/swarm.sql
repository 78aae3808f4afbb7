-- swarm.db — the platform/tickets service (production path: /opt/swarm-platform/data/swarm.db;
-- /opt/swarm-tickets/data/swarm.db, /opt/swarm-tickets/tickets.db and /opt/swarm-platform/tickets.db
-- are symbolic links to it). Written through better-sqlite3; foreign keys were never enforced.

CREATE TABLE roles (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  name        TEXT UNIQUE NOT NULL,
  level       INTEGER NOT NULL,
  description TEXT,
  created_at  TEXT DEFAULT (datetime('now'))
);

CREATE TABLE permissions (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  name        TEXT UNIQUE NOT NULL,
  description TEXT,
  category    TEXT,
  created_at  TEXT DEFAULT (datetime('now'))
);

CREATE TABLE role_permissions (
  role_id       INTEGER REFERENCES roles(id) ON DELETE CASCADE,
  permission_id INTEGER REFERENCES permissions(id) ON DELETE CASCADE,
  created_at    TEXT DEFAULT (datetime('now')),
  PRIMARY KEY (role_id, permission_id)
);

CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  email         TEXT UNIQUE NOT NULL,
  password_hash TEXT NOT NULL,
  name          TEXT,
  role_id       INTEGER REFERENCES roles(id),
  tenant_id     TEXT,                     -- UUID text, or the literal 'default' from the single-tenant era
  last_login    INTEGER,                  -- epoch seconds
  created_at    TEXT DEFAULT (datetime('now'))
);

CREATE TABLE verification_attempts (
  id                TEXT PRIMARY KEY,
  ticket_id         TEXT NOT NULL,
  attempt_number    INTEGER NOT NULL,
  branch_name       TEXT NOT NULL,
  commit_sha        TEXT,
  status            TEXT NOT NULL,
  failed_phase      TEXT,
  duration_ms       INTEGER,
  static_result     TEXT,                 -- JSON
  automated_result  TEXT,                 -- JSON
  sentinel_result   TEXT,                 -- JSON
  sentinel_decision TEXT,
  sentinel_score    INTEGER,
  created_at        TEXT                  -- written by JavaScript: new Date().toISOString()
);

-- ---------------------------------------------------------------------------------------------
-- Sample data. Loads with `sqlite3 swarm.db < samples/swarm.sql`. Every reference resolves;
-- see samples/README.md for the cases each row covers.
-- ---------------------------------------------------------------------------------------------
BEGIN;

-- roles (INTEGER ids, one gap: 4 was deleted) -------------------------------------------------
INSERT INTO roles (id, name, level, description, created_at) VALUES
(1, 'admin', 100, 'Full access, including users and secrets.', '2015-03-01 00:00:00'),
(2, 'developer', 50, 'Reads everything, triggers deployments,' || char(13) || char(10) || 'writes tickets and the registry.', '2019-06-30T23:59:59.5Z'),
(3, 'viewer', 10, '', '2021-01-15T08:30:00+0530'),
(5, 'service-account', 30, NULL, '2024-12-25T12:11:12+02:00');

-- permissions (INTEGER ids with gaps) ---------------------------------------------------------
INSERT INTO permissions (id, name, description, category, created_at) VALUES
(1, 'tickets:read', 'Read tickets', 'tickets', '2015-03-01 00:00:00'),
(2, 'tickets:write', 'Create and edit tickets — incl. "labels" & ''assignees''', 'tickets', '2015-03-01 00:00:00'),
(3, 'deployments:read', 'Read deployments and their logs', 'deployments', '2019-06-30 23:59:59'),
(4, 'deployments:trigger', 'Start a deployment' || char(9) || '(manual or rollback)', 'deployments', '2019-06-30T23:59:59.12Z'),
(5, 'registry:read', 'Read agents/workflows', 'registry', '2020-02-29T12:00:00.123Z'),
(6, 'registry:write', 'Publish agents and workflows 🚀', 'registry', '2020-02-29T12:00:00.1234-05:30'),
(9, 'users:manage', 'Invite, disable and re-role users', NULL, '2023-03-14T15:09:26.53589+01:00'),
(12, 'secrets:read', 'Read decrypted secrets. Path on disk: C:\swarm\secrets\N', 'secrets', NULL);

-- role_permissions ------------------------------------------------------------------------------
INSERT INTO role_permissions (role_id, permission_id, created_at) VALUES
(1, 1, '2015-03-01 00:00:00'),
(1, 2, '2015-03-01 00:00:00'),
(1, 3, '2019-06-30 23:59:59'),
(1, 4, '2019-06-30 23:59:59'),
(1, 5, '2020-02-29T12:00:00.123Z'),
(1, 6, '2020-02-29T12:00:00.123Z'),
(1, 9, '2023-03-14T15:09:26.535897-08:00'),
(1, 12, NULL),
(2, 1, '2019-06-30T23:59:59.5Z'),
(2, 2, '2019-06-30T23:59:59.5Z'),
(2, 3, '2019-06-30T23:59:59.5Z'),
(2, 4, '2019-06-30T23:59:59.5Z'),
(2, 5, '2020-02-29T17:00:00+05:00'),
(2, 6, '2020-02-29T17:00:00+05:00'),
(3, 1, '2021-01-15T08:30:00+0530'),
(3, 3, '2021-01-15T08:30:00+0530'),
(3, 5, '2021-01-15T08:30:00+0530'),
(5, 3, '2024-12-25 10:11:12'),
(5, 4, '2024-12-25T10:11:12.345Z'),
(5, 5, '2024-12-25T04:41:12-05:30');

-- users (last_login: epoch seconds) -------------------------------------------------------------
INSERT INTO users (id, email, password_hash, name, role_id, tenant_id, last_login, created_at) VALUES
('usr_admin', 'admin@example.com', '$2b$12$KIXQ1b8pYQ9nq7yH0Jt2XeZbWkq3s1Cjv9aKf0nH8s2mJtR6y4yGe', 'Administrator', 1, 'default', 1735121472, '2015-03-01 00:00:00'),
('8c1f2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b', 'mara@example.com', '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG', 'Mara Okafor', 2, '5b0e9f3c-2a1d-4c8e-9f70-1a2b3c4d5e6f', 1736064764, '2019-06-30T23:59:59Z'),
('9D2E3F4A-5B6C-4D7E-8F90-A1B2C3D4E5F6', 'zoe@example.com', '$2b$12$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy', 'Zoë Ångström', 2, '5B0E9F3C-2A1D-4C8E-9F70-1A2B3C4D5E6F', 1739542454, '2025-01-10T09:00:00.1Z'),
('u-0004', 'ops@example.com', 'sha256$b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9', 'Ops "on-call" Team', 5, 'default', 1684324800, '2016-07-07 07:07:07'),
('a4b5c6d7-e8f9-4a0b-9c1d-2e3f4a5b6c7d', 'renee@example.fr', '$2a$10$abcdefghijklmnopqrstuuAbCdEfGhIjKlMnOpQrStUvWxYz0123', 'Renée Dubois', 3, 'default', NULL, '2022-02-22T22:22:22.2Z'),
('b5c6d7e8-f9a0-4b1c-8d2e-3f4a5b6c7d8e', 'obrien@example.ie', '$2b$12$EixZaYVK1fsbw1ZfbX3OXePaWxn96p36WQoeG6Lruj3vjPGga31lW', 'Siobhán O''Brien', 2, 'c7d8e9f0-a1b2-4c3d-8e4f-5a6b7c8d9e0f', 1577836800, '2020-01-01 00:00:00.12'),
('C6D7E8F9-A0B1-4C2D-9E3F-4A5B6C7D8E9F', 'li@example.cn', '$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW', '李小龙', 3, 'C7D8E9F0-A1B2-4C3D-8E4F-5A6B7C8D9E0F', 1664563500, '2022-09-30T18:45:00+05:45'),
('svc-deploy-bot', 'deploy-bot@swarm.local', '!', '🤖 deploy bot', 5, 'default', 1730453415, '2024-11-01T09:30:15.5-04:00'),
('d7e8f9a0-b1c2-4d3e-8f4a-5b6c7d8e9fa0', 'nobody@example.com', '$2b$12$AAAAAAAAAAAAAAAAAAAAAOaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', '', NULL, NULL, NULL, '2023-05-17T12:00:00.123456Z'),
('e8f9a0b1-c2d3-4e4f-9a5b-6c7d8e9fa0b1', 'tab.user@example.com', '$2b$12$tabtabtabtabtabtabtabuE4bz6UTx0yx5o9vE3S1pHy6uJb7t1W2', 'Tab' || char(9) || 'Separated' || char(13) || char(10) || 'Name \ with \N', 3, '5b0e9f3c-2a1d-4c8e-9f70-1a2b3c4d5e6f', 1467875227, NULL),
('F9A0B1C2-D3E4-4F5A-8B6C-7D8E9FA0B1C2', 'legacy.user@example.com', 'md5$5f4dcc3b5aa765d61d8327deb882cf99', NULL, 3, 'default', 1735084799, '2018-10-10 10:10:10'),
('u-0012', 'future@example.com', '$2b$12$futurefuturefuturefutuO6b2m8HqzV7n1JcY3k5LwXp9RtAsDfGh', 'Future Hire', 2, '0f9e8d7c-6b5a-4f3e-9d2c-1b0a9f8e7d6c', 1861920000, '2028-12-31T23:59:59.99999+00:00');

-- verification_attempts (created_at mostly from new Date().toISOString()) -----------------------
INSERT INTO verification_attempts (id, ticket_id, attempt_number, branch_name, commit_sha, status, failed_phase, duration_ms, static_result, automated_result, sentinel_result, sentinel_decision, sentinel_score, created_at) VALUES
('0a9b8c7d-6e5f-4a3b-9c2d-1e0f2a3b4c5d', 'TKT-1040', 1, 'feature/TKT-1040-login-fix', '9fceb02d0ae598e95dc970b74767f19372d61af8', 'passed', NULL, 84211,
 '{"lint":{"errors":0,"warnings":2},"typecheck":"ok"}',
 '{"tests":{"passed":412,"failed":0,"skipped":3},"coverage":0.873}',
 '{"score":92,"reasons":["small diff","tests added"],"model":"sentinel-v2"}',
 'approve', 92, '2024-12-25T10:11:12.345Z'),
('va-000002', 'TKT-1041', 1, 'feature/TKT-1041-users-api', 'e83c5163316f89bfbde7d9ab23ca2e25604af290', 'failed', 'automated', 192250,
 '{"lint":{"errors":0,"warnings":0}}',
 '{"tests":{"passed":411,"failed":1},"failures":[{"name":"GET /users returns \"200\"","file":"src\\api\\users.test.ts","line":88}]}',
 NULL,
 NULL, NULL, '2024-12-26T08:03:12.750Z'),
('va-000003', 'TKT-1041', 2, 'feature/TKT-1041-users-api', '2c26b46b68ffc68ff99b453c1d30413413422d70', 'passed', NULL, 201000,
 '{}',
 '{"tests":{"passed":412,"failed":0}}',
 '{"score":71,"reasons":[],"weights":{"size":-0.5,"risk":1e-2,"tests":1.0}}',
 'approve', 71, '2024-12-27T09:15:00.000Z'),
('1B2C3D4E-5F6A-4B7C-8D9E-0F1A2B3C4D5E', 'TKT-1042', 1, 'fix/ümlaut-🐛-quotes', NULL, 'running', NULL, NULL,
 '{"lint":{"errors":0}}', NULL, NULL,
 NULL, NULL, '2023-08-14T13:37:00.500Z'),
('2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f', 'TKT-1050', 1, 'release/v4.2.0', '1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b', 'failed', 'sentinel', 310000,
 '{"lint":{"errors":0,"warnings":14}}',
 '{"tests":{"passed":420,"failed":0}}',
 '{' || char(10) || '  "score": 38,' || char(10) || '  "reasons": ["diff touches auth/*", "no tests for \u201cdb pool\u201d change", "注意: 大きな変更"],' || char(10) || '  "reasons": ["(duplicate key; last one wins)"],' || char(10) || '  "thresholds": {"approve": 70, "escalate": 40}' || char(10) || '}',
 'reject', 38, '2025-01-03T07:40:00.000Z'),
('va-000006', 'TKT-1050', 2, 'release/v4.2.0', '0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c', 'passed', NULL, 299999,
 '{"lint":{"errors":0,"warnings":0}}',
 '{"tests":{"passed":421,"failed":0},"perf":{"p99_ms":181.25,"budget_ms":250}}',
 '{"score":88,"big":123456789012345678901234567890,"ratio":1.0,"exp":1e3}',
 'approve', 88, '2025-01-03T08:59:00.123Z'),
('3d4e5f6a-7b8c-4d9e-8f0a-1b2c3d4e5f6a', 'TKT-1101', 1, 'feature/TKT-1101-canary', '6f1ed002ab5595859014ebf0951522d9c3e3d2a1', 'error', 'static', 1,
 '{"error":"eslint crashed: Cannot read properties of undefined (reading ''length'')","stack":"TypeError\n    at lint (C:\\ci\\lint.js:1:1)"}',
 '[]', '{}',
 '', 0, '2025-05-20T06:45:10.123Z'),
('va-000008', 'TKT-1188', 1, 'chore/deps-2025-02', '3b18e512dba79e4c8300dd08aeb37f8e728b8dad', 'passed', NULL, 46000,
 '{"lint":{"errors":0}}', '{"tests":{"passed":400}}',
 '{"score":55,"notes":"\ud83d\udce6 deps only — escalate for \"major\" bumps"}',
 'escalate', 55, '2025-02-14 14:14:14'),
('4E5F6A7B-8C9D-4E0F-9A1B-2C3D4E5F6A7B', 'TKT-0042', 1, 'master', 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', 'passed', NULL, 2147483647,
 NULL, NULL, NULL,
 NULL, NULL, '2016-02-29T23:59:59Z'),
('va-000010', '7C2F9E4A-1B3D-4E5F-8A6B-9C0D1E2F3A4B', 3, 'feature/scan' || char(9) || 'with-tab', '7c4a8d09ca3762af61e59520943dc26494f8941b', 'passed', NULL, 0,
 '{ "lint" :' || char(13) || char(10) || char(9) || '{ "errors" : 0 } }',
 '{"tests":{"passed":1,"failed":0,"duration_s":-0.5e-3}}',
 '{"score":100,"decision":"approve","tags":["🔒","安全","sûr"]}',
 'approve', 100, '2025-03-08T02:30:00.5+00:00'),
('5f6a7b8c-9d0e-4f1a-8b2c-3d4e5f6a7b8c', 'TKT-1201', 1, 'feature/TKT-1201', '3f786850e387550fdab836ed7e6dc881de23001b', 'failed', 'sentinel', 120000,
 '{"lint":{"errors":0}}', '{"tests":{"passed":10}}',
 'null',
 'reject', 12, '2025-06-01T12:00:00.1234+01:00');

COMMIT;

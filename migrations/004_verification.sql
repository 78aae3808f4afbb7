-- Schema verification (design: seeds/001 "Target Schema Design").
CREATE SCHEMA verification;

CREATE TABLE verification.attempts (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  ticket_id TEXT NOT NULL,
  attempt_number INTEGER NOT NULL,
  branch_name TEXT NOT NULL,
  commit_sha TEXT,
  status TEXT NOT NULL,
  failed_phase TEXT,
  duration_ms INTEGER,
  static_result JSONB,
  automated_result JSONB,
  sentinel_result JSONB,
  sentinel_decision TEXT,
  sentinel_score INTEGER,
  created_at TIMESTAMPTZ DEFAULT NOW()
);

CREATE INDEX idx_verify_ticket ON verification.attempts(ticket_id);
CREATE INDEX idx_verify_status ON verification.attempts(status);
CREATE INDEX idx_verify_created ON verification.attempts(created_at);

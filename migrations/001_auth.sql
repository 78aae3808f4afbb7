-- Schema auth (design: seeds/001 "Target Schema Design"). roles comes first: users references it.
CREATE SCHEMA auth;

CREATE TABLE auth.roles (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  name TEXT UNIQUE NOT NULL,
  level INTEGER NOT NULL,
  description TEXT,
  created_at TIMESTAMPTZ DEFAULT NOW()
);

CREATE TABLE auth.users (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  email TEXT UNIQUE NOT NULL,
  password_hash TEXT NOT NULL,
  name TEXT,
  role_id UUID REFERENCES auth.roles(id),
  tenant_id UUID,
  last_login TIMESTAMPTZ,
  created_at TIMESTAMPTZ DEFAULT NOW()
);

CREATE TABLE auth.permissions (
  id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
  name TEXT UNIQUE NOT NULL,
  description TEXT,
  category TEXT,
  created_at TIMESTAMPTZ DEFAULT NOW()
);

CREATE TABLE auth.role_permissions (
  role_id UUID REFERENCES auth.roles(id) ON DELETE CASCADE,
  permission_id UUID REFERENCES auth.permissions(id) ON DELETE CASCADE,
  created_at TIMESTAMPTZ DEFAULT NOW(),
  PRIMARY KEY (role_id, permission_id)
);

CREATE INDEX idx_users_email ON auth.users(email);
CREATE INDEX idx_users_tenant ON auth.users(tenant_id);
CREATE INDEX idx_role_permissions_role ON auth.role_permissions(role_id);
CREATE INDEX idx_role_permissions_perm ON auth.role_permissions(permission_id);
CREATE INDEX idx_permissions_category ON auth.permissions(category);

-- migrate:up
-- Accounts, sessions and memberships (Better Auth, api/auth/). A person signs in to one account
-- (auth_users + a credential in auth_accounts) and belongs to tenants through `users` rows, one per tenant:
-- Better Auth's organization is the tenant and its member is the `users` row (same ids), so the role has one
-- home — users.role — and threads, notes and assignments keep pointing at users.

CREATE TABLE auth_users (
  id             text PRIMARY KEY,
  name           text NOT NULL,
  -- Lower-cased by Better Auth; one account per address.
  email          text NOT NULL,
  email_verified boolean NOT NULL DEFAULT false,
  image          text,
  created_at     timestamptz(3) NOT NULL DEFAULT now(),
  updated_at     timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX auth_users_email_key ON auth_users (email);

CREATE TABLE auth_sessions (
  id               text PRIMARY KEY,
  user_id          text NOT NULL REFERENCES auth_users (id) ON DELETE CASCADE,
  -- What the cookie carries (signed); a session is found by it.
  token            text NOT NULL,
  expires_at       timestamptz(3) NOT NULL,
  ip_address       text,
  user_agent       text,
  -- The tenant the app shows; null: the account's first membership.
  active_tenant_id text REFERENCES tenants (id) ON DELETE SET NULL,
  created_at       timestamptz(3) NOT NULL DEFAULT now(),
  updated_at       timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX auth_sessions_token_key ON auth_sessions (token);
CREATE INDEX auth_sessions_user_id_idx ON auth_sessions (user_id);

-- Credentials: for email and password, provider_id 'credential' and the password's scrypt hash.
CREATE TABLE auth_accounts (
  id                       text PRIMARY KEY,
  user_id                  text NOT NULL REFERENCES auth_users (id) ON DELETE CASCADE,
  account_id               text NOT NULL,
  provider_id              text NOT NULL,
  access_token             text,
  refresh_token            text,
  id_token                 text,
  access_token_expires_at  timestamptz(3),
  refresh_token_expires_at timestamptz(3),
  scope                    text,
  password                 text,
  created_at               timestamptz(3) NOT NULL DEFAULT now(),
  updated_at               timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX auth_accounts_user_id_idx ON auth_accounts (user_id);

-- Single-use tokens (password reset).
CREATE TABLE auth_verifications (
  id         text PRIMARY KEY,
  identifier text NOT NULL,
  value      text NOT NULL,
  expires_at timestamptz(3) NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX auth_verifications_identifier_idx ON auth_verifications (identifier);

-- Better Auth's request counters (sign-in attempts), shared by every API process.
CREATE TABLE auth_rate_limits (
  id           text PRIMARY KEY,
  key          text NOT NULL,
  count        integer NOT NULL,
  last_request bigint NOT NULL
);
CREATE UNIQUE INDEX auth_rate_limits_key_key ON auth_rate_limits (key);

-- The tenant as Better Auth's organization: a slug (tenants made before accounts have none), a logo URL and
-- free-form metadata (Better Auth checks the columns exist).
ALTER TABLE tenants ADD COLUMN slug text, ADD COLUMN logo text, ADD COLUMN metadata text;
CREATE UNIQUE INDEX tenants_slug_key ON tenants (slug);

-- A member is a person's account in a tenant. No code created users before accounts existed.
ALTER TABLE users ADD COLUMN auth_user_id text NOT NULL REFERENCES auth_users (id) ON DELETE CASCADE;
CREATE UNIQUE INDEX users_tenant_id_auth_user_id_key ON users (tenant_id, auth_user_id);
CREATE INDEX users_auth_user_id_idx ON users (auth_user_id);

-- users.name and users.email are copies of the account's, kept so by Postgres.
CREATE FUNCTION copy_account_to_members() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE users SET name = NEW.name, email = NEW.email, updated_at = now() WHERE auth_user_id = NEW.id;
  RETURN NEW;
END;
$$;
CREATE TRIGGER auth_users_copy_to_members
  AFTER UPDATE OF name, email ON auth_users
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name OR OLD.email IS DISTINCT FROM NEW.email)
  EXECUTE FUNCTION copy_account_to_members();

-- Removing a member keeps their notes and unassigns their threads (only the member column is cleared).
ALTER TABLE threads DROP CONSTRAINT threads_tenant_id_assignee_id_fkey;
ALTER TABLE threads ADD CONSTRAINT threads_tenant_id_assignee_id_fkey
  FOREIGN KEY (tenant_id, assignee_id) REFERENCES users (tenant_id, id) ON DELETE SET NULL (assignee_id) ON UPDATE CASCADE;
ALTER TABLE notes DROP CONSTRAINT notes_tenant_id_author_id_fkey;
ALTER TABLE notes ADD CONSTRAINT notes_tenant_id_author_id_fkey
  FOREIGN KEY (tenant_id, author_id) REFERENCES users (tenant_id, id) ON DELETE SET NULL (author_id) ON UPDATE CASCADE;

-- Invitations by link: whoever opens /invite/<id> and signs in or up with the email joins with the role.
CREATE TABLE invitations (
  id         text PRIMARY KEY DEFAULT ('inv_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
  tenant_id  text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  email      text NOT NULL,
  role       user_role NOT NULL,
  status     text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'rejected', 'canceled')),
  expires_at timestamptz(3) NOT NULL,
  -- Null when an API key invited.
  inviter_id text REFERENCES auth_users (id) ON DELETE SET NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE INDEX invitations_tenant_id_idx ON invitations (tenant_id);

-- migrate:down
DROP TABLE invitations;
ALTER TABLE notes DROP CONSTRAINT notes_tenant_id_author_id_fkey;
ALTER TABLE notes ADD CONSTRAINT notes_tenant_id_author_id_fkey
  FOREIGN KEY (tenant_id, author_id) REFERENCES users (tenant_id, id) ON DELETE NO ACTION ON UPDATE CASCADE;
ALTER TABLE threads DROP CONSTRAINT threads_tenant_id_assignee_id_fkey;
ALTER TABLE threads ADD CONSTRAINT threads_tenant_id_assignee_id_fkey
  FOREIGN KEY (tenant_id, assignee_id) REFERENCES users (tenant_id, id) ON DELETE NO ACTION ON UPDATE CASCADE;
DROP TRIGGER auth_users_copy_to_members ON auth_users;
DROP FUNCTION copy_account_to_members();
ALTER TABLE users DROP COLUMN auth_user_id;
ALTER TABLE tenants DROP COLUMN slug, DROP COLUMN logo, DROP COLUMN metadata;
DROP TABLE auth_rate_limits;
DROP TABLE auth_verifications;
DROP TABLE auth_accounts;
DROP TABLE auth_sessions;
DROP TABLE auth_users;

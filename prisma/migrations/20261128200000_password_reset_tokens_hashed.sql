-- migrate:up
-- Reset tokens are stored hashed in auth_verifications (Better Auth's storeIdentifier), so a copy of the
-- database holds no token that works. The reset email is sent later by a workflow whose history holds the row's
-- id only; the token it must put in the link waits here, sealed with HERALD_AUTH_SECRET, and goes with the
-- token's row (used, expired or replaced).
CREATE TABLE password_reset_emails (
  verification_id text PRIMARY KEY REFERENCES auth_verifications (id) ON DELETE CASCADE,
  sealed_token text NOT NULL,
  created_at timestamptz(3) NOT NULL DEFAULT now()
);
-- Like the other account tables: read by the cross-tenant client alone.
REVOKE ALL ON password_reset_emails FROM herald_app;

-- Tokens stored before this change are in plain text: they expire within the hour, but go now.
DELETE FROM auth_verifications WHERE identifier LIKE 'reset-password:%';

-- migrate:down
DROP TABLE password_reset_emails;

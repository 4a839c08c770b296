-- migrate:up
-- Accounts under row-level security. Invitations belong to a tenant like every business table. The account
-- tables (people, sessions, credentials, reset tokens, sign-in counters) belong to no tenant: only the
-- cross-tenant client (herald_system) reads them — signing in, finding a person's tenants, accepting an
-- invitation — so the application's role has no rights on them at all.
SELECT herald_enable_tenant_rls('invitations');
REVOKE ALL ON auth_users, auth_sessions, auth_accounts, auth_verifications, auth_rate_limits FROM herald_app;

-- migrate:down
GRANT SELECT, INSERT, UPDATE, DELETE ON auth_users, auth_sessions, auth_accounts, auth_verifications, auth_rate_limits TO herald_app;
DROP POLICY IF EXISTS herald_tenant_isolation ON invitations;
DROP POLICY IF EXISTS herald_system_access ON invitations;
ALTER TABLE invitations NO FORCE ROW LEVEL SECURITY;
ALTER TABLE invitations DISABLE ROW LEVEL SECURITY;

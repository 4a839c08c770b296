-- migrate:up
-- Accounts and the inbox under row-level security. The inbox's tables (read state, canned replies, the realtime
-- event log and its counters) belong to a tenant like every business table.
SELECT herald_enable_tenant_rls('thread_reads');
SELECT herald_enable_tenant_rls('canned_replies');
SELECT herald_enable_tenant_rls('realtime_event_counters');
SELECT herald_enable_tenant_rls('realtime_events');

-- Accounts. Invitations belong to a tenant like every business table. The account
-- tables (people, sessions, credentials, reset tokens, sign-in counters) belong to no tenant: only the
-- cross-tenant client (herald_system) reads them — signing in, finding a person's tenants, accepting an
-- invitation — so the application's role has no rights on them at all.
SELECT herald_enable_tenant_rls('invitations');
REVOKE ALL ON auth_users, auth_sessions, auth_accounts, auth_verifications, auth_rate_limits FROM herald_app;

-- migrate:down
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['thread_reads', 'canned_replies', 'realtime_event_counters', 'realtime_events'] LOOP
    EXECUTE format('DROP POLICY IF EXISTS herald_tenant_isolation ON %I', t);
    EXECUTE format('DROP POLICY IF EXISTS herald_system_access ON %I', t);
    EXECUTE format('ALTER TABLE %I NO FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I DISABLE ROW LEVEL SECURITY', t);
  END LOOP;
END $$;
GRANT SELECT, INSERT, UPDATE, DELETE ON auth_users, auth_sessions, auth_accounts, auth_verifications, auth_rate_limits TO herald_app;
DROP POLICY IF EXISTS herald_tenant_isolation ON invitations;
DROP POLICY IF EXISTS herald_system_access ON invitations;
ALTER TABLE invitations NO FORCE ROW LEVEL SECURITY;
ALTER TABLE invitations DISABLE ROW LEVEL SECURITY;

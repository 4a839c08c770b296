-- migrate:up

-- Tenant isolation in the database itself, under the Prisma tenant scope (prisma/tenant-scope.ts): a query that
-- forgets its tenant returns nothing, and a write naming another tenant is refused. See docs/ROW-LEVEL-SECURITY.md.
--
-- Two roles, both NOLOGIN: a client connects as the database URL's user and switches with the `role` startup
-- option (prisma/client.ts), so they work the same whether that user is the embedded/Docker superuser or a
-- managed Postgres owner that merely has CREATEROLE.
--   herald_app     every tenant's requests and activities; sees the rows of the tenant named by the
--                  transaction-local setting herald.tenant_id, and nothing when it is not set.
--   herald_system  cross-tenant work (the workflow outbox relay, finding a tenant before one is known, bootstrap):
--                  sees every row. Reached only through createSystemPrismaClient (type SystemPrisma).
-- Roles belong to the cluster, not the database: another Herald database on the same server shares them.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'herald_app') THEN
    CREATE ROLE herald_app NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'herald_system') THEN
    CREATE ROLE herald_system NOLOGIN;
  END IF;
  -- The connecting user must be able to SET ROLE to both. A superuser always can; a CREATEROLE owner that made
  -- the roles holds ADMIN on them and grants itself membership here (from PostgreSQL 16 creating a role does not
  -- make its creator able to SET it). Where a DBA made the roles beforehand, they grant them (see the docs).
  IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
    BEGIN
      EXECUTE format('GRANT herald_app, herald_system TO %I', current_user);
    EXCEPTION WHEN insufficient_privilege THEN
      RAISE NOTICE 'Herald: % may not grant herald_app and herald_system to itself; a DBA runs GRANT herald_app, herald_system TO %;', current_user, current_user;
    END;
  END IF;
END $$;

GRANT USAGE ON SCHEMA public TO herald_app, herald_system;
-- No TRUNCATE: it ignores row-level security.
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO herald_app, herald_system;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO herald_app, herald_system;
-- Tables that later migrations create (as this same user) get the same grants; their policy is one line (below).
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO herald_app, herald_system;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO herald_app, herald_system;
-- dbmate's bookkeeping is the migrations' alone.
REVOKE ALL ON schema_migrations FROM herald_app, herald_system;

-- The one way a table gets its policies: `SELECT herald_enable_tenant_rls('new_table');` in the migration that
-- creates it (test/integration/row-level-security.test.ts fails for a table with a tenant_id column without them).
-- FORCE makes the table's owner subject to them too (a superuser never is). Idempotent.
CREATE FUNCTION herald_enable_tenant_rls(target regclass, tenant_column name DEFAULT 'tenant_id') RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', target);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', target);
  EXECUTE format('DROP POLICY IF EXISTS herald_tenant_isolation ON %s', target);
  -- NULLIF: once set in a session, an unset custom setting reads as '' rather than NULL; both match no row.
  EXECUTE format(
    'CREATE POLICY herald_tenant_isolation ON %s AS PERMISSIVE FOR ALL TO herald_app '
    'USING (%2$I = NULLIF(current_setting(''herald.tenant_id'', true), '''')) '
    'WITH CHECK (%2$I = NULLIF(current_setting(''herald.tenant_id'', true), ''''))',
    target, tenant_column);
  EXECUTE format('DROP POLICY IF EXISTS herald_system_access ON %s', target);
  EXECUTE format('CREATE POLICY herald_system_access ON %s AS PERMISSIVE FOR ALL TO herald_system USING (true) WITH CHECK (true)', target);
END
$fn$;

SELECT herald_enable_tenant_rls('tenants', 'id');
SELECT herald_enable_tenant_rls('api_keys');
SELECT herald_enable_tenant_rls('bulk_enrollments');
SELECT herald_enable_tenant_rls('contacts');
SELECT herald_enable_tenant_rls('default_senders');
SELECT herald_enable_tenant_rls('enrollments');
SELECT herald_enable_tenant_rls('event_logs');
SELECT herald_enable_tenant_rls('ingest_requests');
SELECT herald_enable_tenant_rls('ingest_tokens');
SELECT herald_enable_tenant_rls('messages');
SELECT herald_enable_tenant_rls('notes');
SELECT herald_enable_tenant_rls('notification_rules');
SELECT herald_enable_tenant_rls('provider_credentials');
SELECT herald_enable_tenant_rls('quotes');
SELECT herald_enable_tenant_rls('rate_limit_buckets');
SELECT herald_enable_tenant_rls('send_day_counts');
SELECT herald_enable_tenant_rls('send_ledger');
SELECT herald_enable_tenant_rls('send_pacing');
SELECT herald_enable_tenant_rls('sender_addresses');
SELECT herald_enable_tenant_rls('sequence_steps');
SELECT herald_enable_tenant_rls('sequence_versions');
SELECT herald_enable_tenant_rls('sequences');
SELECT herald_enable_tenant_rls('templates');
SELECT herald_enable_tenant_rls('threads');
SELECT herald_enable_tenant_rls('users');
SELECT herald_enable_tenant_rls('webhook_events');
-- The one exception to "a tenant's rows only": a delivery event that arrived before any message carried its
-- provider id has no tenant yet (tenant_id NULL). The send that records that id claims it in its own tenant's
-- transaction (applyPendingDeliveryUpdates), so a transaction with a tenant set also sees and updates unclaimed
-- events. Without a tenant set, still nothing.
CREATE POLICY herald_unclaimed_webhook_events ON webhook_events AS PERMISSIVE FOR ALL TO herald_app
  USING (tenant_id IS NULL AND NULLIF(current_setting('herald.tenant_id', true), '') IS NOT NULL)
  WITH CHECK (tenant_id IS NULL AND NULLIF(current_setting('herald.tenant_id', true), '') IS NOT NULL);
SELECT herald_enable_tenant_rls('workflow_outbox');

-- migrate:down

DO $$
DECLARE t regclass;
BEGIN
  FOR t IN SELECT oid::regclass FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND relrowsecurity LOOP
    EXECUTE format('DROP POLICY IF EXISTS herald_tenant_isolation ON %s', t);
    EXECUTE format('DROP POLICY IF EXISTS herald_system_access ON %s', t);
    EXECUTE format('DROP POLICY IF EXISTS herald_unclaimed_webhook_events ON %s', t);
    EXECUTE format('ALTER TABLE %s NO FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %s DISABLE ROW LEVEL SECURITY', t);
  END LOOP;
END $$;
DROP FUNCTION herald_enable_tenant_rls(regclass, name);
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON TABLES FROM herald_app, herald_system;
ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE ALL ON SEQUENCES FROM herald_app, herald_system;
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM herald_app, herald_system;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM herald_app, herald_system;
REVOKE USAGE ON SCHEMA public FROM herald_app, herald_system;
-- The roles stay: they belong to the cluster, and other Herald databases on it may still use them.

-- migrate:up
-- Contact lists filtered by custom fields and searched by name, phone and email, and the views people save.

-- Equality on custom properties (a text field equal to a value, a select one of some options) and the search over
-- names, phones and emails, through GIN indexes that lead with the tenant (btree_gin makes tenant_id a GIN key).
-- Values are shared across tenants ("Gold", "Ada"): an index on the values alone holds every tenant's matches in one
-- posting list, and a tenant's look-up visits the others' rows to throw them away. Measured on 3 tenants of 100,000
-- contacts (docs/BENCHMARKS.md, Contact filters): a value a fifth of contacts have, 4,641 heap pages and 116 ms with
-- the values alone, 6 ms with the tenant first; "ada" in the search, 4,752 pages and 207 ms against 132 pages and
-- 4 ms. jsonb_path_ops: smaller than the default opclass, and @> is the only operator the filters ask of it.
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE INDEX contacts_tenant_id_custom_properties_idx ON contacts USING gin (tenant_id, custom_properties jsonb_path_ops);
-- The inbox's search (herald_search_thread_ids) reads the same expression for one tenant: this serves it too.
CREATE INDEX contacts_tenant_search_trgm_idx ON contacts USING gin (
  tenant_id, (coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(phone, '') || ' ' || coalesce(email, '')) gin_trgm_ops
);
DROP INDEX contacts_search_trgm_idx;

-- Under row-level security the application's role cannot use these indexes for the conditions they exist for:
-- @>, ILIKE and ->> are not leakproof, so Postgres tests them only after the policy,
-- row by row, across the tenant's contacts. This function finds the candidates with the indexes: it runs as
-- herald_system (SECURITY DEFINER, owned by that role), but only ever for the tenant set for the caller's
-- transaction, which it reads itself (no tenant set: no rows). It returns at most `cap` ids: a condition that
-- matches more is common, and walking the tenant's contacts in list order fills a page of them sooner.
-- The caller applies its whole filter to what this finds; these only narrow.
CREATE FUNCTION herald_contact_candidates(documents jsonb[], contact_pattern text, digits_pattern text, cap integer)
RETURNS SETOF text
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
AS $fn$
DECLARE
  tenant text := NULLIF(current_setting('herald.tenant_id', true), '');
BEGIN
  IF tenant IS NULL OR (documents IS NULL AND contact_pattern IS NULL) THEN
    RETURN;
  END IF;
  IF contact_pattern IS NULL THEN
    RETURN QUERY SELECT c.id FROM contacts c
      WHERE c.tenant_id = tenant AND c.custom_properties @> ANY (documents)
      LIMIT cap;
  ELSE
    RETURN QUERY SELECT c.id FROM contacts c
      WHERE c.tenant_id = tenant
        AND (documents IS NULL OR c.custom_properties @> ANY (documents))
        AND ((coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '') || ' ' || coalesce(c.phone, '') || ' ' || coalesce(c.email, '')) ILIKE contact_pattern
             OR (coalesce(c.first_name, '') || ' ' || coalesce(c.last_name, '') || ' ' || coalesce(c.phone, '') || ' ' || coalesce(c.email, '')) ILIKE coalesce(digits_pattern, contact_pattern))
      LIMIT cap;
  END IF;
END
$fn$;
ALTER FUNCTION herald_contact_candidates(jsonb[], text, text, integer) OWNER TO herald_system;
REVOKE ALL ON FUNCTION herald_contact_candidates(jsonb[], text, text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION herald_contact_candidates(jsonb[], text, text, integer) TO herald_app, herald_system;

-- Saved views: a named filter, shared with the tenant (user_id NULL) or a member's own.
CREATE TABLE saved_views (
  id         text PRIMARY KEY DEFAULT ('svw_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
  tenant_id  text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  user_id    text,
  name       text NOT NULL,
  filter     jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  -- A member's own views go with them.
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE
);
-- One name per owner: the tenant's shared views among themselves, each member's own among theirs.
CREATE UNIQUE INDEX saved_views_tenant_id_user_id_name_key ON saved_views (tenant_id, user_id, name) NULLS NOT DISTINCT;
SELECT herald_enable_tenant_rls('saved_views');

-- migrate:down
DROP TABLE saved_views;
DROP FUNCTION herald_contact_candidates(jsonb[], text, text, integer);
CREATE INDEX contacts_search_trgm_idx ON contacts USING gin (
  (coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' ' || coalesce(phone, '') || ' ' || coalesce(email, '')) gin_trgm_ops
);
DROP INDEX contacts_tenant_search_trgm_idx;
DROP INDEX contacts_tenant_id_custom_properties_idx;

-- migrate:up
-- A tenant's pipeline: stages in order, each open, won or lost. A contact stands in one stage or none; moving it
-- is recorded in the event log (contact.stage_changed, with its author) by the query that moves it.
CREATE TYPE stage_kind AS ENUM ('open', 'won', 'lost');

CREATE TABLE pipeline_stages (
  id         text PRIMARY KEY DEFAULT ('stg_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
  tenant_id  text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  name       text NOT NULL,
  kind       stage_kind NOT NULL DEFAULT 'open',
  -- Where it stands on the board (0 first).
  position   integer NOT NULL DEFAULT 0,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX pipeline_stages_tenant_id_id_key ON pipeline_stages (tenant_id, id);
CREATE UNIQUE INDEX pipeline_stages_tenant_id_name_key ON pipeline_stages (tenant_id, name);
SELECT herald_enable_tenant_rls('pipeline_stages');

-- A stage with contacts in it cannot go (the API moves them first, or refuses).
ALTER TABLE contacts
  ADD COLUMN stage_id text,
  ADD COLUMN stage_changed_at timestamptz(3),
  ADD CONSTRAINT contacts_tenant_id_stage_id_fkey FOREIGN KEY (tenant_id, stage_id) REFERENCES pipeline_stages (tenant_id, id) ON DELETE NO ACTION ON UPDATE CASCADE;
-- The board and the stage filter: a stage's contacts, newest first, keyset-paged like the contact list.
CREATE INDEX contacts_tenant_id_stage_id_created_at_id_idx ON contacts (tenant_id, stage_id, created_at DESC, id DESC);

-- Every tenant starts with a pipeline, however it is made (sign-up, bootstrap, tests, a seed): one home for the
-- default set, here.
CREATE FUNCTION herald_default_pipeline_stages(tenant text) RETURNS void LANGUAGE sql AS $fn$
  INSERT INTO pipeline_stages (tenant_id, name, kind, position)
  VALUES (tenant, 'New', 'open', 0), (tenant, 'Contacted', 'open', 1), (tenant, 'Qualified', 'open', 2),
         (tenant, 'Won', 'won', 3), (tenant, 'Lost', 'lost', 4)
$fn$;
CREATE FUNCTION herald_tenant_default_pipeline() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  PERFORM herald_default_pipeline_stages(NEW.id);
  RETURN NULL;
END $fn$;
CREATE TRIGGER tenants_default_pipeline AFTER INSERT ON tenants FOR EACH ROW EXECUTE FUNCTION herald_tenant_default_pipeline();

-- Tenants made before pipelines get the same set (as herald_system: under FORCE the owner may see no rows).
SET LOCAL ROLE herald_system;
SELECT herald_default_pipeline_stages(t.id) FROM tenants t WHERE NOT EXISTS (SELECT 1 FROM pipeline_stages s WHERE s.tenant_id = t.id);
RESET ROLE;

-- migrate:down
DROP TRIGGER tenants_default_pipeline ON tenants;
DROP FUNCTION herald_tenant_default_pipeline();
DROP FUNCTION herald_default_pipeline_stages(text);
DROP INDEX contacts_tenant_id_stage_id_created_at_id_idx;
ALTER TABLE contacts DROP CONSTRAINT contacts_tenant_id_stage_id_fkey, DROP COLUMN stage_changed_at, DROP COLUMN stage_id;
DROP TABLE pipeline_stages;
DROP TYPE stage_kind;

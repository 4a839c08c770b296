-- migrate:up
-- Companies, projects (sales opportunities and open positions) and the relationships that tie a contact to either,
-- as client, candidate or both (the recruiting case: a hiring manager may also be looking for a job).

CREATE TABLE companies (
  id         text PRIMARY KEY DEFAULT ('cmp_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
  tenant_id  text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  name       text NOT NULL,
  -- Its web domain, lower-case, e.g. acme.com.
  domain     text,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX companies_tenant_id_id_key ON companies (tenant_id, id);
-- One company per name and tenant, whatever its case: two people adding "Acme" at once make one (the other a 409).
CREATE UNIQUE INDEX companies_tenant_id_lower_name_key ON companies (tenant_id, lower(name));
CREATE INDEX companies_tenant_id_created_at_id_idx ON companies (tenant_id, created_at DESC, id DESC);
SELECT herald_enable_tenant_rls('companies');

CREATE TYPE project_kind AS ENUM ('opportunity', 'position');
-- Opportunities end won or lost, positions filled or closed; on_hold pauses either.
CREATE TYPE project_status AS ENUM ('open', 'on_hold', 'won', 'lost', 'filled', 'closed');

CREATE TABLE projects (
  id         text PRIMARY KEY DEFAULT ('prj_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
  tenant_id  text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  name       text NOT NULL,
  kind       project_kind NOT NULL,
  status     project_status NOT NULL DEFAULT 'open',
  company_id text,
  value      numeric(14, 2),
  currency   char(3),
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  -- A company that goes leaves its projects, without a company.
  FOREIGN KEY (tenant_id, company_id) REFERENCES companies (tenant_id, id) ON DELETE SET NULL (company_id) ON UPDATE CASCADE,
  CONSTRAINT projects_value_currency_check CHECK ((value IS NULL) = (currency IS NULL)),
  CONSTRAINT projects_status_kind_check CHECK (
    status IN ('open', 'on_hold') OR (kind = 'opportunity' AND status IN ('won', 'lost')) OR (kind = 'position' AND status IN ('filled', 'closed'))
  )
);
CREATE UNIQUE INDEX projects_tenant_id_id_key ON projects (tenant_id, id);
CREATE INDEX projects_tenant_id_created_at_id_idx ON projects (tenant_id, created_at DESC, id DESC);
CREATE INDEX projects_tenant_id_company_id_idx ON projects (tenant_id, company_id);
SELECT herald_enable_tenant_rls('projects');

CREATE TYPE relationship_role AS ENUM ('client', 'candidate');

CREATE TABLE relationships (
  id         text PRIMARY KEY DEFAULT ('rel_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
  tenant_id  text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  contact_id text NOT NULL,
  company_id text,
  project_id text,
  -- Client, candidate, or both: one row per contact and company (or project), its roles a set.
  roles      relationship_role[] NOT NULL,
  -- Their title or part there, e.g. "Hiring manager".
  title      text,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE,
  FOREIGN KEY (tenant_id, company_id) REFERENCES companies (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE,
  FOREIGN KEY (tenant_id, project_id) REFERENCES projects (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT relationships_one_target_check CHECK (num_nonnulls(company_id, project_id) = 1),
  CONSTRAINT relationships_roles_check CHECK (cardinality(roles) BETWEEN 1 AND 2 AND array_position(roles, NULL) IS NULL)
);
CREATE UNIQUE INDEX relationships_tenant_id_id_key ON relationships (tenant_id, id);
-- Unique per target; the other target column is NULL, and NULLs are distinct, so the two never collide.
CREATE UNIQUE INDEX relationships_tenant_id_contact_id_company_id_key ON relationships (tenant_id, contact_id, company_id);
CREATE UNIQUE INDEX relationships_tenant_id_contact_id_project_id_key ON relationships (tenant_id, contact_id, project_id);
CREATE INDEX relationships_tenant_id_company_id_idx ON relationships (tenant_id, company_id);
CREATE INDEX relationships_tenant_id_project_id_idx ON relationships (tenant_id, project_id);
SELECT herald_enable_tenant_rls('relationships');

-- migrate:down
DROP TABLE relationships;
DROP TYPE relationship_role;
DROP TABLE projects;
DROP TYPE project_status;
DROP TYPE project_kind;
DROP TABLE companies;

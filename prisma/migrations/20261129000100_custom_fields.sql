-- migrate:up
-- Custom fields a tenant defines for its contacts: the key a value has in contacts.custom_properties, the label
-- people see, and the type writes are checked against (text, number, date as YYYY-MM-DD, or one of a select's
-- options). Values stay in custom_properties; keys no field defines stay free-form, as before.
CREATE TYPE custom_field_type AS ENUM ('text', 'number', 'date', 'select');

CREATE TABLE custom_fields (
  id         text PRIMARY KEY DEFAULT ('cfd_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
  tenant_id  text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  key        text NOT NULL,
  label      text NOT NULL,
  type       custom_field_type NOT NULL,
  -- A select's choices, in the order shown; empty for every other type.
  options    text[] NOT NULL DEFAULT '{}',
  -- Where it is shown among the tenant's fields (0 first).
  position   integer NOT NULL DEFAULT 0,
  created_at timestamptz(3) NOT NULL DEFAULT now(),
  updated_at timestamptz(3) NOT NULL DEFAULT now(),
  CONSTRAINT custom_fields_options_check CHECK ((type = 'select') = (cardinality(options) > 0))
);
CREATE UNIQUE INDEX custom_fields_tenant_id_key_key ON custom_fields (tenant_id, key);
SELECT herald_enable_tenant_rls('custom_fields');

-- migrate:down
DROP TABLE custom_fields;
DROP TYPE custom_field_type;

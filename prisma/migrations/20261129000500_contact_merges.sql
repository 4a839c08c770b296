-- migrate:up
-- Where merged contacts went. A merge moves everything of the duplicate to the contact kept and deletes the
-- duplicate; its id stays known here, so the API can answer it with a pointer (404 naming the contact it went
-- into) and workflows started with it (an enrollment's input, an inbound message's) find the contact it became.
-- A chain (B into A, then A into C) is kept flat: every id merged into A is pointed at C.
CREATE TABLE contact_merges (
  tenant_id         text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  merged_contact_id text NOT NULL,
  into_contact_id   text NOT NULL,
  merged_at         timestamptz(3) NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, merged_contact_id),
  FOREIGN KEY (tenant_id, into_contact_id) REFERENCES contacts (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX contact_merges_tenant_id_into_contact_id_idx ON contact_merges (tenant_id, into_contact_id);
SELECT herald_enable_tenant_rls('contact_merges');

-- migrate:down
DROP TABLE contact_merges;

-- migrate:up
-- The embeddable lead form. A web page is public, so the form it embeds names a form by a public id of its own,
-- never the ingest token's secret; the form belongs to a token (one form per token) and ends with it. Each
-- submission is kept as its own attribution record (page, referrer, UTM parameters, consent and its wording),
-- so a returning person's second visit adds a record instead of overwriting the first.

-- Child rows reach their parent through (tenant_id, id), like every tenant table.
CREATE UNIQUE INDEX ingest_tokens_tenant_id_id_key ON ingest_tokens (tenant_id, id);

CREATE TABLE lead_forms (
  id                   text PRIMARY KEY DEFAULT ('lfm_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
  tenant_id            text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  ingest_token_id      text NOT NULL,
  name                 text NOT NULL,
  enabled              boolean NOT NULL DEFAULT true,
  -- Origins (https://www.example.com) whose pages may use the form; empty: any page.
  allowed_origins      text[] NOT NULL DEFAULT '{}',
  -- The wording beside the consent checkbox: what each consent given through the form is recorded with.
  consent_text         text NOT NULL,
  success_message      text NOT NULL,
  -- Country calling code for phone numbers typed without one; null: people type it.
  default_country_code text,
  created_at           timestamptz(3) NOT NULL DEFAULT now(),
  updated_at           timestamptz(3) NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, ingest_token_id) REFERENCES ingest_tokens (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE UNIQUE INDEX lead_forms_tenant_id_id_key ON lead_forms (tenant_id, id);
-- One form per token.
CREATE UNIQUE INDEX lead_forms_tenant_id_ingest_token_id_key ON lead_forms (tenant_id, ingest_token_id);

CREATE TABLE lead_form_submissions (
  id             text PRIMARY KEY DEFAULT ('lfs_'::text || replace((gen_random_uuid())::text, '-'::text, ''::text)),
  tenant_id      text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE ON UPDATE CASCADE,
  form_id        text NOT NULL,
  -- A contact's submissions go with it (erasure takes them too; a merge must move them to the contact kept).
  contact_id     text NOT NULL,
  -- Whether this submission made the contact (else it matched one by phone, then email).
  new_contact    boolean NOT NULL,
  message        text,
  -- Origin and path only: queries and fragments may carry personal data.
  page_url       text NOT NULL,
  referrer       text,
  utm_source     text,
  utm_medium     text,
  utm_campaign   text,
  utm_term       text,
  utm_content    text,
  consent_given  boolean NOT NULL DEFAULT false,
  consent_text   text,
  -- Channels whose consent the submission granted (an earlier opt-out is never overridden).
  consent_channels text[] NOT NULL DEFAULT '{}',
  created_at     timestamptz(3) NOT NULL DEFAULT now(),
  FOREIGN KEY (tenant_id, form_id) REFERENCES lead_forms (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE,
  FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id) ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT lead_form_submissions_consent_channels_check CHECK (consent_channels <@ ARRAY['sms', 'email']::text[]),
  CONSTRAINT lead_form_submissions_consent_text_check CHECK (consent_given = (consent_text IS NOT NULL))
);
-- A form's leads, newest first (keyset pages), and what the counts per source and campaign read.
CREATE INDEX lead_form_submissions_tenant_id_form_id_created_at_id_idx ON lead_form_submissions (tenant_id, form_id, created_at DESC, id DESC);
CREATE INDEX lead_form_submissions_tenant_id_contact_id_idx ON lead_form_submissions (tenant_id, contact_id);

SELECT herald_enable_tenant_rls('lead_forms');
SELECT herald_enable_tenant_rls('lead_form_submissions');

-- The settings page (and anyone watching the tenant's stream) sees a lead arrive live.
CREATE FUNCTION realtime_lead_form_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO realtime_events (tenant_id, type, thread_id, data)
  VALUES (NEW.tenant_id, 'lead_form.submitted', NULL,
          jsonb_build_object('formId', NEW.form_id, 'submissionId', NEW.id, 'contactId', NEW.contact_id, 'newContact', NEW.new_contact));
  RETURN NULL;
END $$;
CREATE TRIGGER lead_form_submissions_realtime AFTER INSERT ON lead_form_submissions FOR EACH ROW EXECUTE FUNCTION realtime_lead_form_event();

-- migrate:down
DROP TRIGGER lead_form_submissions_realtime ON lead_form_submissions;
DROP FUNCTION realtime_lead_form_event();
DROP TABLE lead_form_submissions;
DROP TABLE lead_forms;
DROP INDEX ingest_tokens_tenant_id_id_key;

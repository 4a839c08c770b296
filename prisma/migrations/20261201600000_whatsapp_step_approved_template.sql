-- migrate:up
-- WhatsApp allows free-form messages only within 24 hours of the contact's last message; after that only a
-- template WhatsApp approved. A WhatsApp step names the tenant's approved template for that case (a saved
-- whatsapp template with a Twilio Content SID); publishing freezes its Content SID and its Herald text (whose
-- named variables are the approved content's {{1}}…{{n}}), as it freezes the step's own text.
ALTER TABLE sequence_steps
  ADD COLUMN approved_template_id text,
  ADD COLUMN approved_content_sid text,
  ADD COLUMN approved_body text,
  ADD FOREIGN KEY (tenant_id, approved_template_id) REFERENCES templates (tenant_id, id) ON DELETE NO ACTION ON UPDATE CASCADE;

-- A message's template either is the message (sent as the template, always) or stands in for its text only when
-- the window is closed at the moment of sending; then the inbox shows the template's text as the contact saw it.
ALTER TABLE messages
  ADD COLUMN template_only_when_window_closed boolean NOT NULL DEFAULT false,
  ADD COLUMN template_body text;

-- migrate:down
ALTER TABLE messages DROP COLUMN template_body, DROP COLUMN template_only_when_window_closed;
ALTER TABLE sequence_steps
  DROP COLUMN approved_body,
  DROP COLUMN approved_content_sid,
  DROP COLUMN approved_template_id;

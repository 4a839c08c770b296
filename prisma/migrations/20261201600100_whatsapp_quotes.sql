-- migrate:up
-- A quote goes by SMS (as before) or WhatsApp. Outside WhatsApp's 24-hour window only approved content may go:
-- the tenant's quote text and follow-up text are the Herald texts of templates it had approved, named by their
-- Twilio Content SIDs (null: none approved, so a quote whose window is closed is not sent).
ALTER TABLE quotes ADD COLUMN channel channel NOT NULL DEFAULT 'sms';
ALTER TABLE quotes ADD CONSTRAINT quotes_channel_check CHECK (channel IN ('sms', 'whatsapp'));
ALTER TABLE tenants
  ADD COLUMN quote_whatsapp_content_sid text,
  ADD COLUMN quote_follow_up_whatsapp_content_sid text;

-- migrate:down
ALTER TABLE tenants DROP COLUMN quote_follow_up_whatsapp_content_sid, DROP COLUMN quote_whatsapp_content_sid;
ALTER TABLE quotes DROP CONSTRAINT quotes_channel_check, DROP COLUMN channel;

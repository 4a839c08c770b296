-- migrate:up
-- A WhatsApp template approved by Meta through Twilio's Content API: its Content SID (HX…). Outside WhatsApp's
-- 24-hour window only such a template can be sent; the composer offers these.
ALTER TABLE templates ADD COLUMN content_sid text;
ALTER TABLE templates ADD CONSTRAINT templates_content_sid_whatsapp_only CHECK (content_sid IS NULL OR channel = 'whatsapp');

-- migrate:down
ALTER TABLE templates DROP CONSTRAINT templates_content_sid_whatsapp_only;
ALTER TABLE templates DROP COLUMN content_sid;

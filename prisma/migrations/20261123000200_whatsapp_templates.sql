-- migrate:up
-- WhatsApp messages outside the 24-hour window must be approved templates (Twilio Content API).
ALTER TABLE messages ADD COLUMN template_sid text;
ALTER TABLE messages ADD COLUMN template_variables jsonb;
ALTER TABLE messages ADD CONSTRAINT messages_template_whatsapp_only CHECK (template_sid IS NULL OR channel = 'whatsapp');

-- migrate:down
ALTER TABLE messages DROP CONSTRAINT IF EXISTS messages_template_whatsapp_only;
ALTER TABLE messages DROP COLUMN IF EXISTS template_variables;
ALTER TABLE messages DROP COLUMN IF EXISTS template_sid;

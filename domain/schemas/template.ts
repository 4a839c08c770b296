import { z } from 'zod';
import { ChannelSchema, MAX_BODY_LENGTH, MAX_SUBJECT_LENGTH } from '../channels';

/** The Twilio Content SID of a WhatsApp template Meta approved. */
export const ContentSidSchema = z
  .string()
  .regex(/^HX[0-9a-fA-F]{32}$/, 'contentSid is a Twilio Content SID (HX + 32 hex digits)')
  .describe('WhatsApp only: the Twilio Content SID (HX…) of the approved template; such a template can be sent outside the 24-hour window');

export const CreateTemplateSchema = z
  .object({
    name: z.string().trim().min(1).max(200).describe('Unique within the tenant'),
    channel: ChannelSchema,
    subject: z.string().trim().min(1).max(MAX_SUBJECT_LENGTH).optional().describe('Email subject with {{variables}} (email only)'),
    body: z.string().trim().min(1).describe('Text with {{variables}}, e.g. {{first_name|there}} or {{custom.budget}}'),
    contentSid: ContentSidSchema.optional(),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.contentSid && t.channel !== 'whatsapp') ctx.addIssue({ code: 'custom', path: ['contentSid'], message: 'contentSid is only used by whatsapp templates' });
    if (t.body.length > MAX_BODY_LENGTH[t.channel]) {
      ctx.addIssue({ code: 'custom', path: ['body'], message: `body is ${t.body.length} characters; ${t.channel} allows at most ${MAX_BODY_LENGTH[t.channel]}` });
    }
    if (t.channel === 'email' && !t.subject) ctx.addIssue({ code: 'custom', path: ['subject'], message: 'an email template needs a subject' });
    if (t.channel !== 'email' && t.subject) ctx.addIssue({ code: 'custom', path: ['subject'], message: `subject is only used by email, not ${t.channel}` });
  })
  .describe('A new template');
export type CreateTemplate = z.infer<typeof CreateTemplateSchema>;

/** A template's channel is fixed at creation (steps using it were checked against it). */
export const UpdateTemplateSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional().describe('New name, unique within the tenant'),
    subject: z.string().trim().min(1).max(MAX_SUBJECT_LENGTH).optional().describe('New email subject (email templates only)'),
    body: z.string().trim().min(1).optional().describe('New text with {{variables}}'),
    contentSid: ContentSidSchema.nullable().optional().describe('New Content SID of the approved WhatsApp template; null to remove it'),
  })
  .strict()
  .describe('Changes to a template; its channel is fixed');
export type UpdateTemplate = z.infer<typeof UpdateTemplateSchema>;

/** Render a saved template, or unsaved text, against one of the tenant's contacts. */
export const PreviewTemplateSchema = z
  .object({
    contactId: z.string().min(1).max(64).describe('The contact to render for (ctc_…)'),
    channel: ChannelSchema.optional().describe('For unsaved text: the channel the preview is for (the text is the same plain text on every channel)'),
    subject: z.string().max(MAX_SUBJECT_LENGTH).optional().describe('Unsaved subject; omit to preview the saved one'),
    body: z.string().min(1).max(MAX_BODY_LENGTH.email).optional().describe('Unsaved text; omit to preview the saved template'),
  })
  .strict()
  .describe('What to render, and for whom');
export type PreviewTemplate = z.infer<typeof PreviewTemplateSchema>;

export const TemplateViewSchema = z
  .object({
    id: z.string().describe('Template id (tpl_…)'),
    name: z.string().describe('Name, unique within the tenant'),
    channel: ChannelSchema,
    subject: z.string().nullable().describe('Email subject'),
    body: z.string().describe('Text with {{variables}}'),
    contentSid: z.string().nullable().describe('WhatsApp: the Content SID of the approved template, when it is one'),
    createdAt: z.string().describe('When it was created'),
    updatedAt: z.string().describe('When it last changed'),
  })
  .describe('A template');

export type TemplateView = z.infer<typeof TemplateViewSchema>;

export const TemplateListAnswerSchema = z.object({ templates: z.array(TemplateViewSchema).describe('The templates') });

export const TemplatePreviewViewSchema = z
  .object({
    contactId: z.string().describe('The contact'),
    channel: ChannelSchema,
    ok: z.boolean().describe('True when every variable had a value'),
    subject: z.string().nullable().describe('Rendered subject'),
    body: z.string().nullable().describe('Rendered text; null when it has problems'),
    problems: z
      .array(
        z
          .object({ code: z.string().describe('syntax, unknown_variable or missing_value'), token: z.string().describe('The {{token}}'), message: z.string().describe('What is wrong') })
          .describe('A problem'),
      )
      .describe('Values the contact lacks, and other problems'),
  })
  .describe('A template rendered for a contact');

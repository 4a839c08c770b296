import { z } from 'zod';
import { ChannelSchema, MAX_BODY_LENGTH, MAX_SUBJECT_LENGTH } from '../channels';

export const CreateTemplateSchema = z
  .object({
    name: z.string().trim().min(1).max(200).describe('Unique within the tenant'),
    channel: ChannelSchema,
    subject: z.string().trim().min(1).max(MAX_SUBJECT_LENGTH).optional().describe('Email only'),
    body: z.string().trim().min(1).describe('Text with {{variables}}, e.g. {{first_name|there}} or {{custom.budget}}'),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.body.length > MAX_BODY_LENGTH[t.channel]) {
      ctx.addIssue({ code: 'custom', path: ['body'], message: `body is ${t.body.length} characters; ${t.channel} allows at most ${MAX_BODY_LENGTH[t.channel]}` });
    }
    if (t.channel === 'email' && !t.subject) ctx.addIssue({ code: 'custom', path: ['subject'], message: 'an email template needs a subject' });
    if (t.channel !== 'email' && t.subject) ctx.addIssue({ code: 'custom', path: ['subject'], message: `subject is only used by email, not ${t.channel}` });
  });
export type CreateTemplate = z.infer<typeof CreateTemplateSchema>;

/** A template's channel is fixed at creation (steps using it were checked against it). */
export const UpdateTemplateSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    subject: z.string().trim().min(1).max(MAX_SUBJECT_LENGTH).optional(),
    body: z.string().trim().min(1).optional(),
  })
  .strict();
export type UpdateTemplate = z.infer<typeof UpdateTemplateSchema>;

/** Render a saved template, or unsaved text, against one of the tenant's contacts. */
export const PreviewTemplateSchema = z
  .object({
    contactId: z.string().min(1).max(64),
    channel: ChannelSchema.optional().describe('For unsaved text: the channel the preview is for (the text is the same plain text on every channel)'),
    subject: z.string().max(MAX_SUBJECT_LENGTH).optional(),
    body: z.string().min(1).max(MAX_BODY_LENGTH.email).optional().describe('Unsaved text; omit to preview the saved template'),
  })
  .strict();
export type PreviewTemplate = z.infer<typeof PreviewTemplateSchema>;

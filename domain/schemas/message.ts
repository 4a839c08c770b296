import { z } from 'zod';
import { ChannelSchema, MAX_BODY_LENGTH, MAX_SUBJECT_LENGTH, MessageStatusSchema } from '../channels';

/** How far ahead a message may be scheduled; further is almost always a typo in the year. */
export const MAX_SCHEDULE_AHEAD_DAYS = 366;

const IsoInstantSchema = z.iso.datetime({ offset: true });

export const CreateMessageSchema = z
  .object({
    contactId: z.string().min(1).max(64).describe('Id of the contact to message (ctc_…)'),
    channel: ChannelSchema,
    body: z.string().trim().min(1, 'body must not be empty').describe('Message text'),
    subject: z.string().trim().min(1).max(MAX_SUBJECT_LENGTH).optional().describe('Email subject (email only)'),
    sendAt: IsoInstantSchema.optional().describe(
      'When to send, ISO 8601 with an offset. Omitted or in the past: send now.',
    ),
    template: z
      .object({
        contentSid: z.string().regex(/^HX[0-9a-fA-F]{32}$/, 'contentSid is a Twilio Content SID (HX + 32 hex digits)'),
        variables: z.record(z.string().regex(/^\w{1,32}$/), z.string().max(1024)).default({}),
      })
      .strict()
      .optional()
      .describe('WhatsApp only: an approved template, required more than 24 hours after the contact last wrote'),
  })
  .strict()
  .superRefine((value, ctx) => {
    const max = MAX_BODY_LENGTH[value.channel];
    if (value.body.length > max) {
      ctx.addIssue({
        code: 'custom',
        path: ['body'],
        message: `body is ${value.body.length} characters; ${value.channel} allows at most ${max}`,
      });
    }
    if (value.channel === 'email' && !value.subject) {
      ctx.addIssue({ code: 'custom', path: ['subject'], message: 'subject is required for email' });
    }
    if (value.template && value.channel !== 'whatsapp') {
      ctx.addIssue({ code: 'custom', path: ['template'], message: 'templates are only used by whatsapp' });
    }
    if (value.channel !== 'email' && value.subject) {
      ctx.addIssue({ code: 'custom', path: ['subject'], message: `subject is only used by email, not ${value.channel}` });
    }
    if (value.sendAt) {
      const ahead = Date.parse(value.sendAt) - Date.now();
      if (ahead > MAX_SCHEDULE_AHEAD_DAYS * 86_400_000) {
        ctx.addIssue({
          code: 'custom',
          path: ['sendAt'],
          message: `sendAt may be at most ${MAX_SCHEDULE_AHEAD_DAYS} days ahead`,
        });
      }
    }
  });
export type CreateMessage = z.infer<typeof CreateMessageSchema>;

export const RescheduleMessageSchema = z
  .object({ sendAt: IsoInstantSchema.describe('New send time, ISO 8601 with an offset; past means now') })
  .strict()
  .refine((v) => Date.parse(v.sendAt) - Date.now() <= MAX_SCHEDULE_AHEAD_DAYS * 86_400_000, {
    path: ['sendAt'],
    message: `sendAt may be at most ${MAX_SCHEDULE_AHEAD_DAYS} days ahead`,
  });
export type RescheduleMessage = z.infer<typeof RescheduleMessageSchema>;

export const ListMessagesQuerySchema = z
  .object({
    status: MessageStatusSchema.optional(),
    contactId: z.string().max(64).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(64).optional().describe('Id of the last message of the previous page'),
  })
  .strict();
export type ListMessagesQuery = z.infer<typeof ListMessagesQuerySchema>;

/** A message as the API returns it. */
export const MessageViewSchema = z.object({
  id: z.string(),
  contactId: z.string(),
  contactName: z.string().nullable(),
  direction: z.enum(['inbound', 'outbound']),
  channel: ChannelSchema,
  body: z.string(),
  subject: z.string().nullable(),
  status: MessageStatusSchema,
  provider: z.string().nullable(),
  providerMessageId: z.string().nullable(),
  errorCode: z.string().nullable(),
  errorMessage: z.string().nullable(),
  scheduledAt: z.string().nullable(),
  sentAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  createdAt: z.string(),
  workflowId: z.string().nullable(),
  temporalUrl: z.string().nullable(),
});
export type MessageView = z.infer<typeof MessageViewSchema>;

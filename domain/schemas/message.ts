import { z } from 'zod';
import { ChannelSchema, MAX_BODY_LENGTH, MAX_SUBJECT_LENGTH, MessageStatusSchema } from '../channels';
import { normalizePhone } from '../phone';
import { IsoInstantSchema } from './common';

/** How far ahead a message may be scheduled; further is almost always a typo in the year. */
export const MAX_SCHEDULE_AHEAD_DAYS = 366;

export const CreateMessageSchema = z
  .object({
    contactId: z.string().min(1).max(64).describe('Id of the contact to message (ctc_…)'),
    channel: ChannelSchema,
    body: z.string().trim().min(1, 'body must not be empty').describe('Message text (SMS at most 1,600 characters, WhatsApp 4,096, email 100,000)'),
    subject: z.string().trim().min(1).max(MAX_SUBJECT_LENGTH).optional().describe('Email subject (email only)'),
    sendAt: IsoInstantSchema.optional().describe(
      'When to send, ISO 8601 with an offset. Omitted or in the past: send now.',
    ),
    template: z
      .object({
        contentSid: z
          .string()
          .regex(/^HX[0-9a-fA-F]{32}$/, 'contentSid is a Twilio Content SID (HX + 32 hex digits)')
          .describe('Twilio Content SID of the approved template (HX…)'),
        variables: z
          .record(z.string().regex(/^\w{1,32}$/).describe('Template variable, e.g. 1'), z.string().max(1024).describe('Its value'))
          .default({})
          .describe('Values of the template’s variables'),
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
  })
  .describe('A message to send now or later');
export type CreateMessage = z.infer<typeof CreateMessageSchema>;

export const RescheduleMessageSchema = z
  .object({ sendAt: IsoInstantSchema.describe('New send time, ISO 8601 with an offset; past means now') })
  .strict()
  .refine((v) => Date.parse(v.sendAt) - Date.now() <= MAX_SCHEDULE_AHEAD_DAYS * 86_400_000, {
    path: ['sendAt'],
    message: `sendAt may be at most ${MAX_SCHEDULE_AHEAD_DAYS} days ahead`,
  })
  .describe('The new send time');
export type RescheduleMessage = z.infer<typeof RescheduleMessageSchema>;

export const ListMessagesQuerySchema = z
  .object({
    status: MessageStatusSchema.optional().describe('Only messages in this status'),
    contactId: z.string().max(64).optional().describe('Only this contact’s messages'),
    limit: z.coerce.number().int().min(1).max(200).default(50).describe('Page size, 1–200'),
    cursor: z.string().max(64).optional().describe('Id of the last message of the previous page'),
  })
  .strict();
export type ListMessagesQuery = z.infer<typeof ListMessagesQuerySchema>;

/** Plays the contact: an inbound message through the same path as a provider's webhook. */
export const SimulateInboundSchema = z
  .object({
    channel: ChannelSchema.default('sms').describe('sms, whatsapp or email'),
    from: z
      .string()
      .trim()
      .max(320)
      .describe('Who writes: for sms and whatsapp the contact’s phone number, international form; for email their email address'),
    subject: z.string().trim().max(MAX_SUBJECT_LENGTH).optional().describe('The subject line (email only)'),
    body: z
      .string()
      .min(1)
      .max(MAX_BODY_LENGTH.email)
      .describe('What the contact writes (SMS at most 1,600 characters, WhatsApp 4,096, email 100,000)'),
  })
  .strict()
  .transform((v, ctx) => {
    const limit = MAX_BODY_LENGTH[v.channel];
    if (v.body.length > limit) ctx.addIssue({ code: 'custom', path: ['body'], message: `must be at most ${limit} characters for ${v.channel}` });
    if (v.channel === 'email') {
      const email = z.email().safeParse(v.from.toLowerCase());
      if (!email.success) ctx.addIssue({ code: 'custom', path: ['from'], message: 'must be an email address for channel email' });
      return email.success ? { channel: v.channel, from: email.data, subject: v.subject || null, body: v.body } : z.NEVER;
    }
    if (v.subject !== undefined) ctx.addIssue({ code: 'custom', path: ['subject'], message: 'only an email has a subject' });
    const phone = normalizePhone(v.from);
    if (!phone) ctx.addIssue({ code: 'custom', path: ['from'], message: `must be a phone number for channel ${v.channel}` });
    return phone ? { channel: v.channel, from: phone, subject: null, body: v.body } : z.NEVER;
  })
  .describe('An inbound message, as if the contact had written');

/** A message as the API returns it. */
export const MessageViewSchema = z
  .object({
    id: z.string().describe('Message id (msg_…)'),
    contactId: z.string().describe('The contact’s id'),
    contactName: z.string().nullable().describe('The contact’s name, when known'),
    direction: z.enum(['inbound', 'outbound']).describe('inbound (from the contact) or outbound (to the contact)'),
    channel: ChannelSchema,
    body: z.string().describe('Message text'),
    subject: z.string().nullable().describe('Email subject'),
    status: MessageStatusSchema,
    provider: z.string().nullable().describe('Provider that carried it: twilio, resend or fake'),
    providerMessageId: z.string().nullable().describe('The provider’s id for it'),
    tenantAddress: z
      .string()
      .nullable()
      .describe('The tenant’s side: the sender it went out from (outbound; set when it is sent), or the number or address it was sent to (inbound)'),
    errorCode: z.string().nullable().describe('Provider error code, when it failed'),
    errorMessage: z.string().nullable().describe('What went wrong, when it failed'),
    scheduledAt: z.string().nullable().describe('When it is due, ISO 8601; null: now'),
    sentAt: z.string().nullable().describe('When the provider accepted it'),
    deliveredAt: z.string().nullable().describe('When it was delivered'),
    cancelledAt: z.string().nullable().describe('When it was cancelled'),
    createdAt: z.string().describe('When it was created'),
    workflowId: z.string().nullable().describe('Temporal workflow id of its send'),
    temporalUrl: z.string().nullable().describe('Temporal Web link to its run'),
  })
  .describe('A message');
export type MessageView = z.infer<typeof MessageViewSchema>;

/** The answer to cancelling or rescheduling a message: the message as it now is, and what needs attention. */
export const MessageChangeAnswerSchema = z.object({
  message: MessageViewSchema,
  warning: z.string().optional().describe('Saved, but something needs your attention'),
});

/** The answer to playing the contact through the fake provider. */
export const SimulatedInboundAnswerSchema = z.object({
  messageId: z.string().describe('The inbound message'),
  contactId: z.string().describe('Its contact (created when the number or address is new)'),
  workflowId: z.string().describe('The workflow handling it'),
});

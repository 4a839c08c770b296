import { z } from 'zod';
import { ChannelSchema } from '../channels';
import { isE164, normalizePhone } from '../phone';
import { TimeZoneSchema } from './time-zone';
import { CustomPropertiesSchema } from './common';
import { QuoteFieldsSchema } from './quote';

const phone = z
  .string()
  .max(40)
  .transform((value, ctx) => normalizePhone(value) ?? (ctx.addIssue({ code: 'custom', message: `"${value}" is not an international phone number (e.g. +14155550100)` }), z.NEVER));

/** A lead as a website form or another tool sends it. Unknown fields are refused; extras go in `properties`. */
export const IngestLeadSchema = z
  .object({
    firstName: z.string().trim().min(1).max(200).optional().describe('First name'),
    lastName: z.string().trim().min(1).max(200).optional().describe('Last name'),
    phone: phone.optional().describe('Phone number in international form; stored as E.164'),
    email: z.email().max(320).transform((v) => v.toLowerCase()).optional().describe('Email address; stored lower-cased'),
    timeZone: TimeZoneSchema.optional().describe('IANA time zone, e.g. America/New_York'),
    source: z.string().trim().min(1).max(200).optional().describe('Where the lead came from, e.g. "website-contact-form"'),
    properties: CustomPropertiesSchema.optional(),
  })
  .strict()
  .refine((v) => v.phone !== undefined || v.email !== undefined, { message: 'a lead needs a phone number or an email' })
  .describe('A lead: a phone number or an email, or both. A known phone (else email) updates that contact');
export type IngestLead = z.infer<typeof IngestLeadSchema>;

export const IngestQuoteSchema = QuoteFieldsSchema.extend({
  contact: IngestLeadSchema,
})
  .strict()
  .describe('A quote with the lead it is for');
export type IngestQuote = z.infer<typeof IngestQuoteSchema>;

export const IdempotencyKeySchema = z
  .string({ error: 'an Idempotency-Key header is required, so that a retried call never creates a second record' })
  .min(1)
  .max(200)
  .describe('Your key for this call (e.g. the form submission id): a retry with the same key gets the first answer and creates nothing');

export const IngestHeadersSchema = z.object({ 'idempotency-key': IdempotencyKeySchema });

export const CreateNotificationRuleSchema = z
  .object({
    event: z.literal('lead.created').describe('What to notify about'),
    channel: ChannelSchema.exclude(['whatsapp']).describe('sms or email'),
    recipient: z.string().trim().min(3).max(320).describe('Who to tell: a phone number (sms) or an email address'),
  })
  .strict()
  .transform((v, ctx) => {
    if (v.channel === 'email') {
      if (!z.email().safeParse(v.recipient).success) ctx.addIssue({ code: 'custom', path: ['recipient'], message: 'recipient must be an email address' });
      return { ...v, recipient: v.recipient.toLowerCase() };
    }
    const normalized = normalizePhone(v.recipient);
    if (!normalized || !isE164(normalized)) ctx.addIssue({ code: 'custom', path: ['recipient'], message: 'recipient must be a phone number' });
    return { ...v, recipient: normalized ?? v.recipient };
  })
  .describe('Tell an owner by SMS or email when a lead comes in');
export type CreateNotificationRule = z.infer<typeof CreateNotificationRuleSchema>;

export const CreateIngestTokenSchema = z
  .object({ name: z.string().trim().min(1).max(100).describe('What uses it, e.g. "website form"') })
  .strict()
  .describe('A new ingest token');

export function leadSummary(lead: { firstName?: string | null; lastName?: string | null; phone?: string | null; email?: string | null }, source: string | null): string {
  const name = [lead.firstName, lead.lastName].filter(Boolean).join(' ') || 'Someone';
  const reach = [lead.phone, lead.email].filter(Boolean).join(', ');
  return `New lead: ${name}${reach ? ` (${reach})` : ''}${source ? ` via ${source}` : ''}.`;
}

export const IngestTokenViewSchema = z
  .object({
    id: z.string().describe('Ingest token id (ing_…)'),
    name: z.string().describe('What uses it'),
    prefix: z.string().describe('Its first characters, to recognise it'),
    createdAt: z.string().describe('When it was created'),
    lastUsedAt: z.string().nullable().describe('When it was last used'),
    revokedAt: z.string().nullable().describe('When it was revoked'),
  })
  .describe('An ingest token (the token itself is shown only once)');

export const CreatedIngestTokenViewSchema = z
  .object({
    id: z.string().describe('Ingest token id (ing_…)'),
    name: z.string().describe('What uses it'),
    prefix: z.string().describe('Its first characters'),
    createdAt: z.string().describe('When it was created'),
    token: z.string().describe('The token (it_…): shown only now'),
  })
  .describe('A new ingest token');

export const NotificationRuleViewSchema = z
  .object({
    id: z.string().describe('Rule id (nru_…)'),
    tenantId: z.string().describe('The tenant'),
    event: z.literal('lead.created').describe('What it notifies about'),
    channel: ChannelSchema,
    recipient: z.string().describe('Who is told'),
    enabled: z.boolean().describe('Whether it is on'),
    createdAt: z.string().describe('When it was created'),
  })
  .describe('A notification rule');

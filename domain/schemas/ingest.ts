import { z } from 'zod';
import { ChannelSchema } from '../channels';
import { isE164, normalizePhone } from '../phone';
import { TimeZoneSchema } from './time-zone';

const phone = z
  .string()
  .max(40)
  .transform((value, ctx) => normalizePhone(value) ?? (ctx.addIssue({ code: 'custom', message: `"${value}" is not an international phone number (e.g. +14155550100)` }), z.NEVER));

/** A lead as a website form or another tool sends it. Unknown fields are refused; extras go in `properties`. */
export const IngestLeadSchema = z
  .object({
    firstName: z.string().trim().min(1).max(200).optional(),
    lastName: z.string().trim().min(1).max(200).optional(),
    phone: phone.optional(),
    email: z.email().max(320).transform((v) => v.toLowerCase()).optional(),
    timeZone: TimeZoneSchema.optional(),
    source: z.string().trim().min(1).max(200).optional().describe('Where the lead came from, e.g. "website-contact-form"'),
    properties: z.record(z.string().max(100), z.unknown()).optional().describe('Custom properties, kept as JSON'),
  })
  .strict()
  .refine((v) => v.phone !== undefined || v.email !== undefined, { message: 'a lead needs a phone number or an email' });
export type IngestLead = z.infer<typeof IngestLeadSchema>;

export const IngestQuoteSchema = z
  .object({
    contact: IngestLeadSchema,
    externalId: z.string().trim().min(1).max(200).optional().describe('Your id for the quote'),
    title: z.string().trim().min(1).max(300).optional(),
    total: z.number().nonnegative().max(1e12).multipleOf(0.01, 'total has at most 2 decimals'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'currency is an ISO 4217 code such as USD').default('USD'),
    expiresAt: z.iso.datetime({ offset: true }).optional(),
    data: z.record(z.string().max(100), z.unknown()).optional(),
  })
  .strict();
export type IngestQuote = z.infer<typeof IngestQuoteSchema>;

export const IdempotencyKeySchema = z
  .string({ error: 'an Idempotency-Key header is required, so that a retried call never creates a second record' })
  .min(1)
  .max(200);

export const CreateNotificationRuleSchema = z
  .object({
    event: z.literal('lead.created'),
    channel: ChannelSchema.exclude(['whatsapp']),
    recipient: z.string().trim().min(3).max(320),
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
  });
export type CreateNotificationRule = z.infer<typeof CreateNotificationRuleSchema>;

export function leadSummary(lead: { firstName?: string | null; lastName?: string | null; phone?: string | null; email?: string | null }, source: string | null): string {
  const name = [lead.firstName, lead.lastName].filter(Boolean).join(' ') || 'Someone';
  const reach = [lead.phone, lead.email].filter(Boolean).join(', ');
  return `New lead: ${name}${reach ? ` (${reach})` : ''}${source ? ` via ${source}` : ''}.`;
}

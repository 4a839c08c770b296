import { z } from 'zod';
import { ChannelSchema } from '../channels';
import { isSmsShortCode, normalizePhone } from '../phone';
import { isMessagingServiceSid } from '../senders';

/** A line of the From header: no line breaks or other control characters, no quotes, backslashes or angle brackets. */
const DisplayNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((v) => !/[\u0000-\u001f\u007f<>"\\]/.test(v), 'displayName may not contain line breaks, control characters, quotes, backslashes or < >')
  .describe('Email only: the name shown with the from-address, e.g. Acme Plumbing');

/**
 * A tenant's own sender. SMS: an E.164 number, a 5–6 digit short code or a Twilio Messaging Service SID (MG…);
 * WhatsApp: a WhatsApp-enabled E.164 number; email: a bare from-address, with its display name apart.
 * A sender belongs to one tenant: inbound messages find their tenant by the address they were sent to.
 */
export const CreateSenderAddressSchema = z
  .object({
    channel: ChannelSchema,
    address: z
      .string()
      .trim()
      .min(3)
      .max(320)
      .describe('sms: an E.164 number (+14155550100), a 5–6 digit short code or a Messaging Service SID (MG…); whatsapp: an E.164 number; email: an address'),
    displayName: DisplayNameSchema.optional(),
    isDefault: z.boolean().default(false).describe('Make it the default sender of its channel (sends use it)'),
  })
  .strict()
  .transform((v, ctx) => {
    const out = { channel: v.channel, displayName: v.displayName ?? null, isDefault: v.isDefault };
    const issue = (message: string, path = 'address') => {
      ctx.addIssue({ code: 'custom', path: [path], message });
      return z.NEVER;
    };
    if (v.channel === 'email') {
      if (/[<>]/.test(v.address)) return issue('address must be the bare address (hello@acme.com); put the name in displayName');
      if (!z.email().safeParse(v.address).success) return issue('address must be an email');
      return { ...out, address: v.address.toLowerCase() };
    }
    if (v.displayName !== undefined) return issue('displayName is for email senders only', 'displayName');
    const raw = v.address.replace(/^whatsapp:/, '');
    if (isMessagingServiceSid(raw)) {
      if (v.channel === 'sms') return { ...out, address: `MG${raw.slice(2).toLowerCase()}` };
      return issue('a WhatsApp sender is a WhatsApp-enabled number in E.164 (e.g. +14155238886), not a Messaging Service');
    }
    const digits = raw.replace(/[\s-]/g, '');
    if (isSmsShortCode(digits)) {
      if (v.channel === 'sms') return { ...out, address: digits };
      return issue('address must be an E.164 phone number: WhatsApp has no short codes');
    }
    const phone = normalizePhone(raw);
    if (!phone) {
      return issue(
        v.channel === 'sms'
          ? 'address must be an E.164 phone number (e.g. +14155550100), a 5–6 digit short code or a Messaging Service SID (MG followed by 32 hex digits)'
          : 'address must be an E.164 phone number (e.g. +14155550100)',
      );
    }
    return { ...out, address: phone };
  })
  .describe('A sender of the tenant');
export type CreateSenderAddress = z.infer<typeof CreateSenderAddressSchema>;

export const SenderAddressViewSchema = z
  .object({
    id: z.string().describe('Sender address id (snd_…)'),
    tenantId: z.string().describe('The tenant’s id'),
    channel: ChannelSchema,
    address: z.string().describe('E.164 number, short code, Messaging Service SID or email address'),
    kind: z.enum(['phone_number', 'short_code', 'messaging_service', 'email']).describe('What the address is'),
    displayName: z.string().nullable().describe('Email only: the name shown with the address'),
    isDefault: z.boolean().describe('Sends on this channel use it'),
    createdAt: z.string().describe('When it was added'),
  })
  .describe('A sender number or address');
export type SenderAddressView = z.infer<typeof SenderAddressViewSchema>;

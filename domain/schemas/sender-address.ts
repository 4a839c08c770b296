import { z } from 'zod';
import { ChannelSchema } from '../channels';
import { isSmsShortCode, normalizePhone } from '../phone';

/** A tenant's own number or address: inbound webhooks find their tenant by the address a message was sent to. */
export const CreateSenderAddressSchema = z
  .object({
    channel: ChannelSchema,
    address: z
      .string()
      .trim()
      .min(3)
      .max(320)
      .describe('sms: an E.164 number (+14155550100) or a 5–6 digit short code; whatsapp: an E.164 number; email: an address'),
  })
  .strict()
  .transform((v, ctx) => {
    if (v.channel === 'email') {
      if (!z.email().safeParse(v.address).success) ctx.addIssue({ code: 'custom', path: ['address'], message: 'address must be an email' });
      return { ...v, address: v.address.toLowerCase() };
    }
    const raw = v.address.replace(/^whatsapp:/, '');
    const digits = raw.replace(/[\s-]/g, '');
    if (isSmsShortCode(digits)) {
      if (v.channel === 'sms') return { ...v, address: digits };
      ctx.addIssue({ code: 'custom', path: ['address'], message: 'address must be an E.164 phone number: WhatsApp has no short codes' });
      return z.NEVER;
    }
    const phone = normalizePhone(raw);
    if (!phone) {
      ctx.addIssue({
        code: 'custom',
        path: ['address'],
        message: v.channel === 'sms' ? 'address must be an E.164 phone number (e.g. +14155550100) or a 5–6 digit short code' : 'address must be an E.164 phone number (e.g. +14155550100)',
      });
      return z.NEVER;
    }
    return { ...v, address: phone };
  })
  .describe('A sender number or address of the tenant');
export type CreateSenderAddress = z.infer<typeof CreateSenderAddressSchema>;

export const SenderAddressViewSchema = z
  .object({
    id: z.string().describe('Sender address id (snd_…)'),
    tenantId: z.string().describe('The tenant’s id'),
    channel: ChannelSchema,
    address: z.string().describe('E.164 number, short code or email address'),
    createdAt: z.string().describe('When it was added'),
  })
  .describe('A sender number or address');

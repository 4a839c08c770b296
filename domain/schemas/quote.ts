import { z } from 'zod';
import { MAX_BODY_LENGTH } from '../channels';

export const CreateQuoteSchema = z
  .object({
    contactId: z.string().min(1).max(64),
    externalId: z.string().trim().min(1).max(200).optional().describe('Your id for the quote (unique per tenant)'),
    title: z.string().trim().min(1).max(300).optional(),
    total: z.number().nonnegative().max(1e12).multipleOf(0.01, 'total has at most 2 decimals'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'currency is an ISO 4217 code such as USD').default('USD'),
    expiresAt: z.iso.datetime({ offset: true }).optional().describe('After this the quote expires and can no longer be accepted'),
    data: z.record(z.string().max(100), z.unknown()).optional().describe('Anything the templates may use as {{quote.<field>}}'),
  })
  .strict();
export type CreateQuote = z.infer<typeof CreateQuoteSchema>;

export const ListQuotesQuerySchema = z
  .object({
    status: z.enum(['draft', 'open', 'sent', 'accepted', 'rejected', 'expired']).optional(),
    contactId: z.string().min(1).max(64).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().min(1).max(64).optional(),
  })
  .strict();

export const QuoteSettingsSchema = z
  .object({
    messageTemplate: z.string().trim().min(1).max(MAX_BODY_LENGTH.sms).optional().describe('The SMS that sends a new quote'),
    followUpTemplate: z.string().trim().min(1).max(MAX_BODY_LENGTH.sms).optional().describe('The SMS sent when a quote is still open'),
    followUpDays: z.number().int().min(0).max(90).optional().describe('Days after sending before the follow-up; 0: no follow-up'),
  })
  .strict();
export type QuoteSettings = z.infer<typeof QuoteSettingsSchema>;

import { z } from 'zod';
import { MAX_BODY_LENGTH } from '../channels';
import { BoundedJsonObjectSchema, CurrencySchema, IsoInstantSchema, MoneyAmountSchema } from './common';
import { ContentSidSchema } from './template';

export const QUOTE_STATUSES = ['draft', 'open', 'sent', 'accepted', 'rejected', 'expired'] as const;
export const QuoteStatusSchema = z.enum(QUOTE_STATUSES).describe('Quote status: open → sent → accepted, rejected or expired');

export const QuoteChannelSchema = z
  .enum(['sms', 'whatsapp'])
  .describe('How the quote is sent: sms (default) or whatsapp (outside the 24-hour window only as the approved quote text, see quote settings)');

export const QuoteLineItemSchema = z
  .object({
    description: z.string().trim().min(1).max(300).describe('What the line is for, as the lead reads it'),
    quantity: z.number().positive().max(1_000_000).multipleOf(0.01, 'at most 2 decimals').describe('How many (2 decimals at most: 2.5 hours)'),
    unitPrice: MoneyAmountSchema.describe('The price of one, at most 2 decimals'),
  })
  .strict()
  .describe('A line of the quote');

/** The fields of a quote itself, shared by the API and the ingest endpoint. */
export const QuoteFieldsSchema = z.object({
  externalId: z.string().trim().min(1).max(200).optional().describe('Your id for the quote (unique per tenant)'),
  title: z.string().trim().min(1).max(300).optional().describe('What the quote is for, shown on the quote page'),
  total: MoneyAmountSchema.describe('The total, at most 2 decimals, up to 999,999,999,999.99'),
  currency: CurrencySchema.default('USD').describe('ISO 4217 currency code; default USD'),
  expiresAt: IsoInstantSchema.optional().describe('After this the quote expires and can no longer be accepted'),
  data: BoundedJsonObjectSchema.optional().describe('Anything the templates may use as {{quote.<field>}} (nested at most 5 levels)'),
  channel: QuoteChannelSchema.default('sms'),
  lineItems: z
    .array(QuoteLineItemSchema)
    .max(100)
    .optional()
    .describe('The lines the lead reads on the quote page, at most 100; they must add up to total exactly (else a 400 naming both sums)'),
});

export const CreateQuoteSchema = QuoteFieldsSchema.extend({
  contactId: z.string().min(1).max(64).describe('The contact the quote is for (ctc_…)'),
})
  .strict()
  .describe('A quote to text to a contact');
export type CreateQuote = z.infer<typeof CreateQuoteSchema>;

export const ListQuotesQuerySchema = z
  .object({
    status: QuoteStatusSchema.optional().describe('Only quotes in this status'),
    contactId: z.string().min(1).max(64).optional().describe('Only this contact’s quotes'),
    limit: z.coerce.number().int().min(1).max(200).default(50).describe('Page size, 1–200'),
    cursor: z.string().min(1).max(64).optional().describe('Id of the last quote of the previous page'),
  })
  .strict();

export const QuoteSettingsSchema = z
  .object({
    messageTemplate: z.string().trim().min(1).max(MAX_BODY_LENGTH.sms).optional().describe('The SMS that sends a new quote'),
    followUpTemplate: z.string().trim().min(1).max(MAX_BODY_LENGTH.sms).optional().describe('The SMS sent when a quote is still open'),
    followUpDays: z.number().int().min(0).max(90).optional().describe('Days after sending before the follow-up; 0: no follow-up'),
    whatsappContentSid: ContentSidSchema.nullable()
      .optional()
      .describe('The Content SID of the quote text as WhatsApp approved it (its named variables are {{1}}…{{n}} in order); null: none'),
    whatsappFollowUpContentSid: ContentSidSchema.nullable().optional().describe('The same for the follow-up text; null: none'),
  })
  .strict()
  .describe('Quote texts and follow-up; omitted fields stay as they are');
export type QuoteSettings = z.infer<typeof QuoteSettingsSchema>;

export const QuoteSettingsViewSchema = z
  .object({
    messageTemplate: z.string().describe('The SMS that sends a new quote'),
    followUpTemplate: z.string().describe('The SMS sent when a quote is still open'),
    followUpDays: z.number().int().describe('Days after sending before the follow-up; 0: no follow-up'),
    whatsappContentSid: z.string().nullable().describe('The Content SID of the approved quote text, sent on WhatsApp outside the 24-hour window'),
    whatsappFollowUpContentSid: z.string().nullable().describe('The Content SID of the approved follow-up text'),
  })
  .describe('The tenant’s quote settings');

export const QuoteViewSchema = z
  .object({
    id: z.string().describe('Quote id (quo_…)'),
    contactId: z.string().describe('The contact’s id'),
    externalId: z.string().nullable().describe('Your id for the quote'),
    title: z.string().nullable().describe('What the quote is for'),
    total: z.string().describe('The total with 2 decimals, e.g. "1250.00"'),
    currency: z.string().describe('ISO 4217 currency code'),
    totalFormatted: z.string().describe('The total for people, e.g. "$1,250.00"'),
    status: QuoteStatusSchema,
    channel: QuoteChannelSchema,
    lineItems: z
      .array(
        z
          .object({
            description: z.string().describe('What the line is for'),
            quantity: z.number().describe('How many'),
            unitPrice: z.string().describe('The price of one, 2 decimals'),
            amount: z.string().describe('quantity × unitPrice, to the cent'),
          })
          .describe('A line'),
      )
      .describe('The quote’s lines, in order (none when it has only a total)'),
    data: z.unknown().describe('The quote’s data'),
    shortUrl: z.string().describe('The lead’s page for the quote'),
    expiresAt: z.string().nullable().describe('When it expires'),
    sentAt: z.string().nullable().describe('When it was texted'),
    respondedAt: z.string().nullable().describe('When the lead answered'),
    followedUpAt: z.string().nullable().describe('When the follow-up went out'),
    viewedAt: z.string().nullable().describe('When the lead first opened the quote page'),
    createdAt: z.string().describe('When it was created'),
    workflowId: z.string().nullable().describe('Temporal workflow id of the quote automation'),
    temporalUrl: z.string().nullable().describe('Temporal Web link to its run'),
  })
  .describe('A quote');
export type QuoteView = z.infer<typeof QuoteViewSchema>;

export const QuoteAnswerSchema = z.object({
  quote: QuoteViewSchema,
  warning: z.string().optional().describe('Saved, but something needs your attention (e.g. the quote cannot be sent to this contact)'),
});
export const QuoteListAnswerSchema = z.object({
  quotes: z.array(QuoteViewSchema).describe('The page'),
  nextCursor: z.string().nullable().describe('Pass as cursor for the next page; null on the last page'),
});

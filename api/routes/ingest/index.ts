import { z } from 'zod';
import { ContactViewSchema } from '../../../domain/schemas/contact';
import { IngestHeadersSchema, IngestLeadSchema, IngestQuoteSchema } from '../../../domain/schemas/ingest';
import type { OperationGroup } from '../../openapi/operation';
import { ingestLead } from './ingest-lead';
import { ingestQuote } from './ingest-quote';

const json = (schema: z.ZodType) => ({ kind: 'json' as const, schema, limit: '256kb', required: true });

const LeadResultSchema = z.object({
  contact: ContactViewSchema,
  created: z.boolean().describe('False when the lead matched a contact, which was updated'),
});

const QuoteResultSchema = z.object({
  quote: z
    .object({
      id: z.string().describe('Quote id (quo_…)'),
      externalId: z.string().nullable().describe('Your id for the quote'),
      title: z.string().nullable().describe('What the quote is for'),
      total: z.string().describe('The total with 2 decimals'),
      currency: z.string().describe('ISO 4217 currency code'),
      status: z.string().describe('Quote status'),
      expiresAt: z.string().nullable().describe('When it expires'),
      contactId: z.string().describe('The contact it is for'),
    })
    .describe('The quote'),
  contact: ContactViewSchema,
});

/** For websites and tools the tenant controls: per-tenant ingest tokens, idempotent on Idempotency-Key. */
export const ingestGroup: OperationGroup = {
  prefix: '/ingest',
  operations: [
    {
      method: 'post', path: '/leads', operationId: 'ingestLead', tag: 'ingest', security: 'ingestToken',
      summary: 'Add a lead from a website or tool', description: 'Idempotent on the Idempotency-Key header: a retry gets the first answer (200) and creates nothing.',
      headers: IngestHeadersSchema, body: json(IngestLeadSchema),
      responses: { 200: { description: 'A retry: the first call’s answer', schema: LeadResultSchema }, 201: { description: 'Added or updated', schema: LeadResultSchema } },
      errors: ['CONFLICT'],
      handler: ingestLead,
    },
    {
      method: 'post', path: '/quotes', operationId: 'ingestQuote', tag: 'ingest', security: 'ingestToken',
      summary: 'Add a quote (and its lead) from a website or tool; the quote automation texts it',
      description: 'Idempotent on the Idempotency-Key header: a retry gets the first answer (200) and creates nothing.',
      headers: IngestHeadersSchema, body: json(IngestQuoteSchema),
      responses: { 200: { description: 'A retry: the first call’s answer', schema: QuoteResultSchema }, 201: { description: 'Added', schema: QuoteResultSchema } },
      errors: ['CONFLICT'],
      handler: ingestQuote,
    },
  ],
};

import { z } from 'zod';
import { ContactViewSchema } from '../../../domain/schemas/contact';
import { IngestHeadersSchema, IngestLeadSchema, IngestQuoteSchema } from '../../../domain/schemas/ingest';
import { LeadFormParamsSchema, LeadFormReceivedSchema, LeadFormSubmissionSchema, LeadFormSubmitHeadersSchema, PublicLeadFormViewSchema } from '../../../domain/schemas/lead-form';
import type { OperationGroup } from '../../openapi/operation';
import { ingestLead } from './ingest-lead';
import { answerLeadFormPreflight, getPublicLeadForm, submitLeadForm } from './lead-form';
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

/**
 * For websites and tools the tenant controls: per-tenant ingest tokens, idempotent on Idempotency-Key. And for
 * web pages anyone can read: the embeddable lead form, named by its public id, never carrying a token.
 */
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
    {
      method: 'get', path: '/forms/:formId', operationId: 'getPublicLeadForm', tag: 'lead forms', security: 'leadForm',
      summary: 'What the embed script needs to draw a lead form (its consent wording and thank-you message)',
      description: 'Called by pages on other sites: CORS grants the page’s own origin when the form allows it (403 and no grant otherwise); a disabled form is a 403 the page can read.',
      params: LeadFormParamsSchema,
      responses: { 200: { description: 'The form', schema: PublicLeadFormViewSchema } },
      handler: getPublicLeadForm,
    },
    {
      method: 'options', path: '/forms/:formId/leads', operationId: 'preflightLeadFormSubmission', tag: 'lead forms', security: 'leadForm',
      summary: 'CORS preflight of a submission: grants an allowed page’s origin, POST, Content-Type and Idempotency-Key, never credentials',
      params: LeadFormParamsSchema,
      responses: { 204: { description: 'The grant is in the Access-Control-Allow-* headers' } },
      handler: answerLeadFormPreflight,
    },
    {
      method: 'post', path: '/forms/:formId/leads', operationId: 'submitLeadForm', tag: 'lead forms', security: 'leadForm',
      summary: 'A lead from the embeddable form on a web page (JSON from the script, or a plain HTML form)',
      description:
        'Public: the form id is no secret, and the form takes lead fields only. Spam guards: a filled honeypot (`website`) is answered 201 and dropped; a submission sent less than 2 s after the form was drawn is a 422 SUBMITTED_TOO_FAST; each client address (10 per 10 minutes) and each form (its tenant’s ingest rate) are limited (429 with Retry-After). Idempotent on the script’s submission id (Idempotency-Key): a double click makes one lead (200 for the twin). The answer never says whether the person was known.',
      params: LeadFormParamsSchema, headers: LeadFormSubmitHeadersSchema,
      body: { kind: 'jsonOrForm', schema: LeadFormSubmissionSchema, limit: '64kb', required: true },
      responses: { 200: { description: 'A retry of a submission taken before', schema: LeadFormReceivedSchema }, 201: { description: 'Taken', schema: LeadFormReceivedSchema } },
      errors: ['CONFLICT', 'SUBMITTED_TOO_FAST'],
      handler: submitLeadForm,
    },
  ],
};

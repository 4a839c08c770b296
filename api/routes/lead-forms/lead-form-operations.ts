import { z } from 'zod';
import { IdParamsSchema } from '../../../domain/schemas/common';
import { CreateLeadFormSchema, LeadFormLeadsViewSchema, LeadFormViewSchema, ListLeadFormLeadsQuerySchema, UpdateLeadFormSchema } from '../../../domain/schemas/lead-form';
import type { Operation } from '../../openapi/operation';
import { createLeadFormRoute, getLeadFormRoute, listLeadFormLeadsRoute, listLeadFormsRoute, updateLeadFormRoute } from './lead-form-routes';

const json = (schema: z.ZodType) => ({ kind: 'json' as const, schema, limit: '64kb', required: true });
const LeadFormAnswerSchema = z.object({ leadForm: LeadFormViewSchema });

/** The settings page's routes for embeddable lead forms: one per ingest token; the snippet; the leads each brought in. */
export const leadFormOperations: Operation[] = [
  {
    method: 'get', path: '/lead-forms', operationId: 'listLeadForms', tag: 'lead forms', security: 'apiKey',
    summary: 'The tenant’s embeddable lead forms, each with the snippet to paste',
    responses: { 200: { description: 'The forms, newest first', schema: z.object({ leadForms: z.array(LeadFormViewSchema).describe('Newest first') }) } },
    handler: listLeadFormsRoute,
  },
  {
    method: 'post', path: '/lead-forms', operationId: 'createLeadForm', tag: 'lead forms', security: 'apiKey', role: 'admin',
    summary: 'Make the embeddable lead form of an ingest token',
    description: 'One form per ingest token (409 for a second); the token must exist and not be revoked (404). The form has a public id of its own: the token’s secret never appears in a page.',
    body: json(CreateLeadFormSchema),
    responses: { 201: { description: 'Made', schema: LeadFormAnswerSchema } },
    errors: ['NOT_FOUND', 'CONFLICT'],
    handler: createLeadFormRoute,
  },
  {
    method: 'get', path: '/lead-forms/:id', operationId: 'getLeadForm', tag: 'lead forms', security: 'apiKey',
    summary: 'One lead form, with the snippet to paste', params: IdParamsSchema,
    responses: { 200: { description: 'The form', schema: LeadFormAnswerSchema } },
    errors: ['NOT_FOUND'],
    handler: getLeadFormRoute,
  },
  {
    method: 'patch', path: '/lead-forms/:id', operationId: 'updateLeadForm', tag: 'lead forms', security: 'apiKey', role: 'admin',
    summary: 'Turn a lead form on or off, or change which pages may use it, its wording or its default country code',
    params: IdParamsSchema, body: json(UpdateLeadFormSchema),
    responses: { 200: { description: 'Changed', schema: LeadFormAnswerSchema } },
    errors: ['NOT_FOUND'],
    handler: updateLeadFormRoute,
  },
  {
    method: 'get', path: '/lead-forms/:id/leads', operationId: 'listLeadFormLeads', tag: 'lead forms', security: 'apiKey',
    summary: 'The leads a form brought in: each submission with its contact, page, referrer, UTM parameters and consent; totals per source and campaign',
    description: 'Newest first, keyset-paged (pass nextCursor as cursor). utmSource and utmCampaign filter the page and the totals alike.',
    params: IdParamsSchema, query: ListLeadFormLeadsQuerySchema,
    responses: { 200: { description: 'A page of leads and the totals', schema: LeadFormLeadsViewSchema } },
    errors: ['NOT_FOUND'],
    handler: listLeadFormLeadsRoute,
  },
];

import type { Request, RequestHandler } from 'express';
import { leadFormScriptUrl, leadFormSnippet, leadFormSubmitUrl } from '../../../domain/lead-form';
import { CreateLeadFormSchema, ListLeadFormLeadsQuerySchema, UpdateLeadFormSchema, type LeadFormView } from '../../../domain/schemas/lead-form';
import { IdParamsSchema } from '../../../domain/schemas/common';
import { createLeadForm, getLeadFormOrThrow, listLeadForms, updateLeadForm, type LeadFormRow } from '../../../prisma/queries/lead-forms/lead-forms';
import { countLeadFormSubmissions, listLeadFormSubmissions } from '../../../prisma/queries/lead-forms/list-lead-form-submissions';
import { actorOf } from '../../http/actor';
import type { ApiDeps } from '../../deps';
import { tenantOf } from '../../http/authenticate';
import { publicBaseUrl } from '../../http/public-url';

/** The API as web pages reach it: HERALD_PUBLIC_URL (as quote links and webhook URLs), else this request's origin. */
const apiBase = (deps: ApiDeps, req: Request) => publicBaseUrl(req, deps.publicUrl ?? deps.webhooks?.publicUrl);

function toLeadFormView(row: LeadFormRow, base: string): LeadFormView {
  return {
    id: row.id,
    ingestTokenId: row.ingestTokenId,
    ingestTokenName: row.ingestToken.name,
    ingestTokenRevoked: row.ingestToken.revokedAt !== null,
    name: row.name,
    enabled: row.enabled,
    allowedOrigins: row.allowedOrigins,
    consentText: row.consentText,
    successMessage: row.successMessage,
    defaultCountryCode: row.defaultCountryCode,
    snippet: leadFormSnippet(base, row.id),
    scriptUrl: leadFormScriptUrl(base),
    submitUrl: leadFormSubmitUrl(base, row.id),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function listLeadFormsRoute(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const rows = await listLeadForms(tenantOf(res).db);
    res.json({ leadForms: rows.map((row) => toLeadFormView(row, apiBase(deps, req))) });
  };
}

export function createLeadFormRoute(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const row = await createLeadForm(tenantOf(res).db, CreateLeadFormSchema.parse(req.body), actorOf(res));
    res.status(201).json({ leadForm: toLeadFormView(row, apiBase(deps, req)) });
  };
}

export function getLeadFormRoute(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const { id } = IdParamsSchema.parse(req.params);
    res.json({ leadForm: toLeadFormView(await getLeadFormOrThrow(tenantOf(res).db, id), apiBase(deps, req)) });
  };
}

export function updateLeadFormRoute(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const { id } = IdParamsSchema.parse(req.params);
    const row = await updateLeadForm(tenantOf(res).db, id, UpdateLeadFormSchema.parse(req.body), actorOf(res));
    res.json({ leadForm: toLeadFormView(row, apiBase(deps, req)) });
  };
}

/** The leads a form brought in, newest first, with totals per UTM source and campaign over every page. */
export function listLeadFormLeadsRoute(): RequestHandler {
  return async (req, res) => {
    const { id } = IdParamsSchema.parse(req.params);
    const query = ListLeadFormLeadsQuerySchema.parse(req.query);
    const { db } = tenantOf(res);
    await getLeadFormOrThrow(db, id);
    const filter = { formId: id, utmSource: query.utmSource, utmCampaign: query.utmCampaign };
    const rows = await listLeadFormSubmissions(db, filter, { limit: query.limit + 1, cursor: query.cursor });
    const page = rows.slice(0, query.limit);
    res.json({
      leads: page.map((row) => ({
        id: row.id,
        contact: row.contact,
        newContact: row.newContact,
        message: row.message,
        pageUrl: row.pageUrl,
        referrer: row.referrer,
        utm: { source: row.utmSource, medium: row.utmMedium, campaign: row.utmCampaign, term: row.utmTerm, content: row.utmContent },
        consent: { given: row.consentGiven, text: row.consentText, channels: row.consentChannels },
        createdAt: row.createdAt.toISOString(),
      })),
      nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
      counts: await countLeadFormSubmissions(db, filter),
    });
  };
}

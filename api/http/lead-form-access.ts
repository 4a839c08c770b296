import cors from 'cors';
import type { RequestHandler, Response } from 'express';
import { AppError, ErrorCodes } from '../../domain/errors';
import { isOriginAllowed, LEAD_FORM_ADDRESS_LIMIT } from '../../domain/lead-form';
import { LeadFormParamsSchema } from '../../domain/schemas/lead-form';
import { findPublicLeadForm, type PublicLeadForm } from '../../prisma/queries/lead-forms/find-public-lead-form';
import { forTenant, type TenantDb } from '../../prisma/tenant-scope';
import type { ApiDeps } from '../deps';
import { publicRateLimit } from './public-rate-limit';

/**
 * The grant a page on an allowed origin gets: its own origin reflected (never `*`), no credentials (the form
 * needs no cookies, and a page must not be able to act with a visitor's session here), the two request headers
 * the script sends, and Retry-After readable so the script can say when to try again.
 */
const grant = cors({
  origin: true,
  credentials: false,
  methods: ['GET', 'POST'],
  allowedHeaders: ['Content-Type', 'Idempotency-Key'],
  exposedHeaders: ['Retry-After'],
  maxAge: 600,
  // The preflight is an operation of its own (documented, answered by its handler).
  preflightContinue: true,
});

/**
 * The steps before a lead form's route, in order: the form by its public id (404 when there is none or its token
 * was revoked); the page's origin, which must be one the form allows (403 and no CORS grant otherwise); the
 * grant, so the page can read every answer from here on, errors included; a disabled form (403); and, for
 * submissions, the limit per client address (every form; the per-form bucket follows in the chain).
 */
export function leadFormAccess(deps: ApiDeps): RequestHandler[] {
  const perAddress = publicRateLimit(deps.systemPrisma, 'lead-form', deps.leadForms?.addressLimit ?? LEAD_FORM_ADDRESS_LIMIT);
  const find: RequestHandler = async (req, res, next) => {
    // Answers differ by the page's origin: caches must keep them apart.
    res.vary('Origin');
    const { formId } = LeadFormParamsSchema.parse(req.params);
    // Cross-tenant by design: a web page names a form, not a tenant (like an ingest token).
    const form = await findPublicLeadForm(deps.systemPrisma, formId);
    if (!form) throw new AppError(ErrorCodes.NOT_FOUND, `Lead form ${formId} does not exist or no longer takes submissions.`, { userMessage: 'This form does not exist.' });
    const origin = req.header('origin');
    if (!isOriginAllowed(form.allowedOrigins, origin)) {
      throw new AppError(ErrorCodes.FORBIDDEN, `Pages on ${origin ?? 'no origin (not a browser page)'} are not allowed to use this form.`, {
        details: { origin: origin ?? null },
      });
    }
    const locals: LeadFormLocals & { tenantId: string; db: TenantDb } = { tenantId: form.tenantId, db: forTenant(deps.prisma, form.tenantId), leadForm: form };
    Object.assign(res.locals, locals);
    grant(req, res, next);
  };
  const open: RequestHandler = (req, res, next) => {
    if (req.method !== 'OPTIONS' && !leadFormOf(res).enabled) {
      throw new AppError(ErrorCodes.FORBIDDEN, 'This form is not taking submissions right now.');
    }
    next();
  };
  const limitAddress: RequestHandler = (req, res, next) => (req.method === 'POST' ? perAddress(req, res, next) : next());
  return [find, open, limitAddress];
}

interface LeadFormLocals {
  leadForm: PublicLeadForm;
}

/** The form a lead-form route was called for (its tenant's scope is `tenantScopeOf(res)`). */
export function leadFormOf(res: Response): PublicLeadForm {
  const { leadForm } = res.locals as Partial<LeadFormLocals>;
  if (!leadForm) throw new Error('leadFormOf used on a route without a lead form');
  return leadForm;
}

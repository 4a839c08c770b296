import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { AppError, ErrorCodes } from '../../../domain/errors';
import { isFilledTooFast, leadFormSource, splitName } from '../../../domain/lead-form';
import type { IngestLead } from '../../../domain/schemas/ingest';
import { leadFormSubmissionSchema, LeadFormSubmitHeadersSchema, type LeadFormSubmission } from '../../../domain/schemas/lead-form';
import type { WorkflowOutboxStart } from '../../../domain/workflow-outbox';
import { setConsent } from '../../../prisma/queries/contacts/set-consent';
import { upsertLeadContact } from '../../../prisma/queries/contacts/upsert-lead-contact';
import { recordEvent } from '../../../prisma/queries/event-logs/record-event';
import type { PublicLeadForm } from '../../../prisma/queries/lead-forms/find-public-lead-form';
import { recordLeadFormSubmission } from '../../../prisma/queries/lead-forms/record-lead-form-submission';
import type { TenantTx } from '../../../prisma/tenant-scope';
import type { ApiDeps } from '../../deps';
import { tenantScopeOf } from '../../http/authenticate';
import { leadFormOf } from '../../http/lead-form-access';
import { queueLeadAlerts } from '../../notifications/queue-lead-alerts';
import { onceForKey } from './idempotent';

/** What the script needs to draw the form. */
export function getPublicLeadForm(): RequestHandler {
  return (_req, res) => {
    const form = leadFormOf(res);
    // Settings change (disabled, new wording): a page must not draw yesterday's form from a cache.
    res.setHeader('Cache-Control', 'no-cache');
    res.json({ leadForm: { id: form.id, consentText: form.consentText, successMessage: form.successMessage } });
  };
}

/** The CORS preflight of a submission: the grant (or its absence) is set by the form's access step. */
export function answerLeadFormPreflight(): RequestHandler {
  return (_req, res) => {
    res.setHeader('Content-Length', '0');
    res.status(204).end();
  };
}

/** Bots fill every field they find; people never see this one. Read before anything else, so a bot learns nothing. */
function honeypotFilled(body: unknown): boolean {
  const website = (body as { website?: unknown } | undefined)?.website;
  return typeof website === 'string' ? website.trim() !== '' : website !== undefined && website !== null;
}

/**
 * A lead from the embeddable form. A filled honeypot is answered as if taken and dropped; a submission sent
 * sooner than a person fills the form is refused in words (a person who was that quick sends it again). A
 * taken one runs once per submission id, in one transaction: the contact (matched like an ingest lead), the
 * consent the person ticked, the submission's attribution record, events, and owner alerts for a new contact.
 * The answer says only that it was taken — a page must not learn whether someone was already known.
 */
export function submitLeadForm(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const form = leadFormOf(res);
    const { tenantId, db } = tenantScopeOf(res);
    const received = { received: true as const, message: form.successMessage };
    if (honeypotFilled(req.body)) {
      // Ids only: a bot's text is nobody's business, and may be a real person's details it harvested.
      deps.logger.info({ tenantId, formId: form.id, reason: 'honeypot' }, 'lead form submission dropped');
      res.status(201).json(received);
      return;
    }
    const submission = leadFormSubmissionSchema(form.defaultCountryCode).parse(req.body ?? {});
    if (isFilledTooFast(submission.renderedAt, submission.submittedAt)) {
      deps.logger.info({ tenantId, formId: form.id, reason: 'too-fast', fillMs: submission.submittedAt - submission.renderedAt }, 'lead form submission refused');
      throw new AppError(ErrorCodes.SUBMITTED_TOO_FAST, 'That was quick! Please check your details, then send the form again.', {
        details: { minimumSeconds: 2 },
      });
    }
    if (submission.consent && submission.consentText !== form.consentText) {
      throw new AppError(ErrorCodes.CONFLICT, 'This form’s consent wording has changed since the page was loaded: please reload the page and send the form again.');
    }
    const key = LeadFormSubmitHeadersSchema.parse(req.headers)['idempotency-key'] ?? `unkeyed:${randomUUID()}`;
    const { body, replay } = await onceForKey(deps, key, db, `lead-form:${form.id}`, async (tx, ingestRequestId) => {
      const starts = await takeLead(tx, form, submission, ingestRequestId);
      return { response: received, starts };
    });
    res.status(replay ? 200 : 201).json(body);
  };
}

async function takeLead(tx: TenantTx, form: PublicLeadForm, submission: LeadFormSubmission, ingestRequestId: string): Promise<WorkflowOutboxStart[]> {
  const { firstName, lastName } = splitName(submission.name);
  const lead: IngestLead = {
    firstName,
    ...(lastName ? { lastName } : {}),
    ...(submission.phone ? { phone: submission.phone } : {}),
    ...(submission.email ? { email: submission.email } : {}),
  };
  const source = leadFormSource(form.id);
  const { contact, created } = await upsertLeadContact(tx, lead, source);

  // Consent for the addresses the person gave that are the contact's (a lead matched by email keeps the
  // contact's own phone), recorded as a keyword records it — status, time, event — with the wording agreed to.
  // Nobody proved they own the address, so an opt-out stands: only START undoes a STOP.
  const consentChannels: Array<'sms' | 'email'> = [];
  if (submission.consent) {
    const at = new Date();
    for (const [channel, given, kept] of [['sms', submission.phone, contact.phone], ['email', submission.email, contact.email]] as const) {
      if (given && given === kept && (await setConsent(tx, contact.id, channel, 'granted', at, { unlessRevoked: true }))) consentChannels.push(channel);
    }
  }
  const record = await recordLeadFormSubmission(tx, {
    formId: form.id,
    contactId: contact.id,
    newContact: created,
    message: submission.message ?? null,
    pageUrl: submission.pageUrl,
    referrer: submission.referrer ?? null,
    utm: {
      source: submission.utm_source ?? null,
      medium: submission.utm_medium ?? null,
      campaign: submission.utm_campaign ?? null,
      term: submission.utm_term ?? null,
      content: submission.utm_content ?? null,
    },
    consentText: submission.consent ? form.consentText : null,
    consentChannels,
  });
  const ids = { formId: form.id, submissionId: record.id };
  // The lead filled in the form themselves: the entries are theirs, as a STOP or a quote answer is.
  const actor = { kind: 'contact', id: contact.id } as const;
  for (const channel of consentChannels) {
    await recordEvent(tx, { type: 'consent.granted', subjectType: 'contact', subjectId: contact.id, actor, data: { channel, via: 'lead-form', ...ids, wording: form.consentText } });
  }
  await recordEvent(tx, {
    type: 'lead_form.submitted',
    subjectType: 'contact',
    subjectId: contact.id,
    actor,
    data: { ...ids, utmSource: submission.utm_source ?? null, utmCampaign: submission.utm_campaign ?? null },
  });
  if (!created) return [];
  await recordEvent(tx, { type: 'lead.created', subjectType: 'contact', subjectId: contact.id, actor, data: { source, ...ids } });
  return queueLeadAlerts(tx, ingestRequestId, { ...contact, source: `the ${form.name} form` });
}

import type { RequestHandler } from 'express';
import { z } from 'zod';
import { addressFieldFor, deliveryBlocker } from '../../../domain/channels';
import { tenantQuietHours } from '../../../domain/quiet-hours';
import { AppError, ErrorCodes } from '../../../domain/errors';
import { CreateSequenceSchema, resolveSendWindow, SequencePreviewQuerySchema, SequenceSettingsSchema, UpdateSequenceSchema } from '../../../domain/schemas/sequence';
import { scheduleSteps } from '../../../domain/sequence-schedule';
import type { TemporalWebConfig } from '../../../domain/temporal-web-links';
import { renderTemplate } from '../../../domain/templates';
import { findTemplatesByIds } from '../../../prisma/queries/templates/templates';
import { getContactOrThrow } from '../../../prisma/queries/contacts/get-contact-or-throw';
import {
  createSequence,
  draftVersionOf,
  getSequenceOrThrow,
  listSequences,
  publishedVersionOf,
  publishSequence,
  updateSequence,
  type SequenceWithVersions,
} from '../../../prisma/queries/sequences/sequences';
import { sequenceStats } from '../../../prisma/queries/sequences/sequence-stats';
import { getTenantOrThrow } from '../../../prisma/queries/tenants/get-tenant-or-throw';
import type { TenantDb } from '../../../prisma/tenant-scope';
import type { ApiDeps } from '../../deps';
import { actorOf } from '../../http/actor';
import { tenantOf } from '../../http/authenticate';
import { toSequenceView } from '../../sequence-views';

/** One sequence as every route answers it: its versions and its enrollment counts. */
async function sequenceAnswer(db: TenantDb, id: string, web: TemporalWebConfig, row?: SequenceWithVersions) {
  const sequence = row ?? (await getSequenceOrThrow(db, id));
  const stats = await sequenceStats(db, [sequence.id]);
  return { sequence: toSequenceView(sequence, web, stats.get(sequence.id)) };
}

export function createSequenceRoute({ temporalWeb }: ApiDeps): RequestHandler {
  return async (req, res) => {
    const { db } = tenantOf(res);
    const body = z.object({ publish: z.boolean().optional().describe('Publish at once') }).loose().parse(req.body ?? {});
    const { publish, ...rest } = body;
    const input = CreateSequenceSchema.parse(rest);
    const id = await createSequence(db, input, actorOf(res));
    if (publish) await publishSequence(db, id, actorOf(res));
    res.status(201).json(await sequenceAnswer(db, id, temporalWeb));
  };
}

export function listSequencesRoute({ temporalWeb }: ApiDeps): RequestHandler {
  return async (_req, res) => {
    const { db } = tenantOf(res);
    const sequences = await listSequences(db);
    const stats = await sequenceStats(db, sequences.map((s) => s.id));
    res.json({ sequences: sequences.map((s) => toSequenceView(s, temporalWeb, stats.get(s.id))) });
  };
}

export function getSequenceRoute({ temporalWeb }: ApiDeps): RequestHandler {
  return async (req, res) => {
    res.json(await sequenceAnswer(tenantOf(res).db, String(req.params.id), temporalWeb));
  };
}

export function updateSequenceRoute({ temporalWeb }: ApiDeps): RequestHandler {
  return async (req, res) => {
    const input = UpdateSequenceSchema.parse(req.body);
    const { db } = tenantOf(res);
    const id = String(req.params.id);
    await updateSequence(db, id, input, actorOf(res));
    res.json(await sequenceAnswer(db, id, temporalWeb));
  };
}

export function publishSequenceRoute({ temporalWeb }: ApiDeps): RequestHandler {
  return async (req, res) => {
    const { db } = tenantOf(res);
    const id = String(req.params.id);
    await publishSequence(db, id, actorOf(res));
    const sequence = await getSequenceOrThrow(db, id);
    res.json(await sequenceAnswer(db, id, temporalWeb, sequence));
  };
}

/**
 * When each step would fire for this contact, and why it moved (business days, quiet hours) — computed by the
 * same domain code the enrollment workflow runs — with each step rendered for the contact.
 */
export function previewSequenceRoute(): RequestHandler {
  return async (req, res) => {
    const query = SequencePreviewQuerySchema.parse(req.query);
    const { db } = tenantOf(res);
    const sequence = await getSequenceOrThrow(db, String(req.params.id));
    const published = publishedVersionOf(sequence.versions);
    const draft = draftVersionOf(sequence.versions);
    const version = query.version === 'draft' ? draft : query.version === 'published' ? published : (published ?? draft);
    if (!version) throw new AppError(ErrorCodes.NOT_FOUND, `Sequence ${sequence.id} has no ${query.version} version`);
    const [contact, tenant] = await Promise.all([getContactOrThrow(db, query.contactId), getTenantOrThrow(db)]);
    const settings = SequenceSettingsSchema.parse(version.settings ?? {});
    const options = {
      timeZone: contact.timeZone || tenant.timeZone,
      quietHours: resolveSendWindow(settings.sendWindow, tenantQuietHours(tenant)),
      businessDays: tenant.businessDays,
    };
    const start = query.start ? new Date(query.start) : new Date();
    const times = scheduleSteps(start, version.steps, options);

    // Drafts may point at saved templates; published versions carry a frozen copy.
    const templateIds = version.steps.flatMap((s) => (s.templateId && !s.body ? [s.templateId] : []));
    const templates = await findTemplatesByIds(db, templateIds);
    const context = { contact, tenant: { businessName: tenant.businessName, supportContact: tenant.supportContact } };
    let ended = false;
    const steps = version.steps.map((step, i) => {
      const template = templates.find((t) => t.id === step.templateId);
      const body = step.body ?? template?.body ?? '';
      const subject = step.subject ?? template?.subject ?? null;
      let outcome: 'send' | 'skip' | 'stop' | 'not_reached' = 'send';
      let note: string | null = null;
      const blocker = ended ? null : deliveryBlocker(contact, step.channel);
      if (ended) outcome = 'not_reached';
      else if (blocker === 'missing_channel') {
        outcome = settings.missingChannel === 'stop' ? 'stop' : 'skip';
        note = `the contact has no ${addressFieldFor(step.channel) === 'phone' ? 'phone number' : 'email address'}`;
      } else if (blocker === 'opted_out') {
        outcome = 'stop';
        note = `the contact opted out of ${step.channel}`;
      }
      if (outcome === 'stop') ended = true;
      const renderedBody = renderTemplate(body, context);
      const renderedSubject = subject ? renderTemplate(subject, context) : null;
      return {
        position: step.position,
        channel: step.channel,
        wait: { amount: step.waitAmount, unit: step.waitUnit },
        fireAt: times[i]!.at.toISOString(),
        reasons: times[i]!.reasons,
        outcome,
        note,
        subject: renderedSubject?.ok ? renderedSubject.text : null,
        body: renderedBody.ok ? renderedBody.text : null,
        problems: [...(renderedBody.ok ? [] : renderedBody.problems), ...(renderedSubject && !renderedSubject.ok ? renderedSubject.problems : [])],
      };
    });
    res.json({
      preview: {
        sequenceId: sequence.id,
        versionId: version.id,
        version: version.version,
        published: version.publishedAt !== null,
        contactId: contact.id,
        timeZone: options.timeZone,
        quietHours: options.quietHours,
        start: start.toISOString(),
        steps,
      },
    });
  };
}

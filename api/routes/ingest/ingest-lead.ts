import type { RequestHandler } from 'express';
import { IngestLeadSchema } from '../../../domain/schemas/ingest';
import { upsertLeadContact } from '../../../prisma/queries/contacts/upsert-lead-contact';
import { recordEvent } from '../../../prisma/queries/event-logs/record-event';
import type { ApiDeps } from '../../deps';
import { tenantOf } from '../../http/authenticate';
import { notifyLeadCreated } from '../../notifications/notify-lead-created';
import { toContactView } from '../../views';
import { idempotencyKeyOf, onceFor } from './idempotent';

export function ingestLead(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const { db } = tenantOf(res);
    const lead = IngestLeadSchema.parse(req.body);
    const { body, replay } = await onceFor(req, db, 'leads', async () => {
      const source = lead.source ?? 'ingest';
      const { contact, created } = await upsertLeadContact(db, lead, source);
      if (created) {
        await recordEvent(db, { type: 'lead.created', subjectType: 'contact', subjectId: contact.id, data: { source } });
        await notifyLeadCreated(deps, db, `lead:${idempotencyKeyOf(req)}`, { ...contact, source });
      }
      return { contact: toContactView(contact), created };
    });
    res.status(replay ? 200 : 201).json(body);
  };
}

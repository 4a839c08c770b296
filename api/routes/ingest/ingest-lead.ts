import type { RequestHandler } from 'express';
import type { WorkflowOutboxStart } from '../../../domain/workflow-outbox';
import { IngestLeadSchema } from '../../../domain/schemas/ingest';
import { checkCustomProperties } from '../../../domain/schemas/custom-field';
import { listCustomFields } from '../../../prisma/queries/custom-fields/custom-fields';
import { upsertLeadContact } from '../../../prisma/queries/contacts/upsert-lead-contact';
import { recordEvent } from '../../../prisma/queries/event-logs/record-event';
import type { ApiDeps } from '../../deps';
import { tenantScopeOf } from '../../http/authenticate';
import { ingestTokenOf } from '../../http/authenticate-ingest';
import { queueLeadAlerts } from '../../notifications/queue-lead-alerts';
import { toContactView } from '../../views';
import { onceFor } from './idempotent';

export function ingestLead(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const { db } = tenantScopeOf(res);
    // The tenant's custom fields type the lead's properties, as they do a contact's.
    const lead = IngestLeadSchema.superRefine(checkCustomProperties(await listCustomFields(db), ['properties'])).parse(req.body);
    const { body, replay } = await onceFor(deps, req, db, 'leads', async (tx, ingestRequestId) => {
      const source = lead.source ?? 'ingest';
      const { contact, created } = await upsertLeadContact(tx, lead, source);
      let starts: WorkflowOutboxStart[] = [];
      if (created) {
        await recordEvent(tx, { type: 'lead.created', subjectType: 'contact', subjectId: contact.id, actor: { kind: 'ingestToken', id: ingestTokenOf(res).ingestTokenId }, data: { source } });
        starts = await queueLeadAlerts(tx, ingestRequestId, { ...contact, source });
      }
      return { response: { contact: toContactView(contact), created }, starts };
    });
    res.status(replay ? 200 : 201).json(body);
  };
}

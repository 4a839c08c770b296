import type { RequestHandler } from 'express';
import type { WorkflowOutboxStart } from '../../../domain/workflow-outbox';
import { IngestQuoteSchema } from '../../../domain/schemas/ingest';
import { checkCustomProperties } from '../../../domain/schemas/custom-field';
import { listCustomFields } from '../../../prisma/queries/custom-fields/custom-fields';
import { upsertLeadContact } from '../../../prisma/queries/contacts/upsert-lead-contact';
import { recordEvent } from '../../../prisma/queries/event-logs/record-event';
import { createIngestedQuote } from '../../../prisma/queries/quotes/create-ingested-quote';
import { getQuoteSettings } from '../../../prisma/queries/quotes/quotes';
import type { ApiDeps } from '../../deps';
import { tenantScopeOf } from '../../http/authenticate';
import { ingestTokenOf } from '../../http/authenticate-ingest';
import { queueLeadAlerts } from '../../notifications/queue-lead-alerts';
import { toContactView } from '../../views';
import { onceFor } from './idempotent';

export function ingestQuote(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const { tenantId, db } = tenantScopeOf(res);
    const input = IngestQuoteSchema.superRefine(checkCustomProperties(await listCustomFields(db), ['contact', 'properties'])).parse(req.body);
    const { body, replay } = await onceFor(deps, req, db, 'quotes', async (tx, ingestRequestId) => {
      const source = input.contact.source ?? 'ingest';
      const { contact, created } = await upsertLeadContact(tx, input.contact, source);
      // The insert trigger queues the quote's workflow in the outbox; it is started below too, at once.
      const quote = await createIngestedQuote(tx, contact.id, input);
      await recordEvent(tx, {
        type: 'quote.created',
        subjectType: 'quote',
        subjectId: quote.id,
        actor: { kind: 'ingestToken', id: ingestTokenOf(res).ingestTokenId },
        data: { source, externalId: quote.externalId },
      });
      const { followUpDays } = await getQuoteSettings(tx);
      const starts: WorkflowOutboxStart[] = [{ kind: 'quote', tenantId, quoteId: quote.id, contactId: contact.id, followUpDays }];
      if (created) starts.push(...(await queueLeadAlerts(tx, ingestRequestId, { ...contact, source })));
      return {
        response: {
          quote: {
            id: quote.id,
            externalId: quote.externalId,
            title: quote.title,
            total: quote.total.toFixed(2),
            currency: quote.currency,
            status: quote.status,
            expiresAt: quote.expiresAt?.toISOString() ?? null,
            contactId: contact.id,
          },
          contact: toContactView(contact),
        },
        starts,
      };
    });
    res.status(replay ? 200 : 201).json(body);
  };
}

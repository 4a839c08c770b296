import type { RequestHandler } from 'express';
import { IngestQuoteSchema } from '../../../domain/schemas/ingest';
import { upsertLeadContact } from '../../../prisma/queries/contacts/upsert-lead-contact';
import { recordEvent } from '../../../prisma/queries/event-logs/record-event';
import { createIngestedQuote } from '../../../prisma/queries/quotes/create-ingested-quote';
import type { ApiDeps } from '../../deps';
import { tenantOf } from '../../http/authenticate';
import { notifyLeadCreated } from '../../notifications/notify-lead-created';
import { toContactView } from '../../views';
import { idempotencyKeyOf, onceFor } from './idempotent';

export function ingestQuote(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const { db } = tenantOf(res);
    const input = IngestQuoteSchema.parse(req.body);
    const { body, replay } = await onceFor(req, db, 'quotes', async () => {
      const source = input.contact.source ?? 'ingest';
      const { contact, created } = await upsertLeadContact(db, input.contact, source);
      const quote = await createIngestedQuote(db, contact.id, input);
      await recordEvent(db, { type: 'quote.created', subjectType: 'quote', subjectId: quote.id, data: { source, externalId: quote.externalId } });
      if (created) await notifyLeadCreated(deps, db, `quote:${idempotencyKeyOf(req)}`, { ...contact, source });
      return {
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
      };
    });
    res.status(replay ? 200 : 201).json(body);
  };
}

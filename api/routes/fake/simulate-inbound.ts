import type { RequestHandler } from 'express';
import { randomUUID } from 'node:crypto';
import { SimulateInboundSchema } from '../../../domain/schemas/message';
import type { ApiDeps } from '../../deps';
import { tenantOf } from '../../http/authenticate';
import { ingestInboundMessage } from '../../inbound/ingest-inbound-message';

/** Plays the contact: an inbound message (SMS, WhatsApp or email) through the same path as the providers' webhooks. */
export function simulateInbound(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const input = SimulateInboundSchema.parse(req.body);
    const { tenantId } = tenantOf(res);
    const result = await ingestInboundMessage(deps, tenantId, {
      channel: input.channel,
      from: input.from,
      subject: input.subject,
      body: input.body,
      mediaUrls: [],
      provider: 'fake',
      providerMessageId: `FAKEIN${randomUUID().replace(/-/g, '').slice(0, 26).toUpperCase()}`,
      receivedAt: new Date(),
    });
    // A fresh provider id each time: never a duplicate, so always an answer.
    if (!result) throw new Error('a simulated inbound message was taken for a duplicate');
    res.status(201).json({ messageId: result.message.id, contactId: result.contact.id, workflowId: result.workflowId });
  };
}

import type { RequestHandler } from 'express';
import { randomUUID } from 'node:crypto';
import { AppError, ErrorCodes } from '../../../domain/errors';
import { SimulateInboundSchema } from '../../../domain/schemas/message';
import type { ApiDeps } from '../../deps';
import { tenantOf } from '../../http/authenticate';
import { ingestInboundMessage } from '../../inbound/ingest-inbound-message';
import { describeService, tenantProviders } from '../../tenant-providers';

/**
 * Plays the contact: an inbound message (SMS, WhatsApp or email) through the same path as the providers'
 * webhooks — only while the fake provider serves the channel for this tenant. Where a real provider does, a
 * made-up message would sit in a real conversation (and could opt a real person out), so the route is not there
 * for it.
 */
export function simulateInbound(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const input = SimulateInboundSchema.parse(req.body);
    const { tenantId, db } = tenantOf(res);
    const service = (await tenantProviders(deps, db))[input.channel];
    if (service.provider !== 'fake') {
      throw new AppError(
        ErrorCodes.NOT_FOUND,
        `POST /api/fake/inbound exists only while the fake provider serves ${input.channel}; for this tenant ${describeService(input.channel, service)}. Send a real message to the tenant’s number instead.`,
      );
    }
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

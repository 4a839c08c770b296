import type { RequestHandler } from 'express';
import { z } from 'zod';
import { randomUUID } from 'node:crypto';
import { ChannelSchema } from '../../../domain/channels';
import { normalizePhone } from '../../../domain/phone';
import type { ApiDeps } from '../../deps';
import { tenantOf } from '../../http/authenticate';
import { ingestInboundMessage } from '../../inbound/ingest-inbound-message';

const SimulateInboundSchema = z
  .object({
    channel: ChannelSchema.exclude(['email']).default('sms'),
    from: z.string().transform((v, ctx) => normalizePhone(v) ?? (ctx.addIssue({ code: 'custom', message: 'from must be a phone number' }), z.NEVER)),
    body: z.string().min(1).max(1600),
  })
  .strict();

/** Plays the contact: an inbound message through the same path as Twilio's webhook. */
export function simulateInbound(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const input = SimulateInboundSchema.parse(req.body);
    const { tenantId } = tenantOf(res);
    const result = await ingestInboundMessage(deps, tenantId, {
      channel: input.channel,
      from: input.from,
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

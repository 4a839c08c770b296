import type { RequestHandler } from 'express';
import { z } from 'zod';
import { AppError, ErrorCodes } from '../../../domain/errors';
import { findTenantBySender } from '../../../prisma/queries/inbound/find-tenant-by-sender';
import { recordWebhookEvent } from '../../../prisma/queries/webhook-events/record-webhook-event';
import { verifyTwilioSignature } from '../../../providers/webhooks/verify-twilio-signature';
import type { ApiDeps } from '../../deps';
import { ingestInboundMessage } from '../../inbound/ingest-inbound-message';
import { publicUrlOf } from '../../http/public-url';

// Twilio adds fields without notice: only what we use is required, the rest passes through.
export const TwilioInboundSchema = z
  .object({
    MessageSid: z.string().regex(/^(SM|MM)[0-9a-zA-Z]+$/),
    From: z.string().min(3),
    To: z.string().min(3),
    Body: z.string().default(''),
    NumMedia: z.coerce.number().int().min(0).max(10).default(0),
  })
  .passthrough();

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

export function twilioInbound(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const token = deps.webhooks?.twilioAuthToken;
    if (!token) throw new AppError(ErrorCodes.FORBIDDEN, 'Twilio webhooks are not configured on this server (TWILIO_AUTH_TOKEN).');
    if (!verifyTwilioSignature(token, req.header('x-twilio-signature'), publicUrlOf(req, deps.webhooks?.publicUrl), req.body ?? {})) {
      throw new AppError(ErrorCodes.FORBIDDEN, 'Invalid or missing X-Twilio-Signature.');
    }
    const input = TwilioInboundSchema.parse(req.body);
    const channel = input.From.startsWith('whatsapp:') ? 'whatsapp' : 'sms';
    const strip = (v: string) => v.replace(/^whatsapp:/, '');
    const body = req.body as Record<string, string>;
    const mediaUrls = Array.from({ length: input.NumMedia }, (_, i) => body[`MediaUrl${i}`]).filter((u): u is string => Boolean(u));

    const event = { provider: 'twilio', providerEventId: input.MessageSid, type: 'inbound', payload: req.body };
    const tenantId = await findTenantBySender(deps.prisma, channel, strip(input.To));
    if (!tenantId) {
      // Kept (a retry records nothing more) so that a number registered late can be traced.
      await recordWebhookEvent(deps.prisma, { ...event, error: `no tenant owns ${channel} sender ${strip(input.To)}` });
      deps.logger.warn({ channel, messageSid: input.MessageSid }, 'inbound message for an unknown sender number');
      res.type('text/xml').send(EMPTY_TWIML);
      return;
    }
    // The event, the message and its workflow start commit together; a failure leaves none of them, and
    // Twilio's retry does it all again. A retry of a delivery that committed changes nothing.
    await ingestInboundMessage(
      deps,
      tenantId,
      { channel, from: strip(input.From), body: input.Body, mediaUrls, provider: 'twilio', providerMessageId: input.MessageSid, receivedAt: new Date() },
      { webhookEvent: event },
    );
    res.type('text/xml').send(EMPTY_TWIML);
  };
}

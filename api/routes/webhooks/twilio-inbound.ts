import type { RequestHandler } from 'express';
import { z } from 'zod';
import { parseConsentKeyword } from '../../../domain/consent-keywords';
import { fannedOutProviderMessageId } from '../../../domain/derived-ids';
import { bareTwilioAddress } from '../../../domain/senders';
import { recordWebhookEvent } from '../../../prisma/queries/webhook-events/record-webhook-event';
import type { ApiDeps } from '../../deps';
import { requireTwilioSignature, signedWith, twilioAuthTokenFor } from '../../http/twilio-webhook-auth';
import { ingestInboundMessage } from '../../inbound/ingest-inbound-message';
import { routeTwilioInbound, type TwilioInboundRoute } from '../../inbound/route-twilio-inbound';

// Twilio adds fields without notice: only what we use is required, the rest passes through.
export const TwilioInboundSchema = z
  .object({
    MessageSid: z.string().regex(/^(SM|MM)[0-9a-zA-Z]+$/),
    From: z.string().min(3),
    To: z.string().min(3),
    Body: z.string().default(''),
    NumMedia: z.coerce.number().int().min(0).max(10).default(0),
    MessagingServiceSid: z.string().optional(),
  })
  .passthrough();

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

/**
 * Checks the signature with the Auth Token of the account the message came through: the tenant's own, else the
 * server's. For a number no tenant registered, the server's account speaks for every tenant that messaged the
 * contact from it (it is the platform's own); a tenant's own account speaks only for that tenant, so one tenant
 * cannot opt another tenant's contact out.
 */
async function verifiedRoute(deps: ApiDeps, req: Parameters<RequestHandler>[0], route: TwilioInboundRoute): Promise<TwilioInboundRoute> {
  const shared = deps.webhooks?.twilioAuthToken ?? null;
  if (route.kind === 'sender') {
    requireTwilioSignature(deps, req, [await twilioAuthTokenFor(deps, route.tenantId)]);
    return route;
  }
  if (route.kind === 'history' && !signedWith(deps, req, shared)) {
    const tokens = await Promise.all(route.tenantIds.map((id) => twilioAuthTokenFor(deps, id)));
    requireTwilioSignature(deps, req, tokens);
    return { kind: 'history', tenantIds: route.tenantIds.filter((_, i) => signedWith(deps, req, tokens[i] ?? null)) };
  }
  requireTwilioSignature(deps, req, [shared]);
  return route;
}

export function twilioInbound(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const form = (req.body ?? {}) as Record<string, unknown>;
    const field = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
    const channel = field('From').startsWith('whatsapp:') ? 'whatsapp' : 'sms';
    const to = bareTwilioAddress(field('To'));
    const from = bareTwilioAddress(field('From'));
    const route = await verifiedRoute(deps, req, await routeTwilioInbound(deps.systemPrisma, { channel, to, from, messagingServiceSid: field('MessagingServiceSid') || null }));

    const input = TwilioInboundSchema.parse(req.body);
    const body = req.body as Record<string, string>;
    const mediaUrls = Array.from({ length: input.NumMedia }, (_, i) => body[`MediaUrl${i}`]).filter((u): u is string => Boolean(u));
    const message = { channel, from, body: input.Body, mediaUrls, provider: 'twilio', providerMessageId: input.MessageSid, receivedAt: new Date(), tenantAddress: to } as const;
    const event = { provider: 'twilio', providerEventId: input.MessageSid, type: 'inbound', payload: req.body };

    // The event, the message and its workflow start commit together; a failure leaves none of them, and
    // Twilio's retry does it all again. A retry of a delivery that committed changes nothing.
    if (route.kind === 'sender') {
      await ingestInboundMessage(deps, route.tenantId, message, { webhookEvent: event });
    } else if (route.kind === 'history' && parseConsentKeyword(input.Body) === 'opt-out') {
      // A STOP to a number no tenant registered is never dropped: every tenant that messaged this person from it
      // gets it, through the same path and workflow as a STOP to its own number. Each copy commits by itself with
      // its own ids, so a retry after a failure half-way does the rest and doubles nothing.
      for (const tenantId of route.tenantIds) {
        const id = fannedOutProviderMessageId(input.MessageSid, tenantId);
        await ingestInboundMessage(deps, tenantId, { ...message, providerMessageId: id }, { webhookEvent: { ...event, providerEventId: id } });
      }
      deps.logger.info({ channel, tenantIds: route.tenantIds, tenants: route.tenantIds.length }, 'opt-out to an unregistered sender applied to every tenant that messaged the contact from it');
    } else if (route.kind === 'history') {
      await ingestInboundMessage(deps, route.tenantIds[0]!, message, { webhookEvent: event });
      deps.logger.info({ channel, tenantId: route.tenantIds[0], candidates: route.tenantIds.length }, 'message to an unregistered sender given to the tenant that last messaged the contact from it');
    } else {
      // Kept (a retry records nothing more) so that a number registered late can be traced.
      await recordWebhookEvent(deps.systemPrisma, { ...event, error: `no tenant owns ${channel} sender ${to} and none has messaged the contact from it` });
      deps.logger.warn({ channel, messageSid: input.MessageSid }, 'inbound message for an unknown sender number');
    }
    res.type('text/xml').send(EMPTY_TWIML);
  };
}

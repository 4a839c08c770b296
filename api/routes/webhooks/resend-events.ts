import type { RequestHandler } from 'express';
import { z } from 'zod';
import { AppError, ErrorCodes } from '../../../domain/errors';
import type { DeliveryUpdate } from '../../../domain/delivery-status';
import { recordDeliveryEvent } from '../../../prisma/queries/webhook-events/delivery-events';
import { verifyResendSignature } from '../../../providers/webhooks/verify-resend-signature';
import type { ApiDeps } from '../../deps';
import { isReceivedEmailEvent, receiveResendEmail } from './resend-received-email';
import { resendEventTenant, resendWebhookSecretFor } from '../../http/resend-webhook-secret';

export const EventSchema = z
  .object({
    type: z.string().min(1),
    created_at: z.string().optional(),
    data: z.object({ email_id: z.string().min(1) }).passthrough(),
  })
  .passthrough();

/** What each Resend event means for its email; null for events Herald does not act on (sent, delivery delayed, …). */
function deliveryUpdateOf(type: string, at: Date): DeliveryUpdate | null {
  const when = at.toISOString();
  switch (type) {
    case 'email.delivered':
      return { status: 'delivered', at: when };
    case 'email.bounced':
      // The address no longer receives email from us: the contact's email consent goes off too.
      return { status: 'failed', at: when, errorCode: 'BOUNCED', errorMessage: 'The email bounced; the address no longer receives email from us.', revokeEmailConsent: true };
    case 'email.failed':
      return { status: 'failed', at: when, errorCode: 'FAILED', errorMessage: 'Resend could not deliver the email.' };
    case 'email.complained':
      // A spam complaint: the email arrived, but the person must never be emailed again.
      return { at: when, revokeEmailConsent: true };
    case 'email.opened':
      return { at: when, engagement: 'opened' };
    case 'email.clicked':
      return { at: when, engagement: 'clicked' };
    default:
      return null;
  }
}

/** When the event happened; an absent or unreadable created_at means now. */
function eventTime(createdAt: string | undefined): Date {
  const at = createdAt ? new Date(createdAt) : null;
  return at && !Number.isNaN(at.getTime()) ? at : new Date();
}

export function resendEvents(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    // A tenant's own Resend account signs its events with its own secret.
    const secret = await resendWebhookSecretFor(deps, await resendEventTenant(deps, raw));
    if (!secret) throw new AppError(ErrorCodes.FORBIDDEN, 'Resend webhooks are not configured on this server (RESEND_WEBHOOK_SECRET), or for this tenant’s own Resend account (its webhook secret).');
    const verified = verifyResendSignature(secret, raw, {
      'svix-id': req.header('svix-id'),
      'svix-timestamp': req.header('svix-timestamp'),
      'svix-signature': req.header('svix-signature'),
    });
    if (!verified) throw new AppError(ErrorCodes.FORBIDDEN, 'Invalid or missing Svix signature.');
    if (isReceivedEmailEvent(verified)) {
      await receiveResendEmail(deps, verified);
      res.status(204).end();
      return;
    }
    const event = EventSchema.parse(verified);
    // Recorded and applied in one transaction (see recordDeliveryEvent); Svix retries carry the same svix-id.
    await recordDeliveryEvent(deps.systemPrisma, {
      provider: 'resend',
      providerEventId: req.header('svix-id')!,
      type: event.type,
      payload: event,
      providerMessageId: event.data.email_id,
      update: deliveryUpdateOf(event.type, eventTime(event.created_at)),
    });
    res.status(204).end();
  };
}

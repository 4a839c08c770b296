import type { RequestHandler } from 'express';
import { z } from 'zod';
import { AppError, ErrorCodes } from '../../../domain/errors';
import { applyDeliveryStatus } from '../../../prisma/queries/messages/apply-delivery-status';
import { revokeEmailConsentForMessage } from '../../../prisma/queries/contacts/revoke-email-consent-for-message';
import { finishWebhookEvent, recordWebhookEvent } from '../../../prisma/queries/webhook-events/record-webhook-event';
import { verifyResendSignature } from '../../../providers/webhooks/verify-resend-signature';
import type { ApiDeps } from '../../deps';

export const EventSchema = z
  .object({
    type: z.string().min(1),
    created_at: z.string().optional(),
    data: z.object({ email_id: z.string().min(1) }).passthrough(),
  })
  .passthrough();

export function resendEvents(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const secret = deps.webhooks?.resendWebhookSecret;
    if (!secret) throw new AppError(ErrorCodes.FORBIDDEN, 'Resend webhooks are not configured on this server (RESEND_WEBHOOK_SECRET).');
    const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    const verified = verifyResendSignature(secret, raw, {
      'svix-id': req.header('svix-id'),
      'svix-timestamp': req.header('svix-timestamp'),
      'svix-signature': req.header('svix-signature'),
    });
    if (!verified) throw new AppError(ErrorCodes.FORBIDDEN, 'Invalid or missing Svix signature.');
    const event = EventSchema.parse(verified);
    const recorded = await recordWebhookEvent(deps.prisma, { provider: 'resend', providerEventId: req.header('svix-id')!, type: event.type, payload: event });
    if (!recorded) {
      res.status(204).end();
      return;
    }
    const at = event.created_at ? new Date(event.created_at) : new Date();
    const emailId = event.data.email_id;
    let applied: { tenantId: string } | null = null;
    switch (event.type) {
      case 'email.delivered':
        applied = await applyDeliveryStatus(deps.prisma, emailId, { status: 'delivered', at });
        break;
      case 'email.bounced':
      case 'email.failed':
        applied = await applyDeliveryStatus(deps.prisma, emailId, {
          status: 'failed',
          at,
          errorCode: event.type === 'email.bounced' ? 'BOUNCED' : 'FAILED',
          errorMessage: event.type === 'email.bounced' ? 'The email bounced; the address no longer receives email from us.' : 'Resend could not deliver the email.',
        });
        if (event.type === 'email.bounced') await revokeEmailConsentForMessage(deps.prisma, emailId, at);
        break;
      case 'email.complained':
        // A spam complaint: the email arrived, but the person must never be emailed again.
        applied = await revokeEmailConsentForMessage(deps.prisma, emailId, at);
        break;
      default:
        break;
    }
    await finishWebhookEvent(deps.prisma, recorded.id, applied ? { tenantId: applied.tenantId, processed: true } : { processed: event.type.startsWith('email.') && !['email.delivered', 'email.bounced', 'email.failed', 'email.complained'].includes(event.type) });
    res.status(204).end();
  };
}

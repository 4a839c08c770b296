import type { RequestHandler } from 'express';
import { z } from 'zod';
import { classifyTwilioError } from '../../../domain/provider-errors';
import { AppError, ErrorCodes } from '../../../domain/errors';
import { applyDeliveryStatus, type DeliveryStatus } from '../../../prisma/queries/messages/apply-delivery-status';
import { attachProviderIdFromLedger } from '../../../prisma/queries/send-ledger/attach-provider-id-from-ledger';
import { finishWebhookEvent, recordWebhookEvent } from '../../../prisma/queries/webhook-events/record-webhook-event';
import { verifyTwilioSignature } from '../../../providers/webhooks/verify-twilio-signature';
import type { ApiDeps } from '../../deps';
import { publicUrlOf } from '../../http/public-url';

export const StatusSchema = z
  .object({
    MessageSid: z.string().min(2),
    MessageStatus: z.string().min(1),
    ErrorCode: z.coerce.number().int().optional(),
  })
  .passthrough();

const TRACKED: Record<string, DeliveryStatus> = { sent: 'sent', delivered: 'delivered', read: 'read', undelivered: 'undelivered', failed: 'failed' };

export function twilioStatus(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const token = deps.webhooks?.twilioAuthToken;
    if (!token) throw new AppError(ErrorCodes.FORBIDDEN, 'Twilio webhooks are not configured on this server (TWILIO_AUTH_TOKEN).');
    if (!verifyTwilioSignature(token, req.header('x-twilio-signature'), publicUrlOf(req, deps.webhooks?.publicUrl), req.body ?? {})) {
      throw new AppError(ErrorCodes.FORBIDDEN, 'Invalid or missing X-Twilio-Signature.');
    }
    const input = StatusSchema.parse(req.body);
    const event = await recordWebhookEvent(deps.prisma, {
      provider: 'twilio',
      providerEventId: `${input.MessageSid}:${input.MessageStatus}:${input.ErrorCode ?? ''}`,
      type: `status.${input.MessageStatus}`,
      payload: req.body,
    });
    const status = TRACKED[input.MessageStatus];
    if (!event || !status) {
      if (event) await finishWebhookEvent(deps.prisma, event.id, { processed: true });
      res.status(204).end();
      return;
    }
    // The ledger id rides in the callback URL: it ties a send whose answer was lost to its message.
    const ledgerId = typeof req.query.ledger === 'string' ? req.query.ledger : null;
    if (ledgerId) await attachProviderIdFromLedger(deps.prisma, ledgerId, input.MessageSid);
    const error = input.ErrorCode ? classifyTwilioError(400, input.ErrorCode) : null;
    const applied = await applyDeliveryStatus(deps.prisma, input.MessageSid, {
      status,
      at: new Date(),
      errorCode: input.ErrorCode ? String(input.ErrorCode) : null,
      errorMessage: error?.explanation ?? null,
    });
    // Unknown messages are kept (processed_at stays empty) for later reconciliation, not dropped.
    await finishWebhookEvent(deps.prisma, event.id, applied ? { tenantId: applied.tenantId, processed: true } : { processed: false, error: 'no message with this SID yet' });
    res.status(204).end();
  };
}

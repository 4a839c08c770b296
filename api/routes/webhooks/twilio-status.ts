import type { RequestHandler } from 'express';
import { z } from 'zod';
import { classifyTwilioError } from '../../../providers/twilio/twilio-errors';
import { AppError, ErrorCodes } from '../../../domain/errors';
import type { DeliveryStatus } from '../../../domain/delivery-status';
import { attachProviderIdFromLedger } from '../../../prisma/queries/send-ledger/attach-provider-id-from-ledger';
import { recordDeliveryEvent } from '../../../prisma/queries/webhook-events/delivery-events';
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
    const status = Object.hasOwn(TRACKED, input.MessageStatus) ? TRACKED[input.MessageStatus] : undefined;
    const error = input.ErrorCode ? classifyTwilioError(400, input.ErrorCode) : null;
    // The ledger id rides in the callback URL: it ties a send whose answer was lost to its message.
    const ledgerId = typeof req.query.ledger === 'string' ? req.query.ledger : null;
    // Recorded and applied in one transaction; a callback for a SID no message carries yet is kept and
    // applied when the send records it.
    await recordDeliveryEvent(
      deps.prisma,
      {
        provider: 'twilio',
        providerEventId: `${input.MessageSid}:${input.MessageStatus}:${input.ErrorCode ?? ''}`,
        type: `status.${input.MessageStatus}`,
        payload: req.body,
        providerMessageId: input.MessageSid,
        update: status
          ? { status, at: new Date().toISOString(), errorCode: input.ErrorCode ? String(input.ErrorCode) : null, errorMessage: error?.explanation ?? null }
          : null,
      },
      ledgerId ? (tx) => attachProviderIdFromLedger(tx, ledgerId, input.MessageSid) : undefined,
    );
    res.status(204).end();
  };
}

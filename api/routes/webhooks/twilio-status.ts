import type { RequestHandler } from 'express';
import { z } from 'zod';
import { classifyTwilioError } from '../../../providers/twilio/twilio-errors';
import type { DeliveryStatus } from '../../../domain/delivery-status';
import { attachProviderIdFromLedger } from '../../../prisma/queries/send-ledger/attach-provider-id-from-ledger';
import { recordDeliveryEvent } from '../../../prisma/queries/webhook-events/delivery-events';
import { findSendTenant } from '../../../prisma/queries/send-ledger/find-send-tenant';
import type { ApiDeps } from '../../deps';
import { requireTwilioSignature, twilioAuthTokenFor } from '../../http/twilio-webhook-auth';

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
    // The ledger id rides in the callback URL: it ties a send whose answer was lost to its message — and names
    // the tenant, whose own Auth Token (if it has an account of its own) signed the callback.
    const ledgerId = typeof req.query.ledger === 'string' ? req.query.ledger : null;
    const sid = typeof (req.body as Record<string, unknown> | undefined)?.MessageSid === 'string' ? ((req.body as Record<string, string>).MessageSid ?? null) : null;
    const tenantId = await findSendTenant(deps.systemPrisma, { ledgerId, providerMessageId: sid });
    requireTwilioSignature(deps, req, [await twilioAuthTokenFor(deps, tenantId)]);
    const input = StatusSchema.parse(req.body);
    const status = Object.hasOwn(TRACKED, input.MessageStatus) ? TRACKED[input.MessageStatus] : undefined;
    const error = input.ErrorCode ? classifyTwilioError(400, input.ErrorCode) : null;
    // Recorded and applied in one transaction; a callback for a SID no message carries yet is kept and
    // applied when the send records it.
    await recordDeliveryEvent(
      deps.systemPrisma,
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

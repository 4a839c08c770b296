import { z } from 'zod';
import { AppError, ErrorCodes } from '../../../domain/errors';
import { findTenantForInboundEmail } from '../../../prisma/queries/inbound/find-tenant-for-inbound-email';
import { recordWebhookEvent } from '../../../prisma/queries/webhook-events/record-webhook-event';
import { isProviderError } from '../../../providers/messaging-provider';
import { emailAddressOf, inboundEmailBody, storableText, type InboundEmail } from '../../../providers/resend/inbound-email';
import type { ApiDeps } from '../../deps';
import { ingestInboundMessage } from '../../inbound/ingest-inbound-message';

const Addresses = z.array(z.string().max(2000)).max(500).default([]);

// Metadata only (Resend's email.received): the content is read through the receiving API. Resend adds fields
// without notice; only what routing needs is required. The id goes into a URL path: Resend's ids are UUIDs.
export const ReceivedEmailEventSchema = z
  .object({
    type: z.literal('email.received'),
    data: z
      .object({
        email_id: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'email_id must be a Resend email id'),
        from: z.string().max(2000),
        to: Addresses,
        received_for: Addresses,
      })
      .passthrough(),
  })
  .passthrough();

export const isReceivedEmailEvent = (event: unknown) => (event as { type?: unknown } | null)?.type === 'email.received';

/** What the unroutable are recorded with: ids and reasons only, never an address. */
const UNREADABLE_SENDER = 'unroutable: the sender address could not be read';
const NO_TENANT = 'unroutable: no tenant has a recipient as its email sender address, nor emailed the sender from it';

/**
 * A received email (Resend's `email.received`, signature already verified): routed to a tenant by its
 * recipients, its content read through Resend's receiving API, then landed through the one inbound path as an
 * email reply — the event, the message and its workflow start in one transaction, idempotent by Resend's email
 * id. Reading the content happens before that transaction: when it fails the answer is a 5xx, nothing is
 * kept, and Resend's retry does it all again.
 */
export async function receiveResendEmail(deps: ApiDeps, event: unknown): Promise<void> {
  const { data } = ReceivedEmailEventSchema.parse(event);
  const emailId = data.email_id;
  const source = deps.inboundEmail?.source;
  if (!source) {
    throw new AppError(ErrorCodes.UNAVAILABLE, 'Received email cannot be read on this server: set RESEND_API_KEY and RESEND_FROM on the API.', { retryAfterSeconds: 300 });
  }
  // Keyed by the email, not by the Svix message: a replayed event lands nothing more either.
  const webhookEvent = { provider: 'resend', providerEventId: `email.received:${emailId}`, type: 'email.received', payload: event, providerMessageId: emailId };

  const sender = emailAddressOf(data.from);
  const recipients = [...new Set([...data.to, ...data.received_for].map(emailAddressOf).filter((a): a is string => a !== null))];
  const route = sender ? await findTenantForInboundEmail(deps.systemPrisma, { recipients, sender, sharedSenders: deps.inboundEmail?.sharedSenders ?? [] }) : null;
  if (!sender || !route) {
    const why = sender ? NO_TENANT : UNREADABLE_SENDER;
    // Kept (a retry records nothing more) so that an address registered late can be traced — under a key of its
    // own, so that replaying the event from Resend once the address is registered lands the email.
    await recordWebhookEvent(deps.systemPrisma, { ...webhookEvent, providerEventId: `${webhookEvent.providerEventId}:unroutable`, error: why });
    deps.logger.warn({ provider: 'resend', emailId }, `received email not landed: ${why}`);
    return;
  }

  let email: InboundEmail;
  try {
    email = await source.fetchInboundEmail(emailId);
  } catch (error) {
    if (!isProviderError(error)) throw error;
    // A 5xx either way, so Resend retries: a key or domain fixed meanwhile heals a permanent refusal too.
    if (error.kind === 'permanent') {
      throw new AppError(ErrorCodes.PROVIDER_PERMANENT, `Resend refused to give the received email’s content (${error.code}): ${error.message}`, { cause: error });
    }
    throw new AppError(ErrorCodes.UNAVAILABLE, `Resend could not give the received email’s content (${error.code}): ${error.message}`, {
      cause: error,
      retryAfterSeconds: Math.max(1, Math.ceil((error.retryAfterMs ?? 30_000) / 1000)),
    });
  }

  const landed = await ingestInboundMessage(
    deps,
    route.tenantId,
    {
      channel: 'email',
      from: sender,
      subject: email.subject ? storableText(email.subject) : null,
      body: inboundEmailBody(email),
      mediaUrls: [],
      provider: 'resend',
      providerMessageId: emailId,
      receivedAt: Number.isNaN(email.receivedAt.getTime()) ? new Date() : email.receivedAt,
    },
    { webhookEvent },
  );
  if (landed && !landed.duplicate) deps.logger.info({ tenantId: route.tenantId, emailId, messageId: landed.message.id, via: route.via }, 'received email landed');
}

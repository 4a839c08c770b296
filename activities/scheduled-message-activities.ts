import { ApplicationFailure, Context } from '@temporalio/activity';
import { SYSTEM_ACTOR } from '../domain/audit';
import type { Logger } from 'pino';
import { addressFieldFor, consentFieldFor, isPending, type Channel, type MessageStatus } from '../domain/channels';
import { ErrorCodes } from '../domain/errors';
import { redactPersonalData } from '../domain/redact';
import { whatsappWindowOpen } from '../domain/provider-errors';
import { tenantQuietHours, type QuietHours } from '../domain/quiet-hours';
import type { AppPrisma, SystemPrisma } from '../prisma/client';
import { forTenant } from '../prisma/tenant-scope';
import { cancelPendingMessage, cancelPendingMessageForOptOut } from '../prisma/queries/messages/cancel-pending-message';
import { claimMessageForSend } from '../prisma/queries/messages/claim-message-for-send';
import { findDuePendingMessageWorkflows } from '../prisma/queries/messages/find-due-pending-message-workflows';
import { getCurrentContactOrThrow } from '../prisma/queries/contacts/get-contact-or-throw';
import { hasProviderCredentials } from '../prisma/queries/provider-credentials/provider-credentials';
import { complianceReplyAllowed, reserveSendSlot } from '../prisma/queries/send-limits/reserve-send-slot';
import { getSendContext } from '../prisma/queries/messages/get-send-context';
import { pinWindowDecision } from '../prisma/queries/messages/pin-window-decision';
import { markMessageFailed } from '../prisma/queries/messages/mark-message-failed';
import { markMessageSent } from '../prisma/queries/messages/mark-message-sent';
import { recordEvent } from '../prisma/queries/event-logs/record-event';
import { setConsent } from '../prisma/queries/contacts/set-consent';
import { openLedgerEntry } from '../prisma/queries/send-ledger/open-ledger-entry';
import { fenceLedgerEntry, getLedgerEntry } from '../prisma/queries/send-ledger/fence-ledger-entry';
import { findClaimedProviderIds } from '../prisma/queries/send-ledger/find-claimed-provider-ids';
import { settleLedgerEntry } from '../prisma/queries/send-ledger/settle-ledger-entry';
import { pinMessageSender } from '../prisma/queries/messages/pin-message-sender';
import type { ProviderRegistry } from '../providers/credentials/provider-registry';
import { isProviderError, type ProviderSet } from '../providers/messaging-provider';
import type { RealtimeRetention } from './realtime-retention-activities';
import { createSendRoutes } from './send-route';

export interface ActivityDeps {
  /** The application's client: every activity reaches its tenant's data through `forTenant(prisma, tenantId)`. */
  prisma: AppPrisma;
  /** The cross-tenant client, for the one lookup that spans tenants: provider ids claimed by any send. */
  systemPrisma: SystemPrisma;
  /** The server's shared adapters, one per channel. */
  providers: ProviderSet;
  /** The shared sender of each channel a shared Twilio or Resend adapter serves: recorded on what it sends. */
  sharedSenders?: Partial<Record<Channel, string>>;
  /** Adapters for tenants' own provider accounts (needs HERALD_SECRETS_KEY); without it such tenants cannot send. */
  registry?: ProviderRegistry;
  logger: Logger;
  /** Public base URL of the API, for Twilio status callbacks (which carry the send-ledger id). */
  publicUrl?: string;
  /** Base URL of the public quote page (the API); defaults to publicUrl, then http://localhost:4000. */
  quotePageBaseUrl?: string;
  /** Public URL of the web app, for links in account emails (password reset, invitations); http://localhost:3000 when omitted. */
  appUrl?: string;
  /** HERALD_AUTH_SECRET, the API's: opens the sealed password-reset tokens (the development secret when omitted). */
  authSecret?: string;
  /** How long the realtime event log keeps events (7 days when omitted) and the pruning's batch size. */
  realtimeRetention?: RealtimeRetention;
}

/** Provider errors nobody recognises get this many attempts in all, then count as permanent. */
export const UNKNOWN_ERROR_ATTEMPTS = 3;

export interface MessageRef {
  tenantId: string;
  messageId: string;
}

export interface SendContext {
  status: MessageStatus;
  /** The contact's consent for the message's channel. */
  consent: 'unknown' | 'granted' | 'revoked';
  scheduledAt: string | null;
  quietHours: QuietHours | null;
  contactTimeZone: string | null;
  tenantTimeZone: string;
  channel: Channel;
  /** The provider that will send it (for the run's details in Temporal Web). */
  provider: string;
}

export type SendOutcome =
  | { outcome: 'sent'; providerMessageId: string }
  | { outcome: 'failed'; errorCode: string }
  | { outcome: 'cancelled' }
  /** The row's due time differs from the one the workflow waited for: wait for this one instead. */
  | { outcome: 'rescheduled'; scheduledAt: string | null }
  /** Over the tenant's send rate or daily cap: nothing happened; try again at `until`. */
  | { outcome: 'throttled'; until: string };

const STOP_EXPLANATIONS: Record<string, string> = {
  'enrollment:replied': 'The contact replied, so the sequence stopped before this step was sent.',
  'enrollment:opted_out': 'The contact opted out, so the sequence stopped before this step was sent.',
  'enrollment:manual': 'The enrollment was stopped before this step was sent.',
};

function cancelExplanation(reason: string): string {
  return STOP_EXPLANATIONS[reason] ?? `Cancelled before it was sent (${reason}).`;
}

function notFound(ref: MessageRef): ApplicationFailure {
  return ApplicationFailure.nonRetryable(`Message ${ref.messageId} not found`, ErrorCodes.NOT_FOUND);
}

export function createScheduledMessageActivities({ prisma, systemPrisma, providers, sharedSenders, registry, logger, publicUrl }: ActivityDeps) {
  const routes = createSendRoutes({ providers, ...(sharedSenders ? { sharedSenders } : {}), ...(registry ? { registry } : {}) });
  async function fail(ref: MessageRef, errorCode: string, errorMessage: string, provider?: string) {
    const db = forTenant(prisma, ref.tenantId);
    await markMessageFailed(db, ref.messageId, { errorCode, errorMessage, provider: provider ?? null });
    await recordEvent(db, {
      type: 'message.failed',
      subjectType: 'message',
      subjectId: ref.messageId,
      actor: SYSTEM_ACTOR,
      data: { errorCode, errorMessage },
    });
    // The explanation stays on the row: a provider's wording may quote the recipient's number.
    logger.warn({ ...ref, errorCode }, 'message failed');
  }

  return {
    /** Everything the workflow needs to decide when to send, without letting it touch the database. */
    async getSendContext(ref: MessageRef): Promise<SendContext> {
      const db = forTenant(prisma, ref.tenantId);
      const row = await getSendContext(db, ref.messageId);
      if (!row) throw notFound(ref);
      const { tenant } = row;
      const channel = row.channel as Channel;
      // Who will send it, for the run's details: the tenant's own account at the channel's provider, else the shared adapter.
      const ownKind = channel === 'email' ? 'resend' : 'twilio';
      const provider = (await hasProviderCredentials(db, ownKind)) ? ownKind : providers[channel].name;
      return {
        status: row.status,
        consent: row.contact[consentFieldFor(row.channel as Channel)],
        scheduledAt: row.scheduledAt?.toISOString() ?? null,
        quietHours: tenantQuietHours(tenant),
        contactTimeZone: row.contact.timeZone,
        tenantTimeZone: tenant.timeZone,
        channel,
        provider,
      };
    },

    /**
     * Claims the message (pending → sending, only if still due at `expectedScheduledAt`), re-checks consent
     * immediately before the provider call, sends with the message's idempotency key and records the
     * outcome. Transient provider errors are rethrown for Temporal to retry; permanent ones are recorded.
     */
    async sendMessage(
      ref: MessageRef & {
        expectedScheduledAt: string | null;
        complianceReply?: boolean;
        /** The workflow's clock when it decided to send: the send pace is reserved from it (runs started before pacing omit it). */
        at?: string;
      },
    ): Promise<SendOutcome> {
      const db = forTenant(prisma, ref.tenantId);
      const expected = ref.expectedScheduledAt ? new Date(ref.expectedScheduledAt) : null;
      // Every automated message takes its turn in the tenant's pace before it is claimed; compliance replies
      // (the law's STOP/START/HELP confirmations) skip the queue but are bounded per contact below.
      if (ref.at && !ref.complianceReply) {
        const pending = await getSendContext(db, ref.messageId);
        if (pending && isPending(pending.status)) {
          const slot = await reserveSendSlot(db, ref.messageId, new Date(ref.at));
          if (slot.getTime() > Date.parse(ref.at)) return { outcome: 'throttled', until: slot.toISOString() };
        }
      }
      const claimed = await claimMessageForSend(db, ref.messageId, expected);
      const row = await getSendContext(db, ref.messageId);
      if (!row) throw notFound(ref);
      if (!claimed) {
        // A retry of this activity finds its own claim (status sending) and carries on; anything else
        // means someone else decided first.
        if (row.status === 'cancelled') return { outcome: 'cancelled' };
        if (isPending(row.status)) return { outcome: 'rescheduled', scheduledAt: row.scheduledAt?.toISOString() ?? null };
        if (row.status === 'failed') return { outcome: 'failed', errorCode: row.errorCode ?? ErrorCodes.INTERNAL };
        if (row.status !== 'sending') {
          return { outcome: 'sent', providerMessageId: row.providerMessageId ?? '' };
        }
      }

      const channel = row.channel as Channel;
      const { contact } = row;
      if (ref.complianceReply && !(await complianceReplyAllowed(db, contact.id, ref.messageId))) {
        const message = 'This contact already got the most automatic STOP/START/HELP replies allowed in 24 hours; no more are sent, so keyword loops stop.';
        await fail(ref, ErrorCodes.COMPLIANCE_REPLY_LIMIT, message);
        return { outcome: 'failed', errorCode: ErrorCodes.COMPLIANCE_REPLY_LIMIT };
      }
      const to = contact[addressFieldFor(channel)];
      if (!to) {
        const message = `The contact has no ${addressFieldFor(channel) === 'phone' ? 'phone number' : 'email'} for ${channel}.`;
        await fail(ref, ErrorCodes.CONTACT_UNREACHABLE, message);
        return { outcome: 'failed', errorCode: ErrorCodes.CONTACT_UNREACHABLE };
      }

      const windowOpen = whatsappWindowOpen(contact.lastInboundWhatsappAt, new Date());
      // A step's approved template stands in for its text only if the window is closed now (decided once, kept).
      const useTemplate = row.templateOnlyWhenWindowClosed
        ? await pinWindowDecision(db, ref.messageId, { useTemplate: !windowOpen, templateBody: row.templateBody })
        : row.templateSid !== null;
      const template =
        useTemplate && row.templateSid ? { contentSid: row.templateSid, variables: (row.templateVariables ?? {}) as Record<string, string> } : undefined;
      if (channel === 'whatsapp' && !template && !ref.complianceReply && !windowOpen) {
        const message =
          'WhatsApp allows free-form messages only within 24 hours of the contact’s last message; send an approved template instead. Nothing was sent.';
        await fail(ref, ErrorCodes.WHATSAPP_WINDOW_CLOSED, message);
        return { outcome: 'failed', errorCode: ErrorCodes.WHATSAPP_WINDOW_CLOSED };
      }
      // The tenant's own account or the shared one, from the tenant's default sender or the shared one — decided
      // once: the sender is pinned on the message before the first call, and later attempts keep it.
      const route = await routes.resolve(db, channel, row.tenantAddress);
      if (!route.ok) {
        await fail(ref, route.errorCode, route.message);
        return { outcome: 'failed', errorCode: route.errorCode };
      }
      const { provider } = route;
      const from = route.from === null || route.from === row.tenantAddress ? route.from : await pinMessageSender(db, ref.messageId, route.from);
      const idempotencyKey = row.idempotencyKey ?? row.id;
      const sent = async (providerMessageId: string, reconciled: boolean): Promise<SendOutcome> => {
        await settleLedgerEntry(db, idempotencyKey, { status: 'accepted', providerMessageId });
        await markMessageSent(db, ref.messageId, { provider: provider.name, providerMessageId, sentAt: new Date() });
        await recordEvent(db, {
          type: 'message.sent',
          subjectType: 'message',
          subjectId: ref.messageId,
          actor: SYSTEM_ACTOR,
          data: { provider: provider.name, providerMessageId, ...(reconciled ? { reconciled: true } : {}) },
        });
        logger.info({ ...ref, contactId: contact.id, channel, provider: provider.name, account: route.account, reconciled }, 'message sent');
        return { outcome: 'sent', providerMessageId };
      };

      // Exactly once: the ledger entry exists before the provider is called. A later attempt that finds the
      // provider accepted the message never sends it again; one that cannot know (the answer was lost, or
      // the worker died mid-call) looks the message up first where the provider has no idempotency key.
      const ledger = await openLedgerEntry(db, { messageId: row.id, idempotencyKey, provider: provider.name });
      // Opening numbered this attempt: only while no later attempt has opened the entry may it act for it.
      const owner = ledger.attempts;
      if (ledger.status === 'accepted' && ledger.providerMessageId) return sent(ledger.providerMessageId, true);
      if (ledger.attempts > 1 && ledger.status !== 'failed' && provider.lookup) {
        const found = await provider.lookup(
          {
            channel,
            to,
            ...(from ? { from } : {}),
            body: template ? null : row.body,
            sentAfter: ledger.createdAt,
            claimedElsewhere: (ids) => findClaimedProviderIds(systemPrisma, ids, ledger.id),
          },
          { signal: Context.current().cancellationSignal },
        );
        if (found) return sent(found.providerMessageId, true);
      }

      // Consent is read again right before the call, after every other await, so an opt-out recorded
      // before this point always wins. Compliance replies (the STOP confirmation itself) are exempt.
      if (!ref.complianceReply) {
        // The contact as it is now (merged meanwhile: the one kept, whose consent counts).
        const consent = await getCurrentContactOrThrow(db, contact.id);
        if (consent[consentFieldFor(channel)] === 'revoked') {
          const message = `${contact.firstName ?? 'The contact'} opted out of ${channel} messages; nothing was sent.`;
          await settleLedgerEntry(db, idempotencyKey, { status: 'failed', lastError: message }, owner);
          await fail(ref, ErrorCodes.CONSENT_REVOKED, message);
          return { outcome: 'failed', errorCode: ErrorCodes.CONSENT_REVOKED };
        }
      }

      // The fence: an attempt overtaken while it waited (a stalled worker whose activity timed out, a slow
      // lookup) must not call out after the attempt that overtook it. What the owner decided stands.
      if (!(await fenceLedgerEntry(db, ledger.id, owner))) {
        const now = await getLedgerEntry(db, ledger.id);
        if (now?.status === 'accepted' && now.providerMessageId) return sent(now.providerMessageId, true);
        throw ApplicationFailure.create({
          type: 'SEND_SUPERSEDED',
          message: `Attempt ${Context.current().info.attempt} of message ${ref.messageId} was overtaken by a later attempt; it did not call ${provider.name}.`,
        });
      }
      // A long call keeps heartbeating: a worker that stalls stops, and Temporal hands the send to another
      // attempt soon (which the fence above then protects) instead of after the whole start-to-close timeout.
      const context = Context.current();
      const heartbeat = setInterval(() => context.heartbeat(), 1000);
      try {
        context.heartbeat();
        const receipt = await provider.send({
          channel,
          to,
          body: row.body,
          subject: row.subject,
          mediaUrls: row.mediaUrls,
          idempotencyKey,
          ...(from ? { from } : {}),
          ...(template ? { template } : {}),
          ...(publicUrl ? { statusCallbackUrl: `${publicUrl.replace(/\/+$/, '')}/webhooks/twilio/status?ledger=${ledger.id}` } : {}),
        }, { signal: Context.current().cancellationSignal });
        return await sent(receipt.providerMessageId, false);
      } catch (error) {
        if (!isProviderError(error)) throw error;
        const attempt = context.info.attempt;
        const giveUp = error.kind === 'permanent' || (error.kind === 'unknown' && attempt >= UNKNOWN_ERROR_ATTEMPTS);
        if (giveUp) {
          await settleLedgerEntry(db, idempotencyKey, { status: 'failed', lastError: `${error.code}: ${error.message}` }, owner);
          if (error.optOut) await setConsent(db, contact.id, channel, 'revoked');
          await fail(ref, error.code, error.message, provider.name);
          return { outcome: 'failed', errorCode: error.code };
        }
        await settleLedgerEntry(
          db,
          idempotencyKey,
          { status: error.kind === 'ambiguous' ? 'ambiguous' : 'pending', lastError: `${error.code}: ${error.message}` },
          owner,
        );
        throw ApplicationFailure.create({
          type: error.kind === 'ambiguous' ? 'PROVIDER_AMBIGUOUS' : ErrorCodes.PROVIDER_TRANSIENT,
          // Temporal keeps this in the run's history: no number or address a provider quoted may go with it.
          message: redactPersonalData(`${provider.name}: ${error.message} (${error.code})`),
          ...(error.retryAfterMs !== undefined ? { nextRetryDelay: error.retryAfterMs } : {}),
        });
      } finally {
        clearInterval(heartbeat);
      }
    },

    /**
     * A parent workflow ends a message it started that has not gone out yet (its enrollment stopped): the
     * same compare-and-set as a person's cancel, with the reason on the row. False when it was too late.
     */
    async cancelPendingMessage(ref: MessageRef & { reason: string }): Promise<boolean> {
      const db = forTenant(prisma, ref.tenantId);
      const cancelled = await cancelPendingMessage(db, ref.messageId, { errorCode: 'CANCELLED', errorMessage: cancelExplanation(ref.reason) });
      if (cancelled) await recordEvent(db, { type: 'message.cancelled', subjectType: 'message', subjectId: ref.messageId, actor: SYSTEM_ACTOR, data: { reason: ref.reason } });
      return cancelled;
    },

    /** A page of the tenant's due messages still waiting to go out, for a change of its rules to reach them. */
    async findDuePendingSends(input: { tenantId: string; afterId: string | null; limit: number; now: string }) {
      return findDuePendingMessageWorkflows(forTenant(prisma, input.tenantId), { afterId: input.afterId, limit: input.limit, now: new Date(input.now) });
    },

    /** An opt-out arrived while the message waited: it is cancelled, with the reason on the row. */
    async cancelForOptOut(ref: MessageRef): Promise<void> {
      const db = forTenant(prisma, ref.tenantId);
      if (await cancelPendingMessageForOptOut(db, ref.messageId)) await recordEvent(db, { type: 'message.cancelled', subjectType: 'message', subjectId: ref.messageId, actor: SYSTEM_ACTOR, data: { reason: 'opt-out' } });
    },

    /** Called by the workflow when retries are exhausted, so the row never stays stuck in `sending`. */
    async recordSendFailure(ref: MessageRef & { errorCode: string; errorMessage: string }): Promise<void> {
      await fail(ref, ref.errorCode, ref.errorMessage);
    },
  };
}

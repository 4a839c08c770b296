import { condition, executeChild, setHandler } from '@temporalio/workflow';
import { dbActivities } from './activity-proxies';
import {
  childOptions,
  optOutSignal,
  quoteRespondedSignal,
  quoteStateQuery,
  scheduledMessageStart,
  type QuoteInput,
  type QuoteResult,
  type QuoteWorkflowState,
} from './definitions';
import { sendScheduledMessageWorkflow } from './scheduled-message';

const { getQuoteTimeline, prepareQuoteMessage, markQuoteSent, markQuoteFollowedUp, expireQuote, recordQuoteNotSent } = dbActivities;

const DAY_MS = 86_400_000;

/**
 * A new quote: text it to the lead (consent and quiet hours apply — the send is a child scheduled-message
 * workflow), follow up after the tenant's number of days if nobody answered, and expire it at its expiry.
 * The public quote page's accept/reject updates the row and signals here, which ends the follow-ups.
 * Workflow id quote:<tenant>:<quote> is never reused, so however many triggers fire the quote is texted once.
 */
export async function sendQuoteWorkflow(input: QuoteInput): Promise<QuoteResult> {
  const ref = { tenantId: input.tenantId, quoteId: input.quoteId };
  let response: 'accepted' | 'rejected' | null = null;
  let smsOptOut = false;
  let state: QuoteWorkflowState = 'sending';
  let sent = false;
  let followedUp = false;
  let followUpAtMs: number | null = null;
  let expiresAtMs: number | null = null;

  setHandler(quoteRespondedSignal, ({ response: answer }) => {
    response ??= answer;
  });
  setHandler(optOutSignal, ({ channel }) => {
    if (channel === 'sms') smsOptOut = true;
  });
  setHandler(quoteStateQuery, () => ({
    state,
    sent,
    followedUp,
    followUpAt: followUpAtMs !== null ? new Date(followUpAtMs).toISOString() : null,
    expiresAt: expiresAtMs !== null ? new Date(expiresAtMs).toISOString() : null,
  }));

  const done = (result: Omit<QuoteResult, 'sent' | 'followedUp'>): QuoteResult => {
    state = 'done';
    return { ...result, sent, followedUp };
  };

  /** Sends the quote message of this kind; true when the provider accepted it. */
  const send = async (kind: 'initial' | 'follow_up'): Promise<{ sent: boolean; reason?: string }> => {
    const prepared = await prepareQuoteMessage({ ...ref, kind });
    if (prepared.kind === 'skip') return { sent: false, reason: prepared.reason };
    if (prepared.kind === 'invalid') return { sent: false, reason: `template: ${prepared.problems.map((p) => p.message).join('; ')}` };
    const outcome = await executeChild(
      sendScheduledMessageWorkflow,
      childOptions(scheduledMessageStart({ tenantId: input.tenantId, messageId: prepared.messageId, contactId: prepared.contactId, scheduledAt: null }, { derived: true })),
    );
    return outcome.outcome === 'sent' ? { sent: true } : { sent: false, reason: outcome.errorCode ?? outcome.outcome };
  };

  const timeline = await getQuoteTimeline(ref);
  expiresAtMs = timeline.expiresAt ? Date.parse(timeline.expiresAt) : null;
  if (timeline.status !== 'open' && timeline.status !== 'draft') return done({ outcome: 'closed', reason: `quote is ${timeline.status}` });
  if (timeline.status === 'draft') return done({ outcome: 'closed', reason: 'quote is a draft' });
  if (expiresAtMs !== null && expiresAtMs <= Date.now()) {
    const expired = await expireQuote(ref);
    return done({ outcome: expired ? 'expired' : 'closed' });
  }

  const first = await send('initial');
  let reason: string | undefined;
  if (first.sent) {
    sent = true;
    await markQuoteSent(ref);
  } else {
    reason = first.reason;
    await recordQuoteNotSent({ ...ref, reason: reason ?? 'unknown' });
  }

  // Follow up once, if the quote is still unanswered and would not have expired by then.
  state = 'waiting';
  if (sent && timeline.followUpDays > 0) {
    const at = Date.now() + timeline.followUpDays * DAY_MS;
    if (expiresAtMs === null || at < expiresAtMs) followUpAtMs = at;
  }
  if (followUpAtMs !== null) {
    await condition(() => response !== null || smsOptOut, followUpAtMs - Date.now());
    if (response === null && !smsOptOut) {
      state = 'following-up';
      const follow = await send('follow_up');
      if (follow.sent) {
        followedUp = true;
        await markQuoteFollowedUp(ref);
      }
      state = 'waiting';
    }
    followUpAtMs = null;
  }
  if (response !== null) return done({ outcome: response });
  if (expiresAtMs === null) return done({ outcome: 'open', ...(reason ? { reason } : {}) });

  const untilExpiry = expiresAtMs - Date.now();
  if (untilExpiry > 0) await condition(() => response !== null, untilExpiry);
  if (response !== null) return done({ outcome: response });
  const expired = await expireQuote(ref);
  return done({ outcome: expired ? 'expired' : 'closed', ...(reason ? { reason } : {}) });
}

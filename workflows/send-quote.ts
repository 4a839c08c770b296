import { condition, executeChild, setCurrentDetails, setHandler } from '@temporalio/workflow';
import { dbActivities } from './activity-proxies';
import { duration, localMoment, messageRunSummary } from '../domain/run-summaries';
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
  // The quote's channel (read with its timeline; quotes from before channels were SMS) and the channels opted out of.
  let channel: 'sms' | 'whatsapp' = 'sms';
  const optedOut = new Set<string>();
  const channelOptedOut = () => optedOut.has(channel);
  let state: QuoteWorkflowState = 'sending';
  let sent = false;
  let followedUp = false;
  let followUpAtMs: number | null = null;
  let expiresAtMs: number | null = null;

  setHandler(quoteRespondedSignal, ({ response: answer }) => {
    response ??= answer;
  });
  setHandler(optOutSignal, ({ channel: from }) => {
    optedOut.add(from);
  });
  setHandler(quoteStateQuery, () => ({
    state,
    sent,
    followedUp,
    followUpAt: followUpAtMs !== null ? new Date(followUpAtMs).toISOString() : null,
    expiresAt: expiresAtMs !== null ? new Date(expiresAtMs).toISOString() : null,
  }));

  let zone = 'UTC';
  const ENDINGS: Record<QuoteResult['outcome'], string> = {
    accepted: 'the lead accepted',
    rejected: 'the lead declined',
    expired: 'it expired unanswered',
    closed: 'the quote was already closed',
    open: 'its work is done; the quote stays open for an answer on its page',
  };
  /** What Temporal Web shows as this run's current details. */
  const details = (ending?: Omit<QuoteResult, 'sent' | 'followedUp'>): string => {
    if (ending) {
      const why =
        ending.outcome === 'open' && channelOptedOut()
          ? `the contact opted out of ${channel === 'sms' ? 'SMS' : 'WhatsApp'}; the quote stays open for an answer on its page`
          : ENDINGS[ending.outcome];
      return `Ended: ${why}${ending.reason && ending.outcome !== 'open' ? ` (${ending.reason})` : ''}`;
    }
    if (state === 'sending') return 'Sending the quote';
    if (state === 'following-up') return 'Sending the follow-up';
    const expires = expiresAtMs !== null ? `; expires ${localMoment(expiresAtMs, zone)}` : '';
    const follow = followUpAtMs !== null ? ` — follow-up due ${localMoment(followUpAtMs, zone)}` : '';
    return `${sent ? 'Sent' : 'Not sent'}; waiting for an answer${follow}${expires}`;
  };

  const done = (result: Omit<QuoteResult, 'sent' | 'followedUp'>): QuoteResult => {
    state = 'done';
    setCurrentDetails(details(result));
    return { ...result, sent, followedUp };
  };

  /** Sends the quote message of this kind; true when the provider accepted it. */
  const send = async (kind: 'initial' | 'follow_up'): Promise<{ sent: boolean; reason?: string }> => {
    const prepared = await prepareQuoteMessage({ ...ref, kind });
    if (prepared.kind === 'skip') return { sent: false, reason: prepared.reason };
    if (prepared.kind === 'invalid') return { sent: false, reason: `template: ${prepared.problems.map((p) => p.message).join('; ')}` };
    const outcome = await executeChild(
      sendScheduledMessageWorkflow,
      childOptions(
        scheduledMessageStart(
          { tenantId: input.tenantId, messageId: prepared.messageId, contactId: prepared.contactId, scheduledAt: null, timeZone: zone },
          { derived: true, staticSummary: messageRunSummary(channel, { kind: 'quote', followUp: kind === 'follow_up' }) },
        ),
      ),
    );
    return outcome.outcome === 'sent' ? { sent: true } : { sent: false, reason: outcome.errorCode ?? outcome.outcome };
  };

  setCurrentDetails(details());
  const timeline = await getQuoteTimeline(ref);
  zone = timeline.timeZone ?? 'UTC';
  channel = timeline.channel ?? 'sms';
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
  setCurrentDetails(details());
  if (followUpAtMs !== null) {
    await condition(() => response !== null || channelOptedOut(), followUpAtMs - Date.now(), { summary: `follow-up in ${duration(followUpAtMs - Date.now())}` });
    if (response === null && !channelOptedOut()) {
      state = 'following-up';
      setCurrentDetails(details());
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
  setCurrentDetails(details());
  if (untilExpiry > 0) await condition(() => response !== null, untilExpiry, { summary: `quote expires ${localMoment(expiresAtMs, zone)}` });
  if (response !== null) return done({ outcome: response });
  const expired = await expireQuote(ref);
  return done({ outcome: expired ? 'expired' : 'closed', ...(reason ? { reason } : {}) });
}

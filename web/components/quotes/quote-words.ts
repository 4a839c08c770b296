import type { QuoteView } from '../../../domain/schemas/quote';

export const QUOTE_STATUS_LABELS: Record<QuoteView['status'], string> = {
  draft: 'Draft',
  open: 'Sending',
  sent: 'Sent',
  accepted: 'Accepted',
  rejected: 'Declined',
  expired: 'Expired',
};

export const QUOTE_STATUS_TONES: Record<QuoteView['status'], 'default' | 'secondary' | 'outline' | 'destructive'> = {
  draft: 'outline',
  open: 'secondary',
  sent: 'secondary',
  accepted: 'default',
  rejected: 'destructive',
  expired: 'outline',
};

/** What happened to a quote, oldest first, from its own times: the status timeline of its page. */
export function quoteTimeline(quote: QuoteView): Array<{ key: string; label: string; at: string | null; done: boolean }> {
  const answered = quote.status === 'accepted' || quote.status === 'rejected';
  const steps = [
    { key: 'created', label: 'Created', at: quote.createdAt, done: true },
    { key: 'sent', label: quote.channel === 'whatsapp' ? 'Sent on WhatsApp' : 'Texted', at: quote.sentAt, done: quote.sentAt !== null },
    { key: 'followed-up', label: 'Followed up', at: quote.followedUpAt, done: quote.followedUpAt !== null },
    { key: 'viewed', label: 'Opened by the lead', at: quote.viewedAt, done: quote.viewedAt !== null },
    answered
      ? { key: 'answered', label: quote.status === 'accepted' ? 'Accepted' : 'Declined', at: quote.respondedAt, done: true }
      : quote.status === 'expired'
        ? { key: 'expired', label: 'Expired', at: quote.expiresAt, done: true }
        : { key: 'answer', label: quote.expiresAt ? 'Waiting for an answer until it expires' : 'Waiting for an answer', at: quote.expiresAt, done: false },
  ];
  // Steps that did not happen and no longer can (no follow-up on an answered quote) are left out.
  return steps.filter((s) => s.done || s.key === 'answer' || (s.key === 'sent' && !answered));
}

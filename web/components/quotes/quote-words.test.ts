import { describe, expect, it } from 'vitest';
import type { QuoteView } from '../../../domain/schemas/quote';
import { quoteTimeline } from './quote-words';

const base: QuoteView = {
  id: 'quo_1', contactId: 'ctc_1', externalId: null, title: null, total: '10.00', currency: 'USD', totalFormatted: '$10.00', status: 'sent', channel: 'sms',
  lineItems: [], data: {}, shortUrl: 'https://x/q/1', expiresAt: null, sentAt: '2026-11-20T10:00:00Z', respondedAt: null, followedUpAt: null, viewedAt: null,
  createdAt: '2026-11-20T09:59:00Z', workflowId: null, temporalUrl: null,
};

describe('a quote’s timeline', () => {
  it('shows what happened in order and what it waits for', () => {
    expect(quoteTimeline(base).map((s) => [s.key, s.done])).toEqual([['created', true], ['sent', true], ['answer', false]]);
  });

  it('ends with the answer, leaving out what can no longer happen', () => {
    const accepted = { ...base, status: 'accepted' as const, viewedAt: '2026-11-20T11:00:00Z', respondedAt: '2026-11-20T11:05:00Z' };
    expect(quoteTimeline(accepted).map((s) => s.label)).toEqual(['Created', 'Texted', 'Opened by the lead', 'Accepted']);
    const expired = { ...base, status: 'expired' as const, expiresAt: '2026-11-27T00:00:00Z', followedUpAt: '2026-11-23T10:00:00Z' };
    expect(quoteTimeline(expired).map((s) => s.key)).toEqual(['created', 'sent', 'followed-up', 'expired']);
  });
});

import { formatMoney } from '../domain/money';
import { lineItemViews, type QuoteLineItem } from '../domain/quote-line-items';
import { quotePageUrl } from '../domain/quote-page-url';
import { temporalRunUrl, type TemporalWebConfig } from '../domain/temporal-web-links';
import { iso } from './views';

type QuoteRow = {
  id: string;
  contactId: string;
  externalId: string | null;
  title: string | null;
  total: { toFixed(digits: number): string };
  currency: string;
  status: string;
  channel: string;
  lineItems: unknown;
  data: unknown;
  publicToken: string;
  expiresAt: Date | null;
  sentAt: Date | null;
  respondedAt: Date | null;
  followedUpAt: Date | null;
  viewedAt: Date | null;
  workflowId: string | null;
  createdAt: Date;
};

export function toQuoteView(row: QuoteRow, web: TemporalWebConfig, publicUrl: string) {
  const total = row.total.toFixed(2);
  return {
    id: row.id,
    contactId: row.contactId,
    externalId: row.externalId,
    title: row.title,
    total,
    currency: row.currency,
    totalFormatted: formatMoney(total, row.currency),
    status: row.status,
    channel: row.channel,
    lineItems: lineItemViews(row.lineItems as QuoteLineItem[]),
    data: row.data,
    shortUrl: quotePageUrl(publicUrl, row.publicToken),
    expiresAt: iso(row.expiresAt),
    sentAt: iso(row.sentAt),
    respondedAt: iso(row.respondedAt),
    followedUpAt: iso(row.followedUpAt),
    viewedAt: iso(row.viewedAt),
    createdAt: row.createdAt.toISOString(),
    workflowId: row.workflowId,
    temporalUrl: row.workflowId ? temporalRunUrl(web, row.workflowId) : null,
  };
}

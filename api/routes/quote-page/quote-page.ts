import type { RequestHandler } from 'express';
import { formatMoney } from '../../../domain/money';
import { lineItemViews, type QuoteLineItem } from '../../../domain/quote-line-items';
import { escapeHtml } from '../../../domain/html';
import { quoteMessageId, scheduledMessageWorkflowId } from '../../../domain/derived-ids';
import { cancelPendingMessage } from '../../../prisma/queries/messages/cancel-pending-message';
import { recordEvent } from '../../../prisma/queries/event-logs/record-event';
import { findQuoteByPublicToken, markQuoteViewed, respondToQuote } from '../../../prisma/queries/quotes/quotes';
import { forTenant } from '../../../prisma/tenant-scope';
import { cancelSignal, quoteRespondedSignal } from '../../../workflows/definitions';
import type { ApiDeps } from '../../deps';

const TOKEN = /^[0-9a-f]{32}$/;
type Found = NonNullable<Awaited<ReturnType<typeof findQuoteByPublicToken>>>;

function page(title: string, content: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;background:#f5f6f8;color:#1d2330;margin:0;padding:24px}
main{max-width:480px;margin:40px auto;background:#fff;border-radius:12px;box-shadow:0 1px 4px rgba(0,0,0,.08);padding:28px}
h1{font-size:1.3rem;margin:0 0 4px}.from{color:#5b6475;margin:0 0 20px}.total{font-size:2rem;font-weight:700;margin:8px 0}
.meta{color:#5b6475;font-size:.95rem}.status{padding:12px 14px;border-radius:8px;background:#eef2ff;margin-top:20px}
.actions{display:flex;gap:12px;margin-top:24px}button{flex:1;font-size:1rem;padding:12px;border-radius:8px;border:0;cursor:pointer}
.accept{background:#1f7a4d;color:#fff}
.lines{width:100%;border-collapse:collapse;margin:16px 0 4px;font-size:15px}.lines th,.lines td{padding:8px 4px;border-bottom:1px solid #e8eaee;text-align:left;vertical-align:top;overflow-wrap:anywhere}.lines th{font-size:13px;color:#5b6473;font-weight:600}.lines .num{text-align:right;white-space:nowrap}.reject{background:#e8eaee;color:#1d2330}
</style></head><body><main>${content}</main></body></html>`;
}

/** The quote's lines as a table (none when it has only a total). */
function lineItemsTable(quote: Found): string {
  const lines = lineItemViews(quote.lineItems as unknown as QuoteLineItem[]);
  if (lines.length === 0) return '';
  const money = (amount: string) => escapeHtml(formatMoney(amount, quote.currency));
  const rows = lines
    .map((l) => `<tr><td>${escapeHtml(l.description)}</td><td class="num">${escapeHtml(String(l.quantity))}</td><td class="num">${money(l.unitPrice)}</td><td class="num">${money(l.amount)}</td></tr>`)
    .join('');
  return `<table class="lines"><thead><tr><th scope="col">Item</th><th scope="col" class="num">Qty</th><th scope="col" class="num">Price</th><th scope="col" class="num">Amount</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function render(quote: Found, now: Date): string {
  const zone = quote.contact.timeZone || quote.tenant.timeZone;
  const when = (d: Date) => new Intl.DateTimeFormat('en-US', { timeZone: zone, dateStyle: 'long', timeStyle: 'short' }).format(d);
  const expired = quote.status === 'expired' || (quote.expiresAt !== null && quote.expiresAt <= now && (quote.status === 'open' || quote.status === 'sent'));
  const answerable = !expired && (quote.status === 'open' || quote.status === 'sent');
  const business = escapeHtml(quote.tenant.businessName);
  const greeting = quote.contact.firstName ? `Hi ${escapeHtml(quote.contact.firstName)}, here is your quote.` : 'Here is your quote.';
  const status =
    quote.status === 'accepted'
      ? `You accepted this quote${quote.respondedAt ? ` on ${escapeHtml(when(quote.respondedAt))}` : ''}. ${business} will be in touch.`
      : quote.status === 'rejected'
        ? `You declined this quote. Thank you for letting ${business} know.`
        : expired
          ? `This quote has expired.${quote.tenant.supportContact ? ` Contact ${escapeHtml(quote.tenant.supportContact)} for a new one.` : ''}`
          : null;
  const base = `/q/${quote.publicToken}`;
  return page(
    `Quote from ${quote.tenant.businessName}`,
    `<h1>${quote.title ? escapeHtml(quote.title) : 'Your quote'}</h1>
<p class="from">From ${business}. ${greeting}</p>
${lineItemsTable(quote)}<div class="total">${escapeHtml(formatMoney(quote.total.toFixed(2), quote.currency))}</div>
${quote.expiresAt && answerable ? `<p class="meta">Valid until ${escapeHtml(when(quote.expiresAt))}.</p>` : ''}
${status ? `<p class="status" role="status">${status}</p>` : ''}
${
  answerable
    ? `<div class="actions"><form method="post" action="${base}/accept" style="flex:1;display:flex"><button class="accept" type="submit">Accept quote</button></form>
<form method="post" action="${base}/reject" style="flex:1;display:flex"><button class="reject" type="submit">Decline</button></form></div>`
    : ''
}`,
  );
}

function notFound(res: Parameters<RequestHandler>[1]): void {
  res.status(404).type('html').send(page('Quote not found', '<h1>Quote not found</h1><p class="meta">This link is not valid. Please check the message you received.</p>'));
}

/** A lead's page is private to the lead: never cached, indexed, framed or leaked through a Referer. */
export const quotePageHeaders: RequestHandler = (_req, res, next) => {
  res.set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'X-Robots-Tag': 'noindex', 'X-Frame-Options': 'DENY' });
  next();
};

/** The lead's page for a quote, reached by the short URL in the SMS. No login: the unguessable token is the key. */
export function showQuotePage(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const token = String(req.params.token);
    const quote = TOKEN.test(token) ? await findQuoteByPublicToken(deps.systemPrisma, token) : null;
    if (!quote || quote.status === 'draft') return notFound(res);
    // Link previews fetch the page too (messaging apps unfurl links): "viewed" means the page was opened.
    if (!quote.viewedAt) await markQuoteViewed(forTenant(deps.prisma, quote.tenantId), quote);
    res.type('html').send(render(quote, new Date()));
  };
}

/**
 * The lead's answer from the page's form: recorded with a compare-and-set, then signalled to the quote's
 * workflow (which stops follow-ups).
 */
export function answerQuote(deps: ApiDeps, response: 'accepted' | 'rejected'): RequestHandler {
  return async (req, res) => {
    const token = String(req.params.token);
    const quote = TOKEN.test(token) ? await findQuoteByPublicToken(deps.systemPrisma, token) : null;
    if (!quote || quote.status === 'draft') return notFound(res);
    const db = forTenant(deps.prisma, quote.tenantId);
    if (await respondToQuote(db, token, response)) {
      await recordEvent(db, { type: `quote.${response}`, subjectType: 'quote', subjectId: quote.id, actor: { kind: 'contact', id: quote.contactId }, data: { via: 'quote-page' } });
      // A quote SMS still waiting (quiet hours) is pointless once the lead has answered: cancel it, as the
      // message API would. A message already being sent is left to finish.
      const waiting: string[] = [];
      for (const kind of ['initial', 'follow_up'] as const) {
        const messageId = quoteMessageId(quote.id, kind);
        if (await cancelPendingMessage(db, messageId)) waiting.push(scheduledMessageWorkflowId(quote.tenantId, messageId));
      }
      try {
        const client = await deps.temporal.client();
        for (const workflowId of waiting) await client.workflow.getHandle(workflowId).signal(cancelSignal, { reason: `quote ${response}` });
        if (quote.workflowId) await client.workflow.getHandle(quote.workflowId).signal(quoteRespondedSignal, { response });
      } catch (error) {
        // The answer is saved and the messages cancelled in the database: the workflows read both before
        // sending anything, so nothing goes out.
        deps.logger.warn({ err: error, quoteId: quote.id }, 'could not signal the quote workflows');
      }
    }
    res.redirect(303, `/q/${token}`);
  };
}

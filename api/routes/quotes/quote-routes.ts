import type { RequestHandler } from 'express';
import { deliveryBlocker } from '../../../domain/channels';
import { AppError, ErrorCodes } from '../../../domain/errors';
import { CreateQuoteSchema, ListQuotesQuerySchema, QuoteSettingsSchema } from '../../../domain/schemas/quote';
import { templateInvalidError, templateProblemsAt } from '../../../domain/templates';
import { quoteWorkflowId } from '../../../domain/derived-ids';
import { getContactOrThrow } from '../../../prisma/queries/contacts/get-contact-or-throw';
import { recordEvent } from '../../../prisma/queries/event-logs/record-event';
import { createIngestedQuote } from '../../../prisma/queries/quotes/create-ingested-quote';
import { getQuoteOrThrow, getQuoteSettings, listQuotes, setQuoteWorkflowId, updateQuoteSettings } from '../../../prisma/queries/quotes/quotes';
import type { ApiDeps } from '../../deps';
import { actorOf } from '../../http/actor';
import { tenantOf } from '../../http/authenticate';
import { publicBaseUrl } from '../../http/public-url';
import { toQuoteView } from '../../quote-views';
import { startQueuedWorkflows } from '../../start-queued-workflows';

/** The base of quote links: the same one the worker puts in the SMS when HERALD_PUBLIC_URL is set. */
const quoteLinksBase = (deps: ApiDeps, req: Parameters<RequestHandler>[0]) => publicBaseUrl(req, deps.publicUrl ?? deps.webhooks?.publicUrl);

/**
 * Writes the quote and starts its workflow straight away. The insert trigger also queues it in the workflow
 * outbox, so a quote created here while Temporal is down is still texted by the worker's relay once Temporal
 * is back — and never twice.
 */
export function createQuoteRoute(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const input = CreateQuoteSchema.parse(req.body);
    const { tenantId, db } = tenantOf(res);
    const contact = await getContactOrThrow(db, input.contactId);
    if (input.expiresAt && Date.parse(input.expiresAt) <= Date.now()) throw new AppError(ErrorCodes.VALIDATION, 'expiresAt: must be in the future');
    const quote = await createIngestedQuote(db, contact.id, input);
    let warning: string | undefined;
    const { followUpDays } = await getQuoteSettings(db);
    const { unreachable } = await startQueuedWorkflows(deps, [{ kind: 'quote', tenantId, quoteId: quote.id, contactId: contact.id, followUpDays }]);
    if (unreachable) warning = 'Saved; the workflow engine could not be reached, so the quote will be sent as soon as it is back.';
    await setQuoteWorkflowId(db, quote.id, quoteWorkflowId(tenantId, quote.id));
    await recordEvent(db, { type: 'quote.created', subjectType: 'quote', subjectId: quote.id, actor: actorOf(res), data: { source: 'api', externalId: quote.externalId } });
    const channelName = input.channel === 'whatsapp' ? 'WhatsApp' : 'SMS';
    const blocker = deliveryBlocker(contact, input.channel);
    if (blocker === 'missing_channel') warning = `The contact has no phone number, so the quote will not be sent by ${channelName}; share its shortUrl another way.`;
    else if (blocker === 'opted_out') warning = `The contact opted out of ${channelName}, so the quote will not be sent; share its shortUrl another way.`;
    const row = await getQuoteOrThrow(db, quote.id);
    res.status(201).json({ quote: toQuoteView(row, deps.temporalWeb, quoteLinksBase(deps, req)), ...(warning ? { warning } : {}) });
  };
}

export function listQuotesRoute(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const query = ListQuotesQuerySchema.parse(req.query);
    const { quotes, nextCursor } = await listQuotes(tenantOf(res).db, query);
    res.json({ quotes: quotes.map((q) => toQuoteView(q, deps.temporalWeb, quoteLinksBase(deps, req))), nextCursor });
  };
}

export function getQuoteRoute(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const quote = await getQuoteOrThrow(tenantOf(res).db, String(req.params.id));
    res.json({ quote: toQuoteView(quote, deps.temporalWeb, quoteLinksBase(deps, req)) });
  };
}

export function getQuoteSettingsRoute(): RequestHandler {
  return async (_req, res) => {
    res.json({ quoteSettings: await getQuoteSettings(tenantOf(res).db) });
  };
}

/** The quote texts are checked against the quote variables on save: a typo is a 422 listing it, never a blank. */
export function updateQuoteSettingsRoute(): RequestHandler {
  return async (req, res) => {
    const input = QuoteSettingsSchema.parse(req.body);
    const problems = templateProblemsAt({ messageTemplate: input.messageTemplate, followUpTemplate: input.followUpTemplate }, 'quote');
    if (problems.length) throw templateInvalidError('The quote settings', problems);
    res.json({ quoteSettings: await updateQuoteSettings(tenantOf(res).db, input, actorOf(res)) });
  };
}

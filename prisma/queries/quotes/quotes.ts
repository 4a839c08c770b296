import type { Actor } from '../../../domain/audit';
import { AppError, ErrorCodes } from '../../../domain/errors';
import type { QuoteSettings } from '../../../domain/schemas/quote';
import type { SystemPrisma } from '../../client';
import { recordEvent } from '../event-logs/record-event';
import type { TenantDb, TenantTx } from '../../tenant-scope';

export async function getQuoteOrThrow(db: TenantDb, quoteId: string) {
  const quote = await db.quote.findFirst({ where: { id: quoteId } });
  if (!quote) throw new AppError(ErrorCodes.NOT_FOUND, `Quote ${quoteId} not found`, { details: { quoteId } });
  return quote;
}

export async function listQuotes(
  db: TenantDb,
  query: { status?: 'draft' | 'open' | 'sent' | 'accepted' | 'rejected' | 'expired' | undefined; contactId?: string | undefined; limit: number; cursor?: string | undefined },
) {
  const rows = await db.quote.findMany({
    where: { ...(query.status ? { status: query.status } : {}), ...(query.contactId ? { contactId: query.contactId } : {}) },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  return { quotes: page, nextCursor: more ? page[page.length - 1]!.id : null };
}

export async function getQuoteSettings(db: TenantTx) {
  const tenant = await db.tenant.findFirstOrThrow({
    select: { quoteMessageTemplate: true, quoteFollowUpTemplate: true, quoteFollowUpDays: true, quoteWhatsappContentSid: true, quoteFollowUpWhatsappContentSid: true },
  });
  return {
    messageTemplate: tenant.quoteMessageTemplate,
    followUpTemplate: tenant.quoteFollowUpTemplate,
    followUpDays: tenant.quoteFollowUpDays,
    whatsappContentSid: tenant.quoteWhatsappContentSid,
    whatsappFollowUpContentSid: tenant.quoteFollowUpWhatsappContentSid,
  };
}

/** Changes the quote texts and follow-up, recorded in the event log (the names of the fields changed) with who changed them. */
export async function updateQuoteSettings(db: TenantDb, input: QuoteSettings, actor: Actor) {
  return db.$transaction(async (tx) => {
    await tx.tenant.updateMany({
      data: {
        ...(input.messageTemplate !== undefined ? { quoteMessageTemplate: input.messageTemplate } : {}),
        ...(input.followUpTemplate !== undefined ? { quoteFollowUpTemplate: input.followUpTemplate } : {}),
        ...(input.followUpDays !== undefined ? { quoteFollowUpDays: input.followUpDays } : {}),
        ...(input.whatsappContentSid !== undefined ? { quoteWhatsappContentSid: input.whatsappContentSid } : {}),
        ...(input.whatsappFollowUpContentSid !== undefined ? { quoteFollowUpWhatsappContentSid: input.whatsappFollowUpContentSid } : {}),
      },
    });
    const fields = Object.entries(input).flatMap(([field, value]) => (value === undefined ? [] : [field]));
    await recordEvent(tx, { type: 'quote_settings.changed', subjectType: 'tenant', subjectId: tx.$tenantId(), actor, data: { fields } });
    return getQuoteSettings(tx);
  });
}

/**
 * The lead opened the quote page: the first time is kept (viewed_at) and recorded as the contact's doing, in one
 * transaction; later visits change nothing.
 */
export async function markQuoteViewed(db: TenantDb, quote: { id: string; contactId: string }, at = new Date()): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.quote.updateMany({ where: { id: quote.id, viewedAt: null }, data: { viewedAt: at } });
    if (count === 1) await recordEvent(tx, { type: 'quote.viewed', subjectType: 'quote', subjectId: quote.id, actor: { kind: 'contact', id: quote.contactId } });
    return count === 1;
  });
}

/**
 * The public quote page's lookup. Deliberately not tenant-scoped: the unguessable token is the lead's only
 * key, and it names exactly one quote of one tenant (hence the system client: it finds the tenant).
 */
export function findQuoteByPublicToken(prisma: SystemPrisma, publicToken: string) {
  return prisma.quote.findUnique({
    where: { publicToken },
    include: { tenant: { select: { businessName: true, supportContact: true, timeZone: true } }, contact: { select: { firstName: true, timeZone: true } } },
  });
}

/**
 * Records the lead's answer if the quote can still take one (open or sent, not past its expiry): a compare-
 * and-set, so a double click, a second tab or a race with the expiry timer changes it once. In the quote's
 * tenant (findQuoteByPublicToken found it).
 */
export async function respondToQuote(db: TenantDb, publicToken: string, response: 'accepted' | 'rejected', now = new Date()): Promise<boolean> {
  const { count } = await db.quote.updateMany({
    where: { publicToken, status: { in: ['open', 'sent'] }, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    data: { status: response, respondedAt: now, updatedAt: now },
  });
  return count > 0;
}

export async function getQuoteWithContactOrThrow(db: TenantDb, quoteId: string) {
  const quote = await db.quote.findFirst({ where: { id: quoteId }, include: { contact: true } });
  if (!quote) throw new AppError(ErrorCodes.NOT_FOUND, `Quote ${quoteId} not found`, { details: { quoteId } });
  return quote;
}

/** Quotes inserted by other tools learn their workflow when it starts; a known one is never overwritten. */
export async function setQuoteWorkflowId(db: TenantDb, quoteId: string, workflowId: string): Promise<void> {
  await db.quote.updateMany({ where: { id: quoteId, workflowId: null }, data: { workflowId } });
}

/** open → sent; false when the quote had moved on (answered, expired) meanwhile. */
export async function markQuoteSent(db: TenantDb, quoteId: string): Promise<boolean> {
  const now = new Date();
  const { count } = await db.quote.updateMany({ where: { id: quoteId, status: 'open' }, data: { status: 'sent', sentAt: now, updatedAt: now } });
  return count > 0;
}

export async function markQuoteFollowedUp(db: TenantDb, quoteId: string): Promise<void> {
  const now = new Date();
  await db.quote.updateMany({ where: { id: quoteId }, data: { followedUpAt: now, updatedAt: now } });
}

/** Expires a quote nobody answered; false when it was answered (or expired) first. */
export async function expireUnansweredQuote(db: TenantDb, quoteId: string): Promise<boolean> {
  const { count } = await db.quote.updateMany({ where: { id: quoteId, status: { in: ['open', 'sent'] } }, data: { status: 'expired', updatedAt: new Date() } });
  return count > 0;
}

/** Workflow ids of the contact's quotes still awaiting an answer (an SMS opt-out ends their follow-ups). */
/** The running quote workflows of a contact's quotes sent on this channel (an opt-out there stops them). */
export async function findOpenQuoteWorkflowIds(db: TenantDb, contactId: string, channel: 'sms' | 'whatsapp' | 'email'): Promise<string[]> {
  if (channel === 'email') return [];
  const rows = await db.quote.findMany({ where: { contactId, channel, status: { in: ['open', 'sent'] }, workflowId: { not: null } }, select: { workflowId: true } });
  return rows.map((r) => r.workflowId!);
}

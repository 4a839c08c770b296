import type { IngestQuote } from '../../../domain/schemas/ingest';
import { AppError, ErrorCodes } from '../../../domain/errors';
import { lineItemsProblem } from '../../../domain/quote-line-items';
import { Prisma } from '../../client';
import type { TenantTx } from '../../tenant-scope';

/** A new open quote; the insert trigger queues it in the outbox, from which its send workflow starts. */
export async function createIngestedQuote(db: TenantTx, contactId: string, quote: Omit<IngestQuote, 'contact'>) {
  const problem = lineItemsProblem(quote.total, quote.lineItems ?? []);
  if (problem) throw new AppError(ErrorCodes.VALIDATION, problem, { details: { field: 'total' } });
  try {
    return await db.quote.create({
      data: {
        tenantId: db.$tenantId(),
        contactId,
        externalId: quote.externalId ?? null,
        title: quote.title ?? null,
        total: new Prisma.Decimal(quote.total.toFixed(2)),
        currency: quote.currency,
        channel: quote.channel,
        lineItems: (quote.lineItems ?? []) as Prisma.InputJsonValue,
        expiresAt: quote.expiresAt ? new Date(quote.expiresAt) : null,
        data: (quote.data ?? {}) as Prisma.InputJsonValue,
      },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new AppError(ErrorCodes.CONFLICT, `A quote with externalId "${quote.externalId}" already exists`, { details: { externalId: quote.externalId } });
    }
    throw error;
  }
}

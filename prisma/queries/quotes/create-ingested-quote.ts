import type { IngestQuote } from '../../../domain/schemas/ingest';
import { AppError, ErrorCodes } from '../../../domain/errors';
import { Prisma } from '../../client';
import type { TenantTx } from '../../tenant-scope';

/** A new open quote; the insert trigger queues it in the outbox, from which its send workflow starts. */
export async function createIngestedQuote(db: TenantTx, contactId: string, quote: Omit<IngestQuote, 'contact'>) {
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

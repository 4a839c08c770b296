import type { PrismaClient } from '../../client';

export interface QuoteOutboxRow {
  id: bigint;
  tenantId: string;
  quoteId: string;
  contactId: string;
}

/**
 * Claims up to `limit` quote-outbox rows not yet relayed (FOR UPDATE SKIP LOCKED, so several relays share
 * the work), hands each to `relay`, and stamps it relayed — or counts the attempt and keeps the error when
 * `relay` throws, so the next drain tries again. Cross-tenant by design: the outbox serves every tenant.
 * Returns how many rows were relayed.
 */
export async function relayQuoteOutbox(
  prisma: PrismaClient,
  limit: number,
  relay: (row: QuoteOutboxRow) => Promise<void>,
  onError: (row: QuoteOutboxRow, error: unknown) => void,
): Promise<number> {
  return prisma.$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<Array<{ id: bigint; tenant_id: string; quote_id: string; contact_id: string }>>`
        SELECT o.id, o.tenant_id, o.quote_id, q.contact_id
          FROM quote_outbox o JOIN quotes q ON q.tenant_id = o.tenant_id AND q.id = o.quote_id
         WHERE o.relayed_at IS NULL
         ORDER BY o.id
         LIMIT ${limit}
         FOR UPDATE OF o SKIP LOCKED`;
      let relayed = 0;
      for (const raw of rows) {
        const row = { id: raw.id, tenantId: raw.tenant_id, quoteId: raw.quote_id, contactId: raw.contact_id };
        try {
          await relay(row);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          await tx.$executeRaw`UPDATE quote_outbox SET attempts = attempts + 1, last_error = ${message} WHERE id = ${row.id}`;
          onError(row, error);
          continue;
        }
        await tx.$executeRaw`UPDATE quote_outbox SET relayed_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ${row.id}`;
        relayed++;
      }
      return relayed;
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

import type { Channel } from '../../../domain/channels';
import type { WorkflowOutboxStart } from '../../../domain/workflow-outbox';
import type { SystemPrisma } from '../../client';

export type WorkflowOutboxEntry = WorkflowOutboxStart & { id: bigint };

type Row = {
  id: bigint;
  tenant_id: string;
  kind: WorkflowOutboxStart['kind'];
  quote_id: string | null;
  message_id: string | null;
  contact_id: string;
  channel: Channel | null;
  origin: 'api' | 'sequence' | 'quote' | 'notification' | 'compliance' | null;
  scheduled_at: Date | null;
  follow_up_days: number | null;
};

function entryOf(row: Row): WorkflowOutboxEntry {
  const base = { id: row.id, tenantId: row.tenant_id, contactId: row.contact_id };
  switch (row.kind) {
    case 'quote':
      return { ...base, kind: 'quote', quoteId: row.quote_id!, followUpDays: row.follow_up_days };
    case 'message':
      return { ...base, kind: 'message', messageId: row.message_id!, scheduledAt: row.scheduled_at?.toISOString() ?? null, channel: row.channel!, origin: row.origin };
    case 'inbound':
      return { ...base, kind: 'inbound', messageId: row.message_id!, channel: row.channel! };
  }
}

/**
 * Claims up to `limit` outbox entries not yet relayed (FOR UPDATE SKIP LOCKED, so several relays share the
 * work), hands each to `relay`, and stamps it relayed — or counts the attempt and keeps the error when `relay`
 * throws, so the next drain tries again. Cross-tenant by design: the outbox serves every tenant. Returns how
 * many entries were relayed.
 */
export async function relayWorkflowOutbox(
  prisma: SystemPrisma,
  limit: number,
  relay: (entry: WorkflowOutboxEntry) => Promise<void>,
  onError: (entry: WorkflowOutboxEntry, error: unknown) => void,
): Promise<number> {
  return prisma.$transaction(
    async (tx) => {
      const rows = await tx.$queryRaw<Row[]>`
        SELECT o.id, o.tenant_id, o.kind::text AS kind, o.quote_id, o.message_id,
               COALESCE(q.contact_id, m.contact_id) AS contact_id, m.channel::text AS channel, m.origin, m.scheduled_at,
               t.quote_follow_up_days AS follow_up_days
          FROM workflow_outbox o
          JOIN tenants t ON t.id = o.tenant_id
          LEFT JOIN quotes q ON q.tenant_id = o.tenant_id AND q.id = o.quote_id
          LEFT JOIN messages m ON m.tenant_id = o.tenant_id AND m.id = o.message_id
         WHERE o.relayed_at IS NULL
         ORDER BY o.id
         LIMIT ${limit}
           FOR UPDATE OF o SKIP LOCKED`;
      let relayed = 0;
      for (const row of rows) {
        const entry = entryOf(row);
        try {
          await relay(entry);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          await tx.$executeRaw`UPDATE workflow_outbox SET attempts = attempts + 1, last_error = ${message} WHERE id = ${row.id}`;
          onError(entry, error);
          continue;
        }
        await tx.$executeRaw`UPDATE workflow_outbox SET relayed_at = now(), attempts = attempts + 1, last_error = NULL WHERE id = ${row.id}`;
        relayed++;
      }
      return relayed;
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

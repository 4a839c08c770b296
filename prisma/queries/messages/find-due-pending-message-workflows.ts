import type { TenantDb } from '../../tenant-scope';

/**
 * A page of the tenant's outbound messages that are due but not yet sent (waiting out quiet hours, a send
 * slot or a hold) with their workflow ids, in id order after `afterId`. A change to the tenant's sending
 * rules is told to each of them.
 */
export async function findDuePendingMessageWorkflows(db: TenantDb, page: { afterId: string | null; limit: number; now: Date }) {
  const rows = await db.message.findMany({
    where: {
      direction: 'outbound',
      status: { in: ['scheduled', 'queued'] },
      workflowId: { not: null },
      OR: [{ scheduledAt: null }, { scheduledAt: { lte: page.now } }],
      ...(page.afterId ? { id: { gt: page.afterId } } : {}),
    },
    orderBy: { id: 'asc' },
    take: page.limit,
    select: { id: true, workflowId: true },
  });
  return rows.map((r) => ({ messageId: r.id, workflowId: r.workflowId! }));
}

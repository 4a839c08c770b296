import type { TenantDb } from '../../tenant-scope';

/**
 * The workflows the tenant's rows say may still be running: unsent messages, live enrollments, open quotes.
 * With Temporal's own list (by the TenantId search attribute) this covers a run the list does not show yet.
 */
export async function findTenantOpenWorkflowIds(db: TenantDb): Promise<string[]> {
  const [messages, enrollments, quotes] = await Promise.all([
    db.message.findMany({ where: { status: { in: ['scheduled', 'queued', 'sending'] }, workflowId: { not: null } }, select: { workflowId: true } }),
    db.enrollment.findMany({ where: { status: { in: ['active', 'paused'] }, workflowId: { not: null } }, select: { workflowId: true } }),
    db.quote.findMany({ where: { status: 'open', workflowId: { not: null } }, select: { workflowId: true } }),
  ]);
  return [...new Set([...messages, ...enrollments, ...quotes].map((r) => r.workflowId!))];
}

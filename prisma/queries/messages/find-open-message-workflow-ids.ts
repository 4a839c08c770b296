import type { Channel } from '../../../domain/channels';
import type { TenantDb } from '../../tenant-scope';

/** Workflow ids of the contact's outbound messages on a channel that have not been sent yet. */
export async function findOpenMessageWorkflowIds(db: TenantDb, contactId: string, channel: Channel): Promise<string[]> {
  const rows = await db.message.findMany({
    where: { contactId, channel, direction: 'outbound', status: { in: ['scheduled', 'queued', 'sending'] }, workflowId: { not: null } },
    select: { workflowId: true },
  });
  return rows.map((r) => r.workflowId!);
}

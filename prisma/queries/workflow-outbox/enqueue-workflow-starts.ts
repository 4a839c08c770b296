import type { WorkflowOutboxStart } from '../../../domain/workflow-outbox';
import type { TenantTx } from '../../tenant-scope';

const subjectOf = (start: WorkflowOutboxStart) => (start.kind === 'quote' ? start.quoteId : start.messageId);

/**
 * Queues workflow starts in the caller's transaction, beside the rows they are for: once that commits, the
 * worker's relay starts each (the API may start them first; see startQueuedWorkflows). One entry per subject:
 * a start already queued is not queued again. Returns the starts this call queued.
 */
export async function enqueueWorkflowStarts(db: TenantTx, starts: WorkflowOutboxStart[]): Promise<WorkflowOutboxStart[]> {
  if (!starts.length) return [];
  const rows = await db.workflowOutboxEntry.createManyAndReturn({
    data: starts.map((start) => ({
      tenantId: db.$tenantId(),
      kind: start.kind,
      quoteId: start.kind === 'quote' ? start.quoteId : null,
      messageId: start.kind === 'quote' ? null : start.messageId,
    })),
    skipDuplicates: true,
    select: { kind: true, quoteId: true, messageId: true },
  });
  const queued = new Set(rows.map((row) => `${row.kind}:${row.quoteId ?? row.messageId}`));
  return starts.filter((start) => queued.has(`${start.kind}:${subjectOf(start)}`));
}

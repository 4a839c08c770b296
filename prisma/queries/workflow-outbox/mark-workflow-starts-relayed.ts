import type { WorkflowOutboxStart } from '../../../domain/workflow-outbox';
import { Prisma, type SqlClient } from '../../client';

/**
 * Stamps the entries of starts the API made itself, so the relay does not start them again. An entry the
 * relay holds right now (locked) is skipped rather than waited for: it will find the run already started.
 */
export async function markWorkflowStartsRelayed(db: SqlClient, starts: WorkflowOutboxStart[]): Promise<void> {
  for (const start of starts) {
    const subject = start.kind === 'quote' ? Prisma.sql`quote_id = ${start.quoteId}` : Prisma.sql`message_id = ${start.messageId}`;
    await db.$executeRaw`
      UPDATE workflow_outbox SET relayed_at = now(), attempts = attempts + 1, last_error = NULL
       WHERE id IN (SELECT id FROM workflow_outbox
                     WHERE tenant_id = ${start.tenantId} AND kind = ${start.kind}::workflow_outbox_kind AND ${subject}
                       AND relayed_at IS NULL
                       FOR UPDATE SKIP LOCKED)`;
  }
}

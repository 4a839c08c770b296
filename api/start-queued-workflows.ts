import type { WorkflowOutboxStart } from '../domain/workflow-outbox';
import { markWorkflowStartsRelayed } from '../prisma/queries/workflow-outbox/mark-workflow-starts-relayed';
import { forTenant } from '../prisma/tenant-scope';
import { isTemporalUnreachable, workflowOutboxStart } from '../workflows/definitions';
import type { ApiDeps } from './deps';

/**
 * Starts, right after the commit that queued them in the workflow outbox, the runs a request owes — so the
 * caller does not wait for the worker's relay. Nothing here can lose a start: the outbox entries are committed,
 * and whatever is not started here (Temporal unreachable, or refusing) the relay starts later. Started entries
 * are stamped so the relay skips them. Resolves with whether Temporal was unreachable.
 */
export async function startQueuedWorkflows(deps: ApiDeps, starts: WorkflowOutboxStart[]): Promise<{ unreachable: boolean }> {
  const started: WorkflowOutboxStart[] = [];
  let unreachable = false;
  for (const start of starts) {
    try {
      // Already started (by the relay, which may have seen the commit first) is as good as started here.
      await deps.temporal.start(workflowOutboxStart(start));
      started.push(start);
    } catch (error) {
      const context = { err: error, tenantId: start.tenantId, kind: start.kind };
      if (isTemporalUnreachable(error)) {
        deps.logger.warn(context, 'Temporal unreachable: the worker’s outbox relay will start the %s workflow', start.kind);
        unreachable = true;
        break; // each further attempt would wait for the same connect timeout
      }
      deps.logger.error(context, 'Temporal refused to start the %s workflow; the outbox relay will retry it', start.kind);
    }
  }
  // One request's starts are one tenant's; grouped anyway, so each is stamped in its own tenant's scope.
  for (const tenantId of new Set(started.map((start) => start.tenantId))) {
    await markWorkflowStartsRelayed(forTenant(deps.prisma, tenantId), started.filter((start) => start.tenantId === tenantId));
  }
  return { unreachable };
}

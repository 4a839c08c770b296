import type { WorkflowHandle } from '@temporalio/client';
import type { ApiDeps } from '../../deps';

/**
 * The row has already changed; the signal only wakes the workflow early. When Temporal cannot be reached,
 * the workflow still reads the row at its next wake-up and obeys it, so the change stands — the caller gets
 * a warning instead of an error.
 */
export async function wakeWorkflow(
  { temporal, logger }: ApiDeps,
  workflowId: string,
  send: (handle: WorkflowHandle) => Promise<void>,
): Promise<string | null> {
  try {
    const client = await temporal.client();
    await send(client.workflow.getHandle(workflowId));
    return null;
  } catch (error) {
    logger.warn({ err: error, workflowId }, 'could not signal the message workflow');
    return 'Saved, but the workflow could not be notified right away; it will apply the change when it next wakes.';
  }
}

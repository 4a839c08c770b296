import { continueAsNew, getExternalWorkflowHandle, setCurrentDetails } from '@temporalio/workflow';
import { batchActivities } from './activity-proxies';
import { recheckSignal, type RecheckSendsInput } from './definitions';

const { findDuePendingSends } = batchActivities;

const PAGE = 200;
/** Pages per run before continuing as new: a tenant with many waiting messages stays far below history limits. */
const PAGES_PER_RUN = 25;

/**
 * The tenant changed its sending rules (quiet hours, time zone): every message that is due but still waiting
 * (for the morning, say) is told to look again, so the change applies at once rather than when the old
 * window ends. Durable — if the API that asked for it stops, the telling still finishes.
 */
export async function recheckPendingSendsWorkflow(input: RecheckSendsInput): Promise<{ told: number }> {
  let after = input.afterMessageId ?? null;
  let told = input.told ?? 0;
  for (let page = 0; ; page++) {
    if (page >= PAGES_PER_RUN) await continueAsNew<typeof recheckPendingSendsWorkflow>({ ...input, afterMessageId: after, told });
    const waiting = await findDuePendingSends({ tenantId: input.tenantId, afterId: after, limit: PAGE, now: new Date().toISOString() });
    if (waiting.length === 0) break;
    // A run that ended meanwhile has nothing left to recheck.
    await Promise.all(waiting.map((w) => getExternalWorkflowHandle(w.workflowId).signal(recheckSignal).catch(() => undefined)));
    told += waiting.length;
    after = waiting[waiting.length - 1]!.messageId;
    setCurrentDetails(`Told ${told} waiting message(s) to look at the new rules`);
  }
  setCurrentDetails(`Done: told ${told} waiting message(s) to look at the new rules`);
  return { told };
}

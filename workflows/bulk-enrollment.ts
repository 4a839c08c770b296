import {
  continueAsNew,
  ParentClosePolicy,
  setHandler,
  setCurrentDetails,
  sleep,
  startChild,
  uuid4,
} from '@temporalio/workflow';
import { batchActivities } from './activity-proxies';
import { duration, enrollmentRunSummary } from '../domain/run-summaries';
import { bulkEnrollmentProgressQuery, childOptions, enrollmentStart, isAlreadyStarted, type BulkEnrollmentInput } from './definitions';
import { sequenceEnrollmentWorkflow } from './sequence-enrollment';

const { nextBulkEnrollmentBatch, recordBulkEnrollmentProgress } = batchActivities;

/** Batches per run before continuing as new: keeps each run's history far below Temporal's limits. */
const BATCHES_PER_RUN = 20;

/**
 * Enrolls every contact matching a bulk request at a controlled pace: a batch of enrollment workflows is
 * started, then the workflow waits before the next. Each enrollment is an independent workflow (abandoned
 * by this one), and its id keeps a contact from being enrolled twice. Progress lives in the bulk row.
 */
export async function bulkEnrollmentWorkflow(input: BulkEnrollmentInput): Promise<{ enrolled: number; skipped: number }> {
  let enrolled = input.enrolled ?? 0;
  let skipped = input.skipped ?? 0;
  let after = input.afterContactId ?? null;
  let done = false;
  setHandler(bulkEnrollmentProgressQuery, () => ({ enrolled, skipped, done }));

  for (let batch = 0; ; batch++) {
    if (batch >= BATCHES_PER_RUN) {
      await continueAsNew<typeof bulkEnrollmentWorkflow>({ ...input, afterContactId: after, enrolled, skipped });
    }
    const page = await nextBulkEnrollmentBatch({
      tenantId: input.tenantId,
      bulkEnrollmentId: input.bulkEnrollmentId,
      sequenceId: input.sequenceId,
      versionId: input.versionId,
      afterContactId: after,
      limit: input.batchSize,
    });
    if (page.lastContactId === null) break;
    skipped += page.ineligible;
    const starts = page.contactIds.map(async (contactId) => {
      const spec = enrollmentStart(
        {
          tenantId: input.tenantId,
          enrollmentId: `enr_${uuid4().replace(/-/g, '')}`,
          sequenceId: input.sequenceId,
          versionId: input.versionId,
          contactId,
          bulkEnrollmentId: input.bulkEnrollmentId,
        },
        page.sequence ? { staticSummary: enrollmentRunSummary(page.sequence, page.sequence.stepCount) } : {},
      );
      try {
        await startChild(sequenceEnrollmentWorkflow, {
          ...childOptions(spec),
          // Enrollments outlive this workflow (and its continue-as-new).
          parentClosePolicy: ParentClosePolicy.ABANDON,
        });
        return true;
      } catch (error) {
        // Already enrolled (an enrollment of this contact is running): skipped, not an error.
        if (isAlreadyStarted(error)) return false;
        throw error;
      }
    });
    for (const started of await Promise.all(starts)) {
      if (started) enrolled++;
      else skipped++;
    }
    after = page.lastContactId;
    await recordBulkEnrollmentProgress({ tenantId: input.tenantId, bulkEnrollmentId: input.bulkEnrollmentId, enrolled, skipped, done: false });
    setCurrentDetails(`Enrolled ${enrolled}, skipped ${skipped} so far; the next batch follows shortly`);
    if (input.batchIntervalMs > 0) await sleep(input.batchIntervalMs, { summary: `next batch of ${input.batchSize} in ${duration(input.batchIntervalMs)}` });
  }
  done = true;
  await recordBulkEnrollmentProgress({ tenantId: input.tenantId, bulkEnrollmentId: input.bulkEnrollmentId, enrolled, skipped, done: true });
  setCurrentDetails(`Done: ${enrolled} enrolled, ${skipped} skipped`);
  return { enrolled, skipped };
}


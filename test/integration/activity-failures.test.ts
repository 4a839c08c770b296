import { WorkflowFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import type { AppPrisma } from '../../prisma/client';
import { bulkEnrollmentStart } from '../../workflows/definitions';
import { createTestTenant, fakeProviders, startRun, uniqueName } from '../harness/context';
import { createPublishedSequence } from '../harness/sequences';
import { useDevServerWorker, type DevServer } from '../harness/suites';

// How an activity's own errors reach Temporal: a permanent AppError (not found, invalid) must fail the
// activity once — not be retried for ever because it arrived as a generic, retryable error.
Runtime.install({ logger: new DefaultLogger('WARN') });

let server: DevServer;
let prisma: AppPrisma;
const { providers } = fakeProviders();
const taskQueue = uniqueName('failures-tq');

useDevServerWorker({ taskQueue, providers }, (parts) => ({ server, prisma } = parts));

describe('activity failures', () => {
  it('a NOT_FOUND thrown by a query inside an activity fails the activity at once, with its code as the failure type', async () => {
    const { tenant, db } = await createTestTenant(prisma);
    const { sequence } = await createPublishedSequence(db, [{ channel: 'sms', waitAmount: 0, waitUnit: 'minutes', body: 'hi' }]);
    await db.contact.create({ data: { tenantId: tenant.id, phone: '+14155550111' } });
    const bulk = await db.bulkEnrollment.create({ data: { tenantId: tenant.id, sequenceId: sequence.id, criteria: { filter: {} }, total: 1 } });
    // A version id that does not exist: the batch activity's version lookup throws AppError(NOT_FOUND).
    const handle = await startRun(
      server.client,
      taskQueue,
      bulkEnrollmentStart({ tenantId: tenant.id, bulkEnrollmentId: bulk.id, sequenceId: sequence.id, versionId: 'sqv_missing', batchSize: 10, batchIntervalMs: 0 }),
    );
    const error = await handle.result().then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WorkflowFailedError);
    const activity = (error as WorkflowFailedError).cause;
    expect(activity).toBeInstanceOf(ActivityFailure);
    const cause = (activity as ActivityFailure).cause;
    expect(cause).toBeInstanceOf(ApplicationFailure);
    expect((cause as ApplicationFailure).type).toBe('NOT_FOUND');
    expect((cause as ApplicationFailure).nonRetryable).toBe(true);
    // Tried once, not again and again.
    const history = await handle.fetchHistory();
    const scheduled = history.events!.filter((e) => e.activityTaskScheduledEventAttributes).length;
    const started = history.events!.find((e) => e.activityTaskStartedEventAttributes)?.activityTaskStartedEventAttributes;
    expect(scheduled).toBe(1);
    expect(started?.attempt).toBe(1);
  });
});

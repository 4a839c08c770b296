import { DefaultLogger, Runtime } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import type { AppPrisma } from '../../prisma/client';
import { newId } from '../../prisma/ids';
import { bulkEnrollmentStart, bulkEnrollmentProgressQuery, enrollmentStart, enrollmentStateQuery } from '../../workflows/definitions';
import { createTestTenant, fakeProviders, startRun, uniqueName } from '../harness/context';
import { useDevServerWorker, type DevServer } from '../harness/suites';
import { captureHistory, createPublishedSequence } from '../harness/sequences';

// Bulk enrollment on the Temporal dev server, in real time: the batches are paced by the workflow's own timers.
Runtime.install({ logger: new DefaultLogger('WARN') });

let server: DevServer;
let prisma: AppPrisma;
const { fake, providers } = fakeProviders();
const taskQueue = uniqueName('bulk-tq');

useDevServerWorker({ taskQueue, providers }, (parts) => ({ server, prisma } = parts));

/** Asks the enrollment (each query a round trip to its workflow) until its first step went out. */
async function firstStepSent(workflowId: string): Promise<boolean> {
  const handle = server.client.workflow.getHandle(workflowId);
  for (let attempt = 0; attempt < 2_000; attempt++) {
    const state = await handle.query(enrollmentStateQuery);
    if (state.sent >= 1) return true;
  }
  return false;
}

describe('bulk enrollment', () => {
  it('starts one enrollment per matching contact in paced batches, skipping a contact already enrolled', async () => {
    const { tenant, db } = await createTestTenant(prisma, { quietStartMinute: null, quietEndMinute: null });
    // Step one goes out at once; step two waits a day, so every enrollment is still running when checked.
    const { sequence, version } = await createPublishedSequence(
      db,
      [
        { channel: 'sms', waitAmount: 0, waitUnit: 'minutes', body: 'hello {{first_name}}' },
        { channel: 'sms', waitAmount: 1, waitUnit: 'days', body: 'still there?' },
      ],
      { sendWindow: 'always' },
    );
    await db.contact.createMany({
      data: Array.from({ length: 24 }, (_, i) => ({ tenantId: tenant.id, firstName: `Lead${i}`, phone: `+1415556${String(1000 + i)}`, source: 'expo' })),
    });
    // A contact of another source is not part of the filter.
    await db.contact.create({ data: { tenantId: tenant.id, firstName: 'Other', phone: '+14155569999', source: 'website' } });
    const first = await db.contact.findFirstOrThrow({ where: { source: 'expo' }, orderBy: { id: 'asc' } });
    const already = await startRun(
      server.client,
      taskQueue,
      enrollmentStart({ tenantId: tenant.id, enrollmentId: newId('enr'), sequenceId: sequence.id, versionId: version.id, contactId: first.id }),
    );

    const bulk = await db.bulkEnrollment.create({ data: { tenantId: tenant.id, sequenceId: sequence.id, criteria: { filter: { source: 'expo' } }, total: 24 } });
    const spec = bulkEnrollmentStart({ tenantId: tenant.id, bulkEnrollmentId: bulk.id, sequenceId: sequence.id, versionId: version.id, batchSize: 10, batchIntervalMs: 200 });
    const handle = await startRun(server.client, taskQueue, spec);
    try {
      expect(await handle.result()).toEqual({ enrolled: 23, skipped: 1 });
      expect(await handle.query(bulkEnrollmentProgressQuery)).toEqual({ enrolled: 23, skipped: 1, done: true });
      const row = await db.bulkEnrollment.findFirstOrThrow({ where: { id: bulk.id } });
      expect(row).toMatchObject({ status: 'completed', enrolled: 23, skipped: 1 });
      expect(row.finishedAt).toBeInstanceOf(Date);
      // Three batches (10 + 10 + 4): the workflow paused between them with a durable timer.
      const history = await handle.fetchHistory();
      expect(history.events!.filter((ev) => ev.timerStartedEventAttributes).length).toBe(3);
      await captureHistory(server.client, handle.workflowId, 'bulk-enrollment');

      // Every matching contact gets exactly one first message — the one enrolled beforehand included.
      const enrollments = await db.enrollment.findMany({ where: { sequenceId: sequence.id } });
      expect(enrollments).toHaveLength(24);
      expect(enrollments.filter((e) => e.bulkEnrollmentId === bulk.id)).toHaveLength(23);
      for (const e of enrollments) expect(await firstStepSent(e.workflowId!)).toBe(true);
      const sentTo = fake.calls.filter((c) => c.body.startsWith('hello ')).map((c) => c.to);
      expect(sentTo).toHaveLength(24);
      expect(new Set(sentTo).size).toBe(24);
      expect(sentTo).not.toContain('+14155569999');
    } finally {
      const running = await db.enrollment.findMany({ where: { sequenceId: sequence.id } });
      await Promise.all(running.map((e) => server.client.workflow.getHandle(e.workflowId!).terminate('test over').catch(() => undefined)));
      await already.terminate('test over').catch(() => undefined);
    }
  });
});

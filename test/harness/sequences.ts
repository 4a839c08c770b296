import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { SequenceSettings } from '../../domain/schemas/sequence';
import { SequenceSettingsSchema } from '../../domain/schemas/sequence';
import type { TenantDb } from '../../prisma/tenant-scope';
import { newId } from '../../prisma/ids';
import type { AppPrisma } from '../../prisma/client';
import type { CreateTenantInput } from '../../prisma/queries/tenants/create-tenant';
import { enrollmentStart, type EnrollmentResult } from '../../workflows/definitions';
import { createTestTenant, fakeProviders, startRun, startWorker, testApi, uniqueName } from './context';

export interface TestStep {
  channel: 'sms' | 'whatsapp' | 'email';
  waitAmount: number;
  waitUnit: 'minutes' | 'hours' | 'days' | 'business_days';
  body: string;
  subject?: string;
}

/** A sequence with one published version, written straight to the database (the API has its own tests). */
export async function createPublishedSequence(db: TenantDb, steps: TestStep[], settings: Partial<SequenceSettings> = {}) {
  const sequence = await db.sequence.create({ data: { tenantId: db.$tenantId(), name: newId('seq-test') } });
  const version = await publishVersion(db, sequence.id, 1, steps, settings);
  return { sequence, version };
}

export async function publishVersion(db: TenantDb, sequenceId: string, number: number, steps: TestStep[], settings: Partial<SequenceSettings> = {}) {
  const version = await db.sequenceVersion.create({
    data: { tenantId: db.$tenantId(), sequenceId, version: number, settings: SequenceSettingsSchema.parse(settings), publishedAt: new Date() },
  });
  await db.sequenceStep.createMany({
    data: steps.map((s, position) => ({
      tenantId: db.$tenantId(),
      versionId: version.id,
      position,
      channel: s.channel,
      waitAmount: s.waitAmount,
      waitUnit: s.waitUnit,
      body: s.body,
      subject: s.subject ?? null,
    })),
  });
  return version;
}

const HISTORIES = join(dirname(fileURLToPath(import.meta.url)), '..', 'replay', 'histories');

/**
 * With HERALD_CAPTURE_HISTORIES=1, saves a finished run's history as a replay fixture
 * (test/replay/histories/<name>.json), replayed in CI by test/replay/replay.test.ts.
 */
export async function captureHistory(client: Client, workflowId: string, name: string, runId?: string): Promise<void> {
  if (process.env.HERALD_CAPTURE_HISTORIES !== '1') return;
  const history = await client.workflow.getHandle(workflowId, runId).fetchHistory();
  await mkdir(HISTORIES, { recursive: true });
  await writeFile(join(HISTORIES, `${name}.json`), historyToJSON(history));
}

/**
 * A tenant (no quiet hours unless overridden), a contact Ada, a worker on its own task queue with the fake
 * provider, the API, and `enroll` — for enrollment tests on the time-skipping server.
 */
export async function setupEnrollments(env: TestWorkflowEnvironment, prisma: AppPrisma, tenantOverrides: Partial<CreateTenantInput> = {}) {
  const taskQueue = uniqueName('tq');
  const { fake, providers } = fakeProviders();
  const { tenant, db, apiKey } = await createTestTenant(prisma, { quietStartMinute: null, quietEndMinute: null, ...tenantOverrides });
  const contact = await db.contact.create({
    data: { tenantId: tenant.id, firstName: 'Ada', phone: '+14155550100', email: 'ada@example.com', customProperties: { budget: '$5k' } },
  });
  const worker = await startWorker({ connection: env.nativeConnection, taskQueue, prisma, providers });
  const { request } = testApi({ prisma, client: env.client, taskQueue });
  const enroll = async (sequenceId: string, versionId: string, contactId = contact.id, extra: { continueAsNewAfterEvents?: number } = {}) => {
    const enrollmentId = newId('enr');
    const handle = await startRun(env.client, taskQueue, enrollmentStart({ tenantId: tenant.id, enrollmentId, sequenceId, versionId, contactId, ...extra }));
    return { enrollmentId, handle, result: () => handle.result() as Promise<EnrollmentResult> };
  };
  /** Lets workflow time pass and the worker catch up (the time-skipping server waits for it). */
  const passes = (ms: number) => env.sleep(ms);
  return { fake, worker, request, apiKey, tenant, contact, db, taskQueue, enroll, passes };
}

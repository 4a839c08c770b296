import { DefaultLogger, Runtime } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import type { AppPrisma } from '../../prisma/client';
import { applyDeliveryStatus } from '../../prisma/queries/messages/apply-delivery-status';
import { FakeProvider, type FakeStatus } from '../../providers/fake/fake-provider';
import { bearer, createTestTenant, startWorker, testApi, uniqueName, testSystemPrisma } from '../harness/context';
import { useDevServer, type DevServer } from '../harness/suites';

// The fake provider plays Twilio's status callbacks: queued → sent → delivered (or undelivered with a
// code), through the same forward-only status handling, into real Postgres.
Runtime.install({ logger: new DefaultLogger('WARN') });

let server: DevServer;
let prisma: AppPrisma;
useDevServer((parts) => ({ server, prisma } = parts));

async function run(failureRate: number) {
  const statuses: Array<{ id: string; status: FakeStatus }> = [];
  let settle!: () => void;
  const settled = new Promise<void>((resolve) => (settle = resolve));
  const fake = new FakeProvider({
    statuses: {
      latencyMs: 5,
      failureRate,
      failureCode: '30003',
      onStatus: async (id, status, errorCode) => {
        const applied = await applyDeliveryStatus(testSystemPrisma(), id, { status, at: new Date(), errorCode, errorMessage: errorCode ? 'Unreachable handset' : null });
        if (applied) {
          statuses.push({ id, status });
          if (status !== 'sent') settle();
        }
        return applied;
      },
    },
  });
  const taskQueue = uniqueName('fake-tq');
  const worker = await startWorker({ connection: server.nativeConnection, taskQueue, prisma, providers: { sms: fake, whatsapp: fake, email: fake } });
  try {
    const t = await createTestTenant(prisma);
    const contact = await t.db.contact.create({ data: { tenantId: t.tenant.id, phone: '+14155550100' } });
    const { request } = testApi({ prisma, client: server.client, taskQueue });
    const res = await request().post('/api/messages').set(bearer(t.apiKey)).send({ contactId: contact.id, channel: 'sms', body: 'status me' });
    await server.client.workflow.getHandle(res.body.message.workflowId).result();
    await settled;
    const row = await t.db.message.findFirstOrThrow({ where: { id: res.body.message.id } });
    return { row, statuses };
  } finally {
    await worker.stop();
  }
}

describe('fake provider statuses', () => {
  it('go queued → sent → delivered', async () => {
    const { row, statuses } = await run(0);
    expect(statuses.map((s) => s.status)).toEqual(['sent', 'delivered']);
    expect(statuses[0]!.id).toBe(row.providerMessageId);
    expect(row.status).toBe('delivered');
    expect(row.deliveredAt).not.toBeNull();
  });

  it('end undelivered with the configured code at a failure rate of 1', async () => {
    const { row } = await run(1);
    expect(row).toMatchObject({ status: 'undelivered', errorCode: '30003' });
  });
});

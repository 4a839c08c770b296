import { Writable } from 'node:stream';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppPrisma } from '../../prisma/client';
import { TwilioProvider } from '../../providers/twilio/twilio-provider';
import type { ScheduledMessageResult } from '../../workflows/definitions';
import { bearer, createTestTenant, startWorker, testApi, uniqueName } from '../harness/context';
import { startLocalServer } from '../harness/local-http-server';
import { twilioApi } from '../harness/twilio-api';
import { useTimeSkippingServer } from '../harness/suites';
import type { TestWorkflowEnvironment } from '@temporalio/testing';

// Personal data stays in Postgres: not in workflow inputs, results, failures, search attributes or details
// (Temporal's history is not encrypted), and not in log lines — even when a provider's own error message
// quotes the recipient's number. Twilio through its SDK against a local Twilio-speaking server.
Runtime.install({ logger: new DefaultLogger('WARN') });

let env: TestWorkflowEnvironment;
let prisma: AppPrisma;
let server: Awaited<ReturnType<typeof startLocalServer>>;
useTimeSkippingServer((parts) => ({ env, prisma } = parts));
const SID = `AC${'7'.repeat(32)}`;
const PHONE = '+14155550188';
const twilio = twilioApi({ accountSid: SID, authToken: 'secret-token-0000000000' });

beforeAll(async () => {
  server = await startLocalServer(twilio.reply);
});
afterAll(() => server?.close());

describe('personal data', () => {
  it('never reaches Temporal history or the logs, even through a provider error that quotes the number', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'debug' }, new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
    const adapter = new TwilioProvider({ accountSid: SID, authToken: 'secret-token-0000000000', smsFrom: '+15005550006', baseUrl: server.url, timeoutMs: 2000 });
    const taskQueue = uniqueName('tq');
    const worker = await startWorker({ connection: env.nativeConnection, taskQueue, prisma, providers: { sms: adapter, whatsapp: adapter, email: adapter }, logger });
    try {
      const t = await createTestTenant(prisma);
      const contact = await t.db.contact.create({ data: { tenantId: t.tenant.id, firstName: 'Augusta', lastName: 'King', phone: PHONE, email: 'augusta@example.com' } });
      const { request } = testApi({ prisma, client: env.client, taskQueue });
      // First a server error quoting the number (retried), then a refusal quoting it (permanent).
      twilio.outcomes.push(
        { kind: 'refuse', status: 503, code: 20500, message: `Upstream failure delivering to ${PHONE}` },
        { kind: 'refuse', status: 400, code: 21211, message: `The 'To' number ${PHONE} is not a valid phone number.` },
      );
      const created = await request().post('/api/messages').set(bearer(t.apiKey)).send({ contactId: contact.id, channel: 'sms', body: 'Private words for Augusta' });
      expect(created.status).toBe(201);
      const handle = env.client.workflow.getHandle(created.body.message.workflowId);
      const result = (await handle.result()) as ScheduledMessageResult;
      expect(result).toMatchObject({ outcome: 'failed', errorCode: '21211' });
      // The agent still sees Twilio's whole explanation, in Postgres.
      expect((await t.db.message.findFirstOrThrow({ where: { id: created.body.message.id } })).errorMessage).toContain(PHONE);

      const history = historyToJSON(await handle.fetchHistory());
      const description = await handle.describe();
      const searchAttributes = JSON.stringify(description.typedSearchAttributes);
      for (const secret of [PHONE, PHONE.slice(1), 'Augusta', 'King', 'augusta@example.com', 'Private words']) {
        expect(history, `history carries ${secret}`).not.toContain(secret);
        expect(searchAttributes, `search attributes carry ${secret}`).not.toContain(secret);
        expect(lines.join('\n'), `a log line carries ${secret}`).not.toContain(secret);
      }
      expect(lines.join('\n')).toContain(created.body.message.id); // the logs do say which message
    } finally {
      await worker.stop();
    }
  });

  it('stays out of the failure Temporal records when every attempt fails with an error quoting the number', async () => {
    const adapter = new TwilioProvider({ accountSid: SID, authToken: 'secret-token-0000000000', smsFrom: '+15005550006', baseUrl: server.url, timeoutMs: 2000 });
    const taskQueue = uniqueName('tq');
    const worker = await startWorker({ connection: env.nativeConnection, taskQueue, prisma, providers: { sms: adapter, whatsapp: adapter, email: adapter } });
    try {
      const t = await createTestTenant(prisma);
      const contact = await t.db.contact.create({ data: { tenantId: t.tenant.id, firstName: 'Augusta', phone: PHONE } });
      const { request } = testApi({ prisma, client: env.client, taskQueue });
      for (let i = 0; i < 10; i++) twilio.outcomes.push({ kind: 'refuse', status: 503, code: 20500, message: `Upstream failure delivering to ${PHONE}` });
      const created = await request().post('/api/messages').set(bearer(t.apiKey)).send({ contactId: contact.id, channel: 'sms', body: 'Private words' });
      const handle = env.client.workflow.getHandle(created.body.message.workflowId);
      expect(await handle.result()).toMatchObject({ outcome: 'failed', errorCode: 'SEND_RETRIES_EXHAUSTED' });
      const history = historyToJSON(await handle.fetchHistory());
      expect(history).toContain('activityTaskFailedEventAttributes');
      expect(history).toContain('[number]');
      for (const secret of [PHONE, PHONE.slice(1), 'Augusta', 'Private words']) expect(history, `history carries ${secret}`).not.toContain(secret);
    } finally {
      await worker.stop();
    }
  });
});

import type http from 'node:http';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import { scheduledMessageWorkflowId } from '../../domain/derived-ids';
import type { AppPrisma } from '../../prisma/client';
import { newId } from '../../prisma/ids';
import { createOutboundMessage } from '../../prisma/queries/messages/create-outbound-message';
import { TwilioProvider } from '../../providers/twilio/twilio-provider';
import { createTestTenant, silentLogger, testPrisma, testSystemPrisma } from '../harness/context';
import { dropConnection, json, startLocalServer } from '../harness/local-http-server';

// Two attempts of one send must never both reach the provider. A stalled attempt (a worker paused past its
// activity timeout) wakes up after a later attempt already sent: it must find it no longer owns the send.
// The send activity runs for real against Postgres and a local server speaking Twilio's API; each attempt
// runs in its own activity context, interleaved by the test exactly as the stall would interleave them.
let prisma: AppPrisma;
let twilioApi: Awaited<ReturnType<typeof startLocalServer>>;
const SID = `AC${'2'.repeat(32)}`;

beforeAll(async () => {
  prisma = testPrisma();
  twilioApi = await startLocalServer((_req, res) => json(res, 500, {}));
});
afterAll(async () => {
  await twilioApi?.close();
  await prisma?.$disconnect();
});

describe('fencing the provider call', () => {
  it('an attempt that was overtaken while it waited never calls the provider', async () => {
    const twilio = new TwilioProvider({ accountSid: SID, authToken: 'token', smsFrom: '+15005550006', baseUrl: twilioApi.url, timeoutMs: 5000 });
    const activities = createActivities({ prisma, systemPrisma: testSystemPrisma(), providers: { sms: twilio, whatsapp: twilio, email: twilio }, logger: silentLogger });
    const t = await createTestTenant(prisma);
    const contact = await t.db.contact.create({ data: { tenantId: t.tenant.id, phone: '+14155550123' } });
    const id = newId('msg');
    await createOutboundMessage(t.db, { id, contactId: contact.id, channel: 'sms', body: 'Fenced', scheduledAt: null, origin: 'api', workflowId: scheduledMessageWorkflowId(t.tenant.id, id) });
    const ref = { tenantId: t.tenant.id, messageId: id, expectedScheduledAt: null };
    const attempt = (n: number) => new MockActivityEnvironment({ attempt: n }).run(activities.sendMessage, ref);

    // Attempt 1: Twilio may or may not have taken it — the answer never came back.
    twilioApi.reply((_req, res) => dropConnection(res));
    await expect(attempt(1)).rejects.toMatchObject({ type: 'PROVIDER_AMBIGUOUS' });

    // Attempt 2 looks the message up first, and its lookup stalls.
    let stalled: http.ServerResponse | null = null;
    const lookupStalled = new Promise<void>((resolve) =>
      twilioApi.reply((req, res) => {
        if (req.method === 'GET') {
          stalled = res;
          resolve();
        } else json(res, 201, { sid: 'SMfromattempt2', status: 'queued' });
      }),
    );
    const second = attempt(2).then(
      (value) => ({ value }),
      (error: unknown) => ({ error }),
    );
    await lookupStalled;

    // Meanwhile Temporal gave up on attempt 2 and ran attempt 3, which found nothing and sent.
    twilioApi.reply((req, res) => (req.method === 'GET' ? json(res, 200, { messages: [] }) : json(res, 201, { sid: 'SMfromattempt3', status: 'queued' })));
    await expect(attempt(3)).resolves.toEqual({ outcome: 'sent', providerMessageId: 'SMfromattempt3' });

    // Attempt 2 wakes up: its lookup answers "not found".
    json(stalled!, 200, { messages: [] });
    await second;

    const posts = twilioApi.requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(2); // attempt 1 (answer lost) and attempt 3 — never attempt 2
    const message = await t.db.message.findFirstOrThrow({ where: { id } });
    expect(message).toMatchObject({ status: 'sent', providerMessageId: 'SMfromattempt3' });
    const ledger = await t.db.sendLedgerEntry.findFirstOrThrow({ where: { messageId: id } });
    expect(ledger).toMatchObject({ status: 'accepted', providerMessageId: 'SMfromattempt3', attempts: 3 });
  });
});

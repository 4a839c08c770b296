import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppPrisma } from '../../prisma/client';
import { newId } from '../../prisma/ids';
import { ResendProvider } from '../../providers/resend/resend-provider';
import { enrollmentStart, type EnrollmentResult } from '../../workflows/definitions';
import { createTestTenant, fakeProviders, startRun, startWorker, uniqueName } from '../harness/context';
import { json, startLocalServer } from '../harness/local-http-server';
import { createPublishedSequence } from '../harness/sequences';
import { useTimeSkippingServer } from '../harness/suites';

// An email step end to end: rendered by the enrollment, stored, sent through the Resend SDK to a local server
// that speaks Resend's API. What a person wrote arrives verbatim in the text part and escaped once in the HTML.
Runtime.install({ logger: new DefaultLogger('WARN') });

let env: TestWorkflowEnvironment;
let prisma: AppPrisma;
let resendApi: Awaited<ReturnType<typeof startLocalServer>>;

useTimeSkippingServer((parts) => ({ env, prisma } = parts));
beforeAll(async () => {
  resendApi = await startLocalServer((_req, res) => json(res, 200, { id: `em_${newId('x')}` }));
});
afterAll(() => resendApi?.close());

describe('an email step', () => {
  it('sends the rendered text as written and its HTML escaped exactly once', async () => {
    const taskQueue = uniqueName('tq');
    const { fake } = fakeProviders();
    const resend = new ResendProvider({ apiKey: 're_test', from: 'Acme <hello@acme.test>', baseUrl: resendApi.url });
    const worker = await startWorker({ connection: env.nativeConnection, taskQueue, prisma, providers: { sms: fake, whatsapp: fake, email: resend } });
    try {
      const { tenant, db } = await createTestTenant(prisma, { businessName: 'Smith & Sons', quietStartMinute: null, quietEndMinute: null });
      const contact = await db.contact.create({
        data: { tenantId: tenant.id, firstName: 'Ada "Countess"', email: 'ada@example.com', customProperties: { note: '<b>budget</b> < 5k' } },
      });
      const { sequence, version } = await createPublishedSequence(
        db,
        [{ channel: 'email', waitAmount: 0, waitUnit: 'minutes', subject: 'For {{first_name}}', body: 'Hi {{first_name}}, noted: {{custom.note}}\nThanks, {{business_name}}' }],
        { sendWindow: 'always' },
      );
      const handle = await startRun(env.client, taskQueue, enrollmentStart({ tenantId: tenant.id, enrollmentId: newId('enr'), sequenceId: sequence.id, versionId: version.id, contactId: contact.id }));
      expect((await handle.result()) as EnrollmentResult).toMatchObject({ status: 'completed', sent: 1 });

      const text = 'Hi Ada "Countess", noted: <b>budget</b> < 5k\nThanks, Smith & Sons';
      const posts = resendApi.requests.filter((r) => r.method === 'POST' && r.path === '/emails');
      expect(posts).toHaveLength(1);
      expect(JSON.parse(posts[0]!.body)).toMatchObject({
        to: ['ada@example.com'],
        subject: 'For Ada "Countess"',
        text,
        html: '<p>Hi Ada &quot;Countess&quot;, noted: &lt;b&gt;budget&lt;/b&gt; &lt; 5k<br>Thanks, Smith &amp; Sons</p>',
      });
      // The inbox shows what the person wrote, not markup.
      expect(await db.message.findFirstOrThrow({ where: { contactId: contact.id } })).toMatchObject({ channel: 'email', body: text, status: 'sent' });
    } finally {
      await worker.stop();
    }
  });
});

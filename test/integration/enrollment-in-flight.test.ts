import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { describe, expect, it, vi } from 'vitest';
import { scheduledMessageWorkflowId, stepMessageId } from '../../domain/derived-ids';
import type { AppPrisma } from '../../prisma/client';
import { enrollmentStateQuery, statusQuery } from '../../workflows/definitions';
import { bearer } from '../harness/context';
import { captureHistory, createPublishedSequence, setupEnrollments, type TestStep } from '../harness/sequences';
import { useTimeSkippingServer } from '../harness/suites';

// What a contact or an agent does while a step's message is already in flight — started, but waiting out the
// contact's quiet hours — and what the enrollment remembers about the contact. Time-skipping server, real
// worker, real Postgres, the fake provider counting calls.
Runtime.install({ logger: new DefaultLogger('WARN') });

let env: TestWorkflowEnvironment;
let prisma: AppPrisma;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

useTimeSkippingServer((parts) => ({ env, prisma } = parts));

/** A fixed-offset zone in which the instant `at` reads `hour` o'clock local time. */
function zoneWhereItIs(hour: number, at: number): string {
  let offset = (((hour - new Date(at).getUTCHours()) % 24) + 24) % 24;
  if (offset > 14) offset -= 24;
  // Etc/GMT zones are named with the sign reversed: Etc/GMT-5 is UTC+5.
  return offset === 0 ? 'Etc/GMT' : offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

/**
 * Enrolls Ada in a sequence whose first step goes out 30 minutes in, then moves her (before it fires) to a
 * zone where that moment is 23:00 — inside the sequence's 21:00–08:00 send window — so the step's message
 * starts and then waits about nine hours for the morning.
 */
async function stepWaitingForMorning(steps: TestStep[] = [{ channel: 'sms', waitAmount: 30, waitUnit: 'minutes', body: 'first' }], settings = {}) {
  const t = await setupEnrollments(env, prisma);
  const now = await env.currentTimeMs();
  await t.db.contact.update({ where: { id: t.contact.id }, data: { timeZone: zoneWhereItIs(12, now + 30 * 60_000) } });
  const { sequence, version } = await createPublishedSequence(t.db, steps, { sendWindow: { quietStart: '21:00', quietEnd: '08:00' }, ...settings });
  const e = await t.enroll(sequence.id, version.id);
  // Once the enrollment has planned the step in her daytime zone, she moves.
  await vi.waitFor(async () => expect((await e.handle.query(enrollmentStateQuery)).nextSendAt).not.toBeNull(), { timeout: 10_000, interval: 25 });
  await t.db.contact.update({ where: { id: t.contact.id }, data: { timeZone: zoneWhereItIs(23, now + 30 * 60_000) } });
  const messageId = stepMessageId(e.enrollmentId, 0);
  const step = env.client.workflow.getHandle(scheduledMessageWorkflowId(t.tenant.id, messageId));
  await t.passes(31 * 60_000);
  // The step fired; its message workflow starts and finds the contact's night.
  await vi.waitFor(async () => expect((await step.query(statusQuery)).state).toBe('quiet-hours'), { timeout: 10_000, interval: 25 });
  const message = () => t.db.message.findFirstOrThrow({ where: { id: messageId } });
  return { t, e, step, messageId, message };
}

describe('a step message in flight follows its enrollment', () => {
  it('a stop ends it at once: the stop call answers without waiting for the morning, and nothing is sent', async () => {
    const { t, e, message } = await stepWaitingForMorning();
    try {
      const before = await env.currentTimeMs();
      const stop = await t.request().post(`/api/enrollments/${e.enrollmentId}/stop`).set(bearer(t.apiKey)).send({ reason: 'booked a call' });
      expect(stop.status).toBe(200);
      expect(stop.body.enrollment).toMatchObject({ status: 'stopped', stopReason: 'manual' });
      // Answered within minutes of workflow time, not after the nine hours the message was waiting.
      expect((await env.currentTimeMs()) - before).toBeLessThan(HOUR);
      expect(await message()).toMatchObject({ status: 'cancelled', errorMessage: 'The enrollment was stopped before this step was sent.' });
      await t.passes(DAY);
      expect(t.fake.calls).toHaveLength(0);
      await captureHistory(env.client, e.handle.workflowId, 'enrollment-stopped-in-flight');
    } finally {
      await t.worker.stop();
    }
  });

  it('a reply ends it too, with the reason on the message', async () => {
    const { t, e, message } = await stepWaitingForMorning();
    try {
      await t.request().post('/api/fake/inbound').set(bearer(t.apiKey)).send({ from: '+14155550100', body: 'Call me tomorrow' }).expect(201);
      expect(await e.result()).toEqual({ status: 'stopped', stopReason: 'replied', sent: 0 });
      expect(await message()).toMatchObject({ status: 'cancelled', errorMessage: 'The contact replied, so the sequence stopped before this step was sent.' });
      await t.passes(DAY);
      expect(t.fake.calls).toHaveLength(0);
    } finally {
      await t.worker.stop();
    }
  });

  it('an opt-out ends it too: the message is cancelled, only the STOP confirmation goes out', async () => {
    const { t, e, step, message } = await stepWaitingForMorning();
    try {
      const stop = await t.request().post('/api/fake/inbound').set(bearer(t.apiKey)).send({ from: '+14155550100', body: 'STOP' }).expect(201);
      await env.client.workflow.getHandle(stop.body.workflowId).result();
      expect(await e.result()).toEqual({ status: 'stopped', stopReason: 'opted_out', sent: 0 });
      expect(await message()).toMatchObject({ status: 'cancelled' });
      // Its run has ended, cancelled: nothing is left that could send it in the morning.
      expect(await step.result()).toMatchObject({ outcome: 'cancelled' });
      // The confirmation is the only message the contact gets.
      expect(t.fake.calls.map((c) => c.body)).toEqual([expect.stringMatching(/unsubscribed|opted out|stop/i)]);
    } finally {
      await t.worker.stop();
    }
  });

  it('a pause holds it past the morning, and a resume lets it go', async () => {
    const { t, e, step, message } = await stepWaitingForMorning();
    try {
      await t.request().post(`/api/enrollments/${e.enrollmentId}/pause`).set(bearer(t.apiKey)).expect(200);
      await t.passes(12 * HOUR); // the quiet hours ended long ago
      expect(t.fake.calls).toHaveLength(0);
      expect((await step.query(statusQuery)).state).toBe('held');
      expect((await message()).status).toBe('queued');

      await t.request().post(`/api/enrollments/${e.enrollmentId}/resume`).set(bearer(t.apiKey)).expect(200);
      expect(await e.result()).toEqual({ status: 'completed', stopReason: null, sent: 1 });
      expect(t.fake.calls.map((c) => c.body)).toEqual(['first']);
      await captureHistory(env.client, e.handle.workflowId, 'enrollment-held-in-flight');
      await captureHistory(env.client, step.workflowId, 'message-held');
    } finally {
      await t.worker.stop();
    }
  });

  it('an agent cancelling that one message skips the step; the contact is not recorded as opted out', async () => {
    const steps: TestStep[] = [
      { channel: 'sms', waitAmount: 30, waitUnit: 'minutes', body: 'first' },
      { channel: 'sms', waitAmount: 1, waitUnit: 'days', body: 'second' },
    ];
    const { t, e, messageId } = await stepWaitingForMorning(steps);
    try {
      await t.request().post(`/api/messages/${messageId}/cancel`).set(bearer(t.apiKey)).expect(200);
      expect(await e.result()).toEqual({ status: 'completed', stopReason: null, sent: 1 });
      expect(t.fake.calls.map((c) => c.body)).toEqual(['second']);
      const contact = await t.db.contact.findFirstOrThrow({ where: { id: t.contact.id } });
      expect(contact.smsConsent).toBe('unknown');
    } finally {
      await t.worker.stop();
    }
  });
});

describe('what counts as a reply', () => {
  it('"Yes" to "Are you still interested?" ends the sequence — and opts the contact back in', async () => {
    const t = await setupEnrollments(env, prisma);
    try {
      await t.db.contact.update({ where: { id: t.contact.id }, data: { smsConsent: 'revoked', smsConsentAt: new Date() } });
      const steps: TestStep[] = [
        { channel: 'email', waitAmount: 0, waitUnit: 'minutes', subject: 'Still interested?', body: 'Are you still interested?' },
        { channel: 'email', waitAmount: 2, waitUnit: 'days', subject: 'Last call', body: 'Last call' },
      ];
      const { sequence, version } = await createPublishedSequence(t.db, steps, { sendWindow: 'always' });
      const e = await t.enroll(sequence.id, version.id);
      await t.passes(DAY);
      const yes = await t.request().post('/api/fake/inbound').set(bearer(t.apiKey)).send({ from: '+14155550100', body: 'Yes' }).expect(201);
      expect(await e.result()).toEqual({ status: 'stopped', stopReason: 'replied', sent: 1 });
      // The reply signal may reach the enrollment before the inbound run records the opt-in: wait for that run.
      await env.client.workflow.getHandle(yes.body.workflowId).result();
      await captureHistory(env.client, yes.body.workflowId, 'inbound-yes');
      expect((await t.db.contact.findFirstOrThrow({ where: { id: t.contact.id } })).smsConsent).toBe('granted');
    } finally {
      await t.worker.stop();
    }
  });

  it('a reply survives continue-as-new: the next run still knows the contact replied', async () => {
    const t = await setupEnrollments(env, prisma);
    try {
      const steps: TestStep[] = Array.from({ length: 4 }, (_, i) => ({ channel: 'sms', waitAmount: 1, waitUnit: 'hours', body: `step ${i}` }) as TestStep);
      const { sequence, version } = await createPublishedSequence(t.db, steps, { sendWindow: 'always', stopOnReply: false });
      const e = await t.enroll(sequence.id, version.id, undefined, { continueAsNewAfterEvents: 20 });
      await t.passes(30 * 60_000);
      await t.request().post('/api/fake/inbound').set(bearer(t.apiKey)).send({ from: '+14155550100', body: 'thanks' }).expect(201);
      await t.passes(2 * HOUR);
      const latest = await env.client.workflow.getHandle(e.handle.workflowId).describe();
      expect(latest.runId).not.toBe(e.handle.firstExecutionRunId);
      expect(await env.client.workflow.getHandle(e.handle.workflowId).query(enrollmentStateQuery)).toMatchObject({ replied: true });
      expect(await e.result()).toMatchObject({ status: 'completed', sent: 4 });
    } finally {
      await t.worker.stop();
    }
  });
});

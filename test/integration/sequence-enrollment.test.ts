import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { scheduleSteps } from '../../domain/sequence-schedule';
import { fromLocal, toLocal, addLocalDays } from '../../domain/time-zone';
import type { AppPrisma } from '../../prisma/client';
import {
  enrollmentStateQuery,
  pauseEnrollmentUpdate,
  resumeEnrollmentUpdate,
  stopEnrollmentUpdate,
} from '../../workflows/definitions';
import { bearer } from '../harness/context';
import { captureHistory, createPublishedSequence, publishVersion, setupEnrollments, type TestStep } from '../harness/sequences';
import { useTimeSkippingServer } from '../harness/suites';

// Enrollment workflows on Temporal's time-skipping server: ten days of a sequence pass in seconds.
Runtime.install({ logger: new DefaultLogger('WARN') });

let env: TestWorkflowEnvironment;
let prisma: AppPrisma;
const DAY = 86_400_000;

useTimeSkippingServer((parts) => ({ env, prisma } = parts));

const FOUR_STEPS_TEN_DAYS: TestStep[] = [
  { channel: 'sms', waitAmount: 0, waitUnit: 'minutes', body: 'Hi {{first_name}}, thanks for your interest!' },
  { channel: 'email', waitAmount: 2, waitUnit: 'days', subject: 'Your options, {{first_name}}', body: 'Budget noted: {{custom.budget}}' },
  { channel: 'sms', waitAmount: 3, waitUnit: 'days', body: 'Any questions? Reply here.' },
  { channel: 'sms', waitAmount: 5, waitUnit: 'days', body: 'Last note from {{business_name}}.' },
];

const setup = (tenantOverrides = {}) => setupEnrollments(env, prisma, tenantOverrides);

const bodies = (fake: { calls: { body: string }[] }) => fake.calls.map((c) => c.body);

describe('sequence enrollments on the time-skipping server', () => {
  it('sends a 4-step sequence over 10 days, each step at its time, and completes', async () => {
    const t = await setup();
    try {
      const { sequence, version } = await createPublishedSequence(t.db, FOUR_STEPS_TEN_DAYS, { sendWindow: 'always' });
      const e = await t.enroll(sequence.id, version.id);

      await t.passes(DAY);
      expect(bodies(t.fake)).toEqual(['Hi Ada, thanks for your interest!']);
      const waiting = await e.handle.query(enrollmentStateQuery);
      expect(waiting).toMatchObject({ status: 'active', currentStep: 1, stepCount: 4, sent: 1 });
      const row = await t.db.enrollment.findFirstOrThrow({ where: { id: e.enrollmentId } });
      expect(row).toMatchObject({ status: 'active', currentStep: 1, workflowId: e.handle.workflowId });
      expect(row.nextSendAt?.toISOString()).toBe(waiting.nextSendAt);

      await t.passes(1.5 * DAY); // day 2.5: the email went out on day 2
      expect(t.fake.calls).toHaveLength(2);
      expect(t.fake.calls[1]).toMatchObject({ channel: 'email', to: 'ada@example.com', subject: 'Your options, Ada', body: 'Budget noted: $5k' });
      await t.passes(2 * DAY); // day 4.5: the day-5 SMS has not gone yet
      expect(t.fake.calls).toHaveLength(2);

      expect(await e.result()).toEqual({ status: 'completed', stopReason: null, sent: 4 });
      expect(bodies(t.fake).slice(2)).toEqual(['Any questions? Reply here.', 'Last note from Acme Plumbing.']);
      const done = await t.db.enrollment.findFirstOrThrow({ where: { id: e.enrollmentId } });
      expect(done).toMatchObject({ status: 'completed', currentStep: 4, nextSendAt: null });
      expect(done.endedAt).not.toBeNull();
      await captureHistory(env.client, e.handle.workflowId, 'enrollment-completed');
    } finally {
      await t.worker.stop();
    }
  });

  it('stops on a reply on day 2, in the middle of a wait', async () => {
    const t = await setup();
    try {
      const { sequence, version } = await createPublishedSequence(t.db, FOUR_STEPS_TEN_DAYS.map((s, i) => (i === 1 ? { ...s, waitAmount: 3 } : s)), { sendWindow: 'always' });
      const e = await t.enroll(sequence.id, version.id);
      await t.passes(2 * DAY);
      expect(t.fake.calls).toHaveLength(1);

      const reply = await t.request().post('/api/fake/inbound').set(bearer(t.apiKey)).send({ from: '+14155550100', body: 'Sounds good, call me tomorrow' });
      expect(reply.status).toBe(201);
      expect(await e.result()).toEqual({ status: 'stopped', stopReason: 'replied', sent: 1 });
      await t.passes(10 * DAY);
      expect(t.fake.calls).toHaveLength(1);
      expect(await t.db.enrollment.findFirstOrThrow({ where: { id: e.enrollmentId } })).toMatchObject({ status: 'stopped', stopReason: 'replied' });
      await captureHistory(env.client, e.handle.workflowId, 'enrollment-replied');
      await captureHistory(env.client, reply.body.workflowId, 'inbound-reply');
    } finally {
      await t.worker.stop();
    }
  });

  it('keeps going after a reply when the sequence does not stop on reply', async () => {
    const t = await setup();
    try {
      const steps = FOUR_STEPS_TEN_DAYS.slice(0, 2);
      const { sequence, version } = await createPublishedSequence(t.db, steps, { sendWindow: 'always', stopOnReply: false });
      const e = await t.enroll(sequence.id, version.id);
      await t.passes(DAY);
      await t.request().post('/api/fake/inbound').set(bearer(t.apiKey)).send({ from: '+14155550100', body: 'ok' }).expect(201);
      expect(await e.result()).toEqual({ status: 'completed', stopReason: null, sent: 2 });
    } finally {
      await t.worker.stop();
    }
  });

  it('stops on STOP on day 3 and sends nothing more', async () => {
    const t = await setup();
    try {
      const { sequence, version } = await createPublishedSequence(t.db, FOUR_STEPS_TEN_DAYS, { sendWindow: 'always' });
      const e = await t.enroll(sequence.id, version.id);
      await t.passes(3 * DAY);
      expect(t.fake.calls).toHaveLength(2);

      const stop = await t.request().post('/api/fake/inbound').set(bearer(t.apiKey)).send({ from: '+14155550100', body: 'STOP' });
      expect(stop.status).toBe(201);
      expect(await e.result()).toEqual({ status: 'stopped', stopReason: 'opted_out', sent: 2 });
      await t.passes(10 * DAY);
      // The only message after the STOP is its confirmation.
      expect(t.fake.calls).toHaveLength(3);
      expect(t.fake.calls[2]!.body).toMatch(/unsubscribed|opted out|stop/i);
      await captureHistory(env.client, stop.body.workflowId, 'inbound-stop');
    } finally {
      await t.worker.stop();
    }
  });

  it('pauses with the remaining wait frozen, and resumes it', async () => {
    const t = await setup();
    try {
      const steps: TestStep[] = [
        { channel: 'sms', waitAmount: 0, waitUnit: 'minutes', body: 'one' },
        { channel: 'sms', waitAmount: 3, waitUnit: 'days', body: 'two' },
      ];
      const { sequence, version } = await createPublishedSequence(t.db, steps, { sendWindow: 'always' });
      const e = await t.enroll(sequence.id, version.id);
      await t.passes(DAY);
      const paused = await e.handle.executeUpdate(pauseEnrollmentUpdate);
      expect(paused).toMatchObject({ status: 'paused', nextSendAt: null });
      expect(paused.pausedRemainingMs).toBeGreaterThan(2 * DAY - 60_000);
      expect(paused.pausedRemainingMs).toBeLessThanOrEqual(2 * DAY + 60_000);
      expect((await t.db.enrollment.findFirstOrThrow({ where: { id: e.enrollmentId } })).status).toBe('paused');
      await expect(e.handle.executeUpdate(pauseEnrollmentUpdate)).rejects.toMatchObject({ cause: { message: 'The enrollment is already paused.', type: 'CONFLICT' } });

      await t.passes(5 * DAY); // well past the original due time
      expect(bodies(t.fake)).toEqual(['one']);

      const before = await env.currentTimeMs();
      const resumed = await e.handle.executeUpdate(resumeEnrollmentUpdate);
      expect(resumed.status).toBe('active');
      const due = Date.parse(resumed.nextSendAt!);
      expect(due - before).toBeGreaterThan(2 * DAY - 60_000);
      expect(due - before).toBeLessThanOrEqual(2 * DAY + 60_000);
      expect((await t.db.enrollment.findFirstOrThrow({ where: { id: e.enrollmentId } })).status).toBe('active');
      await expect(e.handle.executeUpdate(resumeEnrollmentUpdate)).rejects.toMatchObject({ cause: { message: 'The enrollment is not paused.', type: 'CONFLICT' } });

      await t.passes(DAY);
      expect(bodies(t.fake)).toEqual(['one']);
      expect(await e.result()).toEqual({ status: 'completed', stopReason: null, sent: 2 });
      await captureHistory(env.client, e.handle.workflowId, 'enrollment-paused-resumed');
    } finally {
      await t.worker.stop();
    }
  });

  it('stops on a manual stop and answers with the final state', async () => {
    const t = await setup();
    try {
      const { sequence, version } = await createPublishedSequence(t.db, FOUR_STEPS_TEN_DAYS, { sendWindow: 'always' });
      const e = await t.enroll(sequence.id, version.id);
      await t.passes(DAY);
      const state = await e.handle.executeUpdate(stopEnrollmentUpdate, { args: [{ reason: 'booked a call' }] });
      expect(state).toMatchObject({ status: 'stopped', stopReason: 'manual', sent: 1 });
      expect(await e.result()).toEqual({ status: 'stopped', stopReason: 'manual', sent: 1 });
      await t.passes(10 * DAY);
      expect(t.fake.calls).toHaveLength(1);
    } finally {
      await t.worker.stop();
    }
  });

  it('moves sends out of quiet hours and onto business days exactly as the preview says', async () => {
    const zone = 'America/New_York';
    const t = await setup({ quietStartMinute: 21 * 60, quietEndMinute: 8 * 60, timeZone: 'UTC' });
    try {
      await t.db.contact.update({ where: { id: t.contact.id }, data: { timeZone: zone } });
      // The first step lands at 23:00 in New York (inside quiet hours); then business days and hours.
      const now = await env.currentTimeMs();
      const local = toLocal(new Date(now), zone);
      let elevenPm = fromLocal({ ...local, hour: 23, minute: 0, second: 0 }, zone).getTime();
      if (elevenPm <= now + 60_000) elevenPm = fromLocal({ ...addLocalDays(local, 1), hour: 23, minute: 0, second: 0 }, zone).getTime();
      const steps: TestStep[] = [
        { channel: 'sms', waitAmount: Math.ceil((elevenPm - now) / 60_000), waitUnit: 'minutes', body: 'first' },
        { channel: 'sms', waitAmount: 1, waitUnit: 'business_days', body: 'second' },
        { channel: 'sms', waitAmount: 14, waitUnit: 'hours', body: 'third' },
      ];
      const { sequence, version } = await createPublishedSequence(t.db, steps, { sendWindow: 'tenant' });
      const e = await t.enroll(sequence.id, version.id);
      const start = Date.parse((await e.handle.describe()).startTime.toISOString());
      const preview = scheduleSteps(new Date(start), steps, { timeZone: zone, quietHours: { startMinute: 21 * 60, endMinute: 8 * 60 } });
      expect(preview[0]!.reasons.map((r) => r.code)).toContain('quiet_hours');

      for (let i = 0; i < steps.length; i++) {
        const state = await waitForStep(e.handle, i);
        // Each step's due time is the preview's, give or take the seconds the previous send took.
        expect(Math.abs(Date.parse(state.nextSendAt!) - preview[i]!.at.getTime())).toBeLessThan(5_000);
        const weekday = new Intl.DateTimeFormat('en-US', { timeZone: zone, weekday: 'short' }).format(new Date(state.nextSendAt!));
        const hour = toLocal(new Date(state.nextSendAt!), zone).hour;
        expect(hour >= 8 && hour < 21, `step ${i} at ${hour}h`).toBe(true);
        if (steps[i]!.waitUnit === 'business_days') expect(['Sat', 'Sun']).not.toContain(weekday);
        await t.passes(Math.max(0, Date.parse(state.nextSendAt!) - (await env.currentTimeMs())) + 1000);
      }
      expect(await e.result()).toMatchObject({ status: 'completed', sent: 3 });
    } finally {
      await t.worker.stop();
    }
  });

  it('refuses a second active enrollment of the same contact, and allows one after the first ended', async () => {
    const t = await setup();
    try {
      const { sequence, version } = await createPublishedSequence(t.db, FOUR_STEPS_TEN_DAYS, { sendWindow: 'always' });
      const first = await t.enroll(sequence.id, version.id);
      await expect(t.enroll(sequence.id, version.id)).rejects.toBeInstanceOf(WorkflowExecutionAlreadyStartedError);
      await first.handle.executeUpdate(stopEnrollmentUpdate, { args: [{}] });
      await first.result();
      const again = await t.enroll(sequence.id, version.id);
      expect(again.handle.workflowId).toBe(first.handle.workflowId);
      await again.handle.executeUpdate(stopEnrollmentUpdate, { args: [{}] });
      expect(await t.db.enrollment.count({ where: { sequenceId: sequence.id } })).toBe(2);
    } finally {
      await t.worker.stop();
    }
  });

  it('keeps running enrollments on their version while new ones get the edited one', async () => {
    const t = await setup();
    try {
      const v1Steps: TestStep[] = [
        { channel: 'sms', waitAmount: 1, waitUnit: 'days', body: 'v1 hello' },
        { channel: 'sms', waitAmount: 1, waitUnit: 'days', body: 'v1 follow-up' },
      ];
      const { sequence, version: v1 } = await createPublishedSequence(t.db, v1Steps, { sendWindow: 'always' });
      const old = await t.enroll(sequence.id, v1.id);
      await t.passes(DAY / 2); // the old enrollment sleeps
      const v2 = await publishVersion(t.db, sequence.id, 2, v1Steps.map((s) => ({ ...s, body: s.body.replace('v1', 'v2') })), { sendWindow: 'always' });
      const other = await t.db.contact.create({ data: { tenantId: t.tenant.id, firstName: 'Grace', phone: '+14155550101' } });
      const fresh = await t.enroll(sequence.id, v2.id, other.id);
      // One result() at a time: each unlocks the time-skipping server's clock and locks it again when it
      // returns, so two at once can leave the clock locked while the second still waits.
      await old.result();
      await fresh.result();
      const to = (phone: string) => t.fake.calls.filter((c) => c.to === phone).map((c) => c.body);
      expect(to('+14155550100')).toEqual(['v1 hello', 'v1 follow-up']);
      expect(to('+14155550101')).toEqual(['v2 hello', 'v2 follow-up']);
    } finally {
      await t.worker.stop();
    }
  });

  it('continues as new before the history grows large, without losing or repeating a step', async () => {
    const t = await setup();
    try {
      const steps: TestStep[] = Array.from({ length: 6 }, (_, i) => ({ channel: 'sms', waitAmount: 1, waitUnit: 'hours', body: `step ${i}` }) as TestStep);
      const { sequence, version } = await createPublishedSequence(t.db, steps, { sendWindow: 'always' });
      const e = await t.enroll(sequence.id, version.id, undefined, { continueAsNewAfterEvents: 20 });
      expect(await e.result()).toEqual({ status: 'completed', stopReason: null, sent: 6 });
      expect(bodies(t.fake)).toEqual(steps.map((s) => s.body));
      const first = await env.client.workflow.getHandle(e.handle.workflowId, e.handle.firstExecutionRunId).describe();
      expect(first.status.name).toBe('CONTINUED_AS_NEW');
      await captureHistory(env.client, e.handle.workflowId, 'enrollment-continued-as-new', e.handle.firstExecutionRunId);
    } finally {
      await t.worker.stop();
    }
  });
});

async function waitForStep(handle: { query: (q: typeof enrollmentStateQuery) => Promise<import('../../workflows/definitions').EnrollmentState> }, step: number) {
  for (let attempt = 0; attempt < 200; attempt++) {
    const state = await handle.query(enrollmentStateQuery);
    if (state.currentStep === step && state.nextSendAt) return state;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`enrollment never reached step ${step}`);
}


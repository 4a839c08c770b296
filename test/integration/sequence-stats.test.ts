import { describe, expect, it } from 'vitest';
import type { AppPrisma } from '../../prisma/client';
import { bearer, createTestTenant, testApi, uniqueName } from '../harness/context';
import { useDevServer, type DevServer } from '../harness/suites';

// The counts the sequence screens show — per sequence and per version: enrollments by status and the reply
// rate — computed by Postgres from the enrollment rows and the contacts' inbound messages; and each
// enrollment's contact name. Rows are written straight to the database so every status and end is present
// without running workflows (the workflows that write them have their own tests).
let server: DevServer;
let prisma: AppPrisma;
useDevServer((parts) => ({ server, prisma } = parts));

const taskQueue = uniqueName('seq-stats-tq');
const MINUTE = 60_000;
const ago = (minutes: number) => new Date(Date.now() - minutes * MINUTE);

async function tenant() {
  const t = await createTestTenant(prisma);
  const { request } = testApi({ prisma, client: server.client, taskQueue });
  const api = {
    get: (path: string) => request().get(path).set(bearer(t.apiKey)),
    post: (path: string, body: object = {}) => request().post(path).set(bearer(t.apiKey)).send(body),
    patch: (path: string, body: object) => request().patch(path).set(bearer(t.apiKey)).send(body),
  };
  return { ...t, api };
}

type Stats = { active: number; paused: number; completed: number; stopped: number; failed: number; total: number; replied: number; replyRate: number | null };

describe('sequence statistics', () => {
  it('counts enrollments by status and the contacts who wrote in while enrolled, per sequence and per version; an opt-out is not a reply', async () => {
    const t = await tenant();
    const steps = [{ channel: 'sms', waitAmount: 0, waitUnit: 'minutes', body: 'Hi {{first_name}}' }];
    const seq = (await t.api.post('/api/sequences', { name: 'Leads', publish: true, steps })).body.sequence;
    await t.api.patch(`/api/sequences/${seq.id}`, { steps: [...steps, { channel: 'sms', waitAmount: 1, waitUnit: 'days', body: 'Still there?' }] }).expect(200);
    const v2 = (await t.api.post(`/api/sequences/${seq.id}/publish`)).body.sequence.published;
    const v1 = seq.published;
    const idle = (await t.api.post('/api/sequences', { name: 'Nobody yet', steps })).body.sequence;

    let n = 0;
    const enrolled = async (versionId: string, row: { status: 'active' | 'paused' | 'completed' | 'stopped' | 'failed'; stopReason?: string; startedMinutesAgo: number; endedMinutesAgo?: number }) => {
      n += 1;
      const contact = await t.db.contact.create({ data: { tenantId: t.tenant.id, firstName: `Lead${n}`, lastName: 'Test', phone: `+1415555${String(1000 + n)}` } });
      await t.db.enrollment.create({
        data: {
          tenantId: t.tenant.id,
          sequenceId: seq.id,
          versionId,
          contactId: contact.id,
          status: row.status,
          stopReason: row.stopReason ?? null,
          startedAt: ago(row.startedMinutesAgo),
          endedAt: row.endedMinutesAgo === undefined ? null : ago(row.endedMinutesAgo),
        },
      });
      return contact;
    };
    const writes = (contact: { id: string }, body: string, minutesAgo: number) =>
      t.db.message.create({ data: { tenantId: t.tenant.id, contactId: contact.id, direction: 'inbound', channel: 'sms', body, status: 'received', createdAt: ago(minutesAgo) } });

    // Version 1: one active (wrote in before enrolling: not a reply), one completed (wrote in after it ended: not
    // a reply), one stopped by a reply, one stopped by an opt-out ("Stop." is the keyword, not a reply).
    const before = await enrolled(v1.id, { status: 'active', startedMinutesAgo: 100 });
    await writes(before, 'Hello?', 120);
    const after = await enrolled(v1.id, { status: 'completed', startedMinutesAgo: 100, endedMinutesAgo: 50 });
    await writes(after, 'Thanks!', 10);
    const replied = await enrolled(v1.id, { status: 'stopped', stopReason: 'replied', startedMinutesAgo: 100, endedMinutesAgo: 30 });
    await writes(replied, 'Yes please, call me', 31);
    const optedOut = await enrolled(v1.id, { status: 'stopped', stopReason: 'opted_out', startedMinutesAgo: 100, endedMinutesAgo: 20 });
    await writes(optedOut, ' Stop. ', 21);
    // Version 2: a paused one who wrote in (the sequence does not stop on reply: still a reply, counted once
    // for two messages), an active one, a failed one.
    const chatty = await enrolled(v2.id, { status: 'paused', startedMinutesAgo: 40 });
    await writes(chatty, 'Interested', 30);
    await writes(chatty, 'Any news?', 5);
    await enrolled(v2.id, { status: 'active', startedMinutesAgo: 40 });
    await enrolled(v2.id, { status: 'failed', stopReason: 'send_failed', startedMinutesAgo: 40, endedMinutesAgo: 35 });

    const zero: Stats = { active: 0, paused: 0, completed: 0, stopped: 0, failed: 0, total: 0, replied: 0, replyRate: null };
    const v1Stats: Stats = { ...zero, active: 1, completed: 1, stopped: 2, total: 4, replied: 1, replyRate: 0.25 };
    const v2Stats: Stats = { ...zero, active: 1, paused: 1, failed: 1, total: 3, replied: 1, replyRate: 1 / 3 };
    const allStats: Stats = { active: 2, paused: 1, completed: 1, stopped: 2, failed: 1, total: 7, replied: 2, replyRate: 2 / 7 };

    const list = await t.api.get('/api/sequences');
    expect(list.status).toBe(200);
    const listed = new Map(list.body.sequences.map((s: { id: string; stats: Stats }) => [s.id, s.stats]));
    expect(listed.get(seq.id)).toEqual(allStats);
    expect(listed.get(idle.id)).toEqual(zero);

    const one = (await t.api.get(`/api/sequences/${seq.id}`)).body.sequence;
    expect(one.stats).toEqual(allStats);
    expect(one.versions.map((v: { version: number; stats: Stats }) => [v.version, v.stats])).toEqual([
      [2, v2Stats],
      [1, v1Stats],
    ]);
    // A new draft has no enrollments of its own yet.
    const drafted = (await t.api.patch(`/api/sequences/${seq.id}`, { name: 'Leads (renamed)', settings: { stopOnReply: false } })).body.sequence;
    expect(drafted.versions[0]).toMatchObject({ version: 3, publishedAt: null, stats: zero });
    expect(drafted.stats).toEqual(allStats);
  });

  it('names each enrollment’s contact', async () => {
    const t = await tenant();
    const seq = (await t.api.post('/api/sequences', { name: 'Names', publish: true, steps: [{ channel: 'sms', waitAmount: 0, body: 'Hi' }] })).body.sequence;
    const named = await t.db.contact.create({ data: { tenantId: t.tenant.id, firstName: 'Grace', lastName: 'Hopper', phone: '+14155550111' } });
    const nameless = await t.db.contact.create({ data: { tenantId: t.tenant.id, phone: '+14155550112' } });
    for (const contact of [named, nameless]) {
      await t.db.enrollment.create({ data: { tenantId: t.tenant.id, sequenceId: seq.id, versionId: seq.published.id, contactId: contact.id, status: 'active' } });
    }
    const res = await t.api.get(`/api/enrollments?sequenceId=${seq.id}`);
    expect(res.status).toBe(200);
    const names = new Map(res.body.enrollments.map((e: { contactId: string; contactName: string | null }) => [e.contactId, e.contactName]));
    expect(names).toEqual(new Map([[named.id, 'Grace Hopper'], [nameless.id, null]]));
    const one = await t.api.get(`/api/enrollments/${res.body.enrollments[0].id}`);
    expect(one.body.enrollment.contactName).toBe(names.get(one.body.enrollment.contactId));
  });
});

import { DefaultLogger, Runtime } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import { createActivities } from '../../activities';
import type { AppPrisma } from '../../prisma/client';
import { createApiKey } from '../../prisma/queries/api-keys/create-api-key';
import { newId } from '../../prisma/ids';
import { ProviderRegistry } from '../../providers/credentials/provider-registry';
import { enrollmentStart, type EnrollmentResult } from '../../workflows/definitions';
import { testMember } from '../harness/accounts';
import { bearer, createTestTenant, fakeProviders, silentLogger, startRun, testApi, testSecrets, testSystemPrisma, uniqueName } from '../harness/context';
import { createPublishedSequence } from '../harness/sequences';
import { useDevServerWorker, type DevServer } from '../harness/suites';

// Duplicates merged, not doubled: POST /api/contacts/:id/merge moves everything of the duplicate (B) to the
// contact kept (A) in one transaction, on real Postgres, with a real worker on the Temporal dev server — including
// workflows that were started with B's id and keep running after B is gone.
Runtime.install({ logger: new DefaultLogger('WARN') });

let server: DevServer;
let prisma: AppPrisma;
const { fake, providers } = fakeProviders();
const taskQueue = uniqueName('merge-tq');
useDevServerWorker({ taskQueue, providers }, (parts) => ({ server, prisma } = parts));

type Contact = { id: string; firstName: string | null; lastName: string | null; phone: string | null; email: string | null; stageId: string | null; customProperties: Record<string, unknown>; consent: Record<string, string> };

async function tenantApi() {
  const t = await createTestTenant(prisma, { quietStartMinute: null, quietEndMinute: null });
  const { request } = testApi({ prisma, client: server.client, taskQueue });
  const admin = bearer(t.apiKey);
  const agent = bearer((await createApiKey(t.db, { name: 'agent', role: 'agent' })).key);
  const contact = async (body: object): Promise<Contact> => (await request().post('/api/contacts').set(agent).send(body).expect(201)).body.contact;
  const merge = (intoId: string, sourceId: string, headers: Record<string, string> = agent) => request().post(`/api/contacts/${intoId}/merge`).set(headers).send({ sourceId });
  const inbound = async (from: string, body: string, channel: 'sms' | 'email' = 'sms') =>
    (await request().post('/api/fake/inbound').set(agent).send({ from, body, channel, ...(channel === 'email' ? { subject: 'Hi' } : {}) }).expect(201)).body as { messageId: string; contactId: string };
  return { ...t, request, admin, agent, contact, merge, inbound };
}

/** Polls a condition that a workflow makes true (a row it writes), as long as it takes a worker, bounded. */
async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = await read();
    if (ok(value)) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`never happened: ${what}`);
}

describe('merging a duplicate', () => {
  it('keeps A’s values, fills its blanks from B, takes the most restrictive consent, moves every row and joins threads of one channel', async () => {
    const t = await tenantApi();
    const stages = (await t.request().get('/api/pipeline-stages').set(t.agent)).body.stages as Array<{ id: string; name: string }>;
    const a = await t.contact({ firstName: 'Ann', phone: '+14155550801', customProperties: { plan: 'Gold', blank: null, onlyA: 1 } });
    const b = await t.contact({ firstName: 'Bea', lastName: 'Baker', phone: '+14155550802', email: 'bea@example.com', timeZone: 'Europe/Paris', stageId: stages[2]!.id, customProperties: { plan: 'Silver', blank: 'filled', onlyB: 2 } });
    await t.inbound('+14155550801', 'A on sms');
    await t.inbound('+14155550802', 'B on sms');
    await t.inbound('bea@example.com', 'B on email', 'email');
    await t.db.contact.updateMany({ where: { id: b.id }, data: { smsConsent: 'revoked', smsConsentAt: new Date('2026-01-02T00:00:00Z'), emailConsent: 'granted' } });
    await t.db.contact.updateMany({ where: { id: a.id }, data: { smsConsent: 'granted' } });
    const threadA = await t.db.thread.findFirstOrThrow({ where: { contactId: a.id, channel: 'sms' } });
    const threadB = await t.db.thread.findFirstOrThrow({ where: { contactId: b.id, channel: 'sms' } });
    await t.request().post(`/api/threads/${threadB.id}/notes`).set(t.agent).send({ body: 'note on B' }).expect(201);
    await t.request().put(`/api/threads/${threadA.id}/labels`).set(t.agent).send({ labels: ['vip'] }).expect(200);
    await t.request().put(`/api/threads/${threadB.id}/labels`).set(t.agent).send({ labels: ['billing'] }).expect(200);
    const quote = (await t.request().post('/api/quotes').set(t.agent).send({ contactId: b.id, total: 10 }).expect(201)).body.quote;
    const acme = (await t.request().post('/api/companies').set(t.agent).send({ name: 'Acme' })).body.company;
    await t.request().post('/api/relationships').set(t.agent).send({ contactId: a.id, companyId: acme.id, roles: ['client'] }).expect(201);
    await t.request().post('/api/relationships').set(t.agent).send({ contactId: b.id, companyId: acme.id, roles: ['candidate'] }).expect(201);

    // The edit that finds the duplicate: B's phone on A is a 409 naming B.
    const clash = await t.request().patch(`/api/contacts/${a.id}`).set(t.agent).send({ email: 'BEA@example.com' });
    expect(clash.status).toBe(409);
    expect(clash.body.error.details).toEqual({ field: 'email', contactId: b.id });

    const member = await testMember(t.request, t.tenant.id, 'agent', 'Mo Merger');
    const merged = await t.merge(a.id, b.id, member.headers);
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body.contact).toMatchObject({
      id: a.id,
      firstName: 'Ann',
      lastName: 'Baker',
      phone: '+14155550801',
      email: 'bea@example.com',
      timeZone: 'Europe/Paris',
      stageId: stages[2]!.id,
      customProperties: { plan: 'Gold', blank: 'filled', onlyA: 1, onlyB: 2 },
      consent: { sms: 'revoked', email: 'granted' },
    });
    expect(merged.body.merge).toMatchObject({
      mergedId: b.id,
      fieldsTaken: ['lastName', 'email', 'timeZone', 'stageId'],
      customPropertiesTaken: ['blank', 'onlyB'],
      threads: { moved: 1, joined: 1 },
      relationships: { moved: 0, joined: 1 },
      discarded: { phone: '+14155550802', firstName: 'Bea' },
    });

    // B is gone: its id answers 404, saying where it went.
    const gone = await t.request().get(`/api/contacts/${b.id}`).set(t.agent);
    expect(gone.status).toBe(404);
    expect(gone.body.error).toMatchObject({ code: 'NOT_FOUND', details: { contactId: b.id, mergedIntoId: a.id } });
    expect((await t.request().get(`/api/contacts/${b.id}/timeline`).set(t.agent)).body.error.details.mergedIntoId).toBe(a.id);
    expect(await t.db.contact.count({ where: { id: b.id } })).toBe(0);

    // One SMS thread with every message and note, both labels; the email thread is A's now.
    const threads = await t.db.thread.findMany({ where: { contactId: a.id }, orderBy: { channel: 'asc' } });
    expect(threads).toHaveLength(2);
    expect(threads.find((th) => th.channel === 'sms')!.id).toBe(threadA.id);
    expect(threads.find((th) => th.channel === 'email')).toBeDefined();
    const sms = threads.find((th) => th.channel === 'sms')!;
    expect(sms.labels.sort()).toEqual(['billing', 'vip']);
    expect((await t.db.message.findMany({ where: { threadId: sms.id, direction: 'inbound' } })).map((m) => m.body).sort()).toEqual(['A on sms', 'B on sms']);
    expect(await t.db.note.count({ where: { threadId: sms.id } })).toBe(1);
    expect(await t.db.thread.count({ where: { id: threadB.id } })).toBe(0);
    expect(await t.db.message.count({ where: { contactId: { not: a.id } } })).toBe(0);
    expect((await t.db.quote.findFirstOrThrow({ where: { id: quote.id } })).contactId).toBe(a.id);
    const relationships = await t.db.relationship.findMany({ where: { contactId: a.id } });
    expect(relationships.map((r) => [...r.roles].sort())).toEqual([['candidate', 'client']]);

    // Recorded once, with its author; B's own history shows in A's timeline.
    const event = await t.db.eventLog.findFirstOrThrow({ where: { type: 'contact.merged', subjectId: a.id } });
    expect(event.data).toMatchObject({ mergedId: b.id, fieldsTaken: ['lastName', 'email', 'timeZone', 'stageId'] });
    expect(event).toMatchObject({ actorType: 'user', actorId: member.userId });
    expect(JSON.stringify(event.data)).not.toContain('0802');
    const timeline = await t.request().get(`/api/contacts/${a.id}/timeline`).set(t.agent).expect(200);
    const types = (timeline.body.items as Array<{ kind: string; event?: { type: string; data: { to?: { name: string } } } }>).filter((i) => i.kind === 'event').map((i) => i.event!);
    expect(types[0]!.type).toBe('contact.merged');
    expect(types.some((e) => e.type === 'contact.stage_changed' && e.data.to?.name === stages[2]!.name)).toBe(true);
  });

  it('refuses a contact merged into itself, and ids it cannot see', async () => {
    const t = await tenantApi();
    const a = await t.contact({ phone: '+14155550811' });
    expect((await t.merge(a.id, a.id)).status).toBe(400);
    expect((await t.merge(a.id, 'ctc_nope')).status).toBe(404);
    expect((await t.merge('ctc_nope', a.id)).status).toBe(404);
    const other = await createTestTenant(prisma);
    const theirs = (await t.request().post('/api/contacts').set(bearer(other.apiKey)).send({ phone: '+14155550812' }).expect(201)).body.contact;
    expect((await t.merge(a.id, theirs.id)).status).toBe(404);
    expect(await other.db.contact.count({ where: { id: theirs.id } })).toBe(1);
  });

  it('keeps the duplicate’s lead-form submissions: they are the kept contact’s attribution now', async () => {
    const t = await tenantApi();
    const a = await t.contact({ firstName: 'Ann', phone: '+14155550821' });
    const token = await t.request().post('/api/ingest-tokens').set(t.admin).send({ name: 'website' }).expect(201);
    const form = (await t.request().post('/api/lead-forms').set(t.admin).send({ ingestTokenId: token.body.ingestToken.id }).expect(201)).body.leadForm;
    const at = Date.now();
    const lead = await t
      .request()
      .post(`/ingest/forms/${form.id}/leads`)
      .set('Origin', 'https://www.example.com')
      .send({ name: 'Ann Other', email: 'ann@example.com', renderedAt: at - 5_000, submittedAt: at, pageUrl: 'https://www.example.com/contact', utm_source: 'newsletter' });
    expect(lead.status, JSON.stringify(lead.body)).toBe(201);
    const b = await t.db.contact.findFirstOrThrow({ where: { email: 'ann@example.com' } });

    expect((await t.merge(a.id, b.id)).status).toBe(200);
    const submissions = await t.db.leadFormSubmission.findMany({ where: { formId: form.id } });
    expect(submissions.map((s) => [s.contactId, s.utmSource])).toEqual([[a.id, 'newsletter']]);
    const leads = await t.request().get(`/api/lead-forms/${form.id}/leads`).set(t.agent).expect(200);
    expect(leads.body.leads.map((l: { contact: { id: string } }) => l.contact.id)).toEqual([a.id]);
  });

  it('two merges of one duplicate at once: one wins, the other is a 404 naming where it went; crossing merges do not deadlock', async () => {
    const t = await tenantApi();
    const a = await t.contact({ phone: '+14155550821' });
    const b = await t.contact({ phone: '+14155550822' });
    const c = await t.contact({ phone: '+14155550823' });
    const answers = await Promise.all([t.merge(a.id, b.id), t.merge(c.id, b.id)]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 404]);
    const winner = answers.find((r) => r.status === 200)!.body.contact.id;
    expect(answers.find((r) => r.status === 404)!.body.error.details).toEqual({ contactId: b.id, mergedIntoId: winner });

    const d = await t.contact({ phone: '+14155550824' });
    const e = await t.contact({ phone: '+14155550825' });
    const crossing = await Promise.all([t.merge(d.id, e.id), t.merge(e.id, d.id)]);
    expect(crossing.map((r) => r.status).sort()).toEqual([200, 404]);
    expect(await t.db.contact.count({ where: { id: { in: [d.id, e.id] } } })).toBe(1);

    // A chain: b went into the winner; merging the winner into d points b's old id at d too.
    await t.merge(d.id === crossing.find((r) => r.status === 200)!.body.contact.id ? d.id : e.id, winner).then((r) => expect(r.status).toBe(200));
    const pointer = (await t.request().get(`/api/contacts/${b.id}`).set(t.agent)).body.error.details.mergedIntoId;
    expect(await t.db.contact.count({ where: { id: pointer } })).toBe(1);
  });
});

describe('workflows that hold the duplicate’s id', () => {
  it('a running enrollment of B sends its next step to A; a run that starts with B’s id later finds A', async () => {
    const t = await tenantApi();
    const a = await t.contact({ firstName: 'Ann', phone: '+14155550831' });
    const b = await t.contact({ firstName: 'Bea', phone: '+14155550832' });
    const { sequence, version } = await createPublishedSequence(t.db, [{ channel: 'sms', waitAmount: 1, waitUnit: 'minutes', body: 'Hi {{first_name}}' }]);
    // Started as a continued run would be: its one-minute wait began 55 s ago, so the step falls due in about 5 s.
    const enrollmentId = newId('enr');
    const handle = await startRun(
      server.client,
      taskQueue,
      enrollmentStart({
        tenantId: t.tenant.id,
        enrollmentId,
        sequenceId: sequence.id,
        versionId: version.id,
        contactId: b.id,
        carry: { nextStep: 0, anchor: new Date(Date.now() - 55_000).toISOString(), pausedRemainingMs: null, sent: 0 },
      }),
    );
    await eventually(() => t.db.enrollment.findFirst({ where: { id: enrollmentId } }), (row) => row?.nextSendAt != null, 'the enrollment waits for its step');
    expect((await t.merge(a.id, b.id)).status).toBe(200);
    expect((await t.db.enrollment.findFirstOrThrow({ where: { id: enrollmentId } })).contactId).toBe(a.id);

    const result = (await handle.result()) as EnrollmentResult;
    expect(result).toMatchObject({ status: 'completed', sent: 1 });
    const sent = await t.db.message.findFirstOrThrow({ where: { origin: 'sequence', body: 'Hi Ann' } });
    expect(sent.contactId).toBe(a.id);
    expect(fake.sent.some((s) => s.message.to === '+14155550831' && s.message.body === 'Hi Ann')).toBe(true);

    // A run started later with B's id (as a continue-as-new of an older run would be) starts on A.
    const later = newId('enr');
    const second = await startRun(
      server.client,
      taskQueue,
      enrollmentStart({ tenantId: t.tenant.id, enrollmentId: later, sequenceId: sequence.id, versionId: version.id, contactId: b.id, carry: { nextStep: 0, anchor: new Date(Date.now() - 60_000).toISOString(), pausedRemainingMs: null, sent: 0 } }),
    );
    expect(await second.result()).toMatchObject({ status: 'completed', sent: 1 });
    expect((await t.db.enrollment.findFirstOrThrow({ where: { id: later } })).contactId).toBe(a.id);
  }, 60_000);

  it('a STOP that B’s inbound workflow applies after the merge reaches A', async () => {
    const t = await tenantApi();
    const a = await t.contact({ phone: '+14155550841' });
    const b = await t.contact({ phone: '+14155550842' });
    const { messageId } = await t.inbound('+14155550842', 'STOP');
    await eventually(() => t.db.contact.findFirst({ where: { id: b.id } }), (row) => row?.smsConsent === 'revoked', 'the STOP is applied');
    await t.db.contact.updateMany({ where: { id: b.id }, data: { smsConsent: 'granted' } });
    expect((await t.merge(a.id, b.id)).status).toBe(200);
    // The inbound workflow's activities, as a run that began before the merge would call them: with B's id.
    const activities = createActivities({
      prisma,
      systemPrisma: testSystemPrisma(),
      providers,
      registry: new ProviderRegistry({ secrets: testSecrets(), twilio: { timeoutMs: 1000 }, resend: { timeoutMs: 1000 } }),
      logger: silentLogger,
    });
    const input = { tenantId: t.tenant.id, contactId: b.id, messageId, channel: 'sms' as const, keyword: 'opt-out' as const };
    await activities.applyConsentKeyword(input);
    expect((await t.db.contact.findFirstOrThrow({ where: { id: a.id } })).smsConsent).toBe('revoked');
    const reply = await activities.createComplianceReply(input);
    expect((await t.db.message.findFirstOrThrow({ where: { id: reply.messageId } })).contactId).toBe(a.id);
  });

  it('A and B in the same sequence: B’s enrollment is stopped, and A cannot be enrolled in it again', async () => {
    const t = await tenantApi();
    const a = await t.contact({ phone: '+14155550851' });
    const b = await t.contact({ phone: '+14155550852' });
    const c = await t.contact({ phone: '+14155550853' });
    const sequence = (await t.request()
      .post('/api/sequences')
      .set(t.admin)
      .send({ name: uniqueName('Nudge'), publish: true, steps: [{ channel: 'sms', waitAmount: 3, waitUnit: 'days', body: 'Still there?' }] })
      .expect(201)).body.sequence;
    const enroll = (contactId: string) => t.request().post(`/api/sequences/${sequence.id}/enrollments`).set(t.agent).send({ contactId });
    const ea = (await enroll(a.id).expect(201)).body.enrollment;
    const eb = (await enroll(b.id).expect(201)).body.enrollment;
    const ec = (await enroll(c.id).expect(201)).body.enrollment;

    const merged = await t.merge(a.id, b.id);
    expect(merged.status).toBe(200);
    expect(merged.body.merge.stoppedEnrollments).toEqual([eb.id]);
    expect((await t.db.enrollment.findFirstOrThrow({ where: { id: eb.id } })).status).toBe('stopped');
    expect((await t.db.enrollment.findFirstOrThrow({ where: { id: ea.id } })).status).toBe('active');

    // C's enrollment runs on under C's workflow id once C is merged into D; D cannot be enrolled a second time.
    const d = await t.contact({ phone: '+14155550854' });
    expect((await t.merge(d.id, c.id)).status).toBe(200);
    const again = await enroll(d.id);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'ALREADY_ENROLLED', details: { enrollmentId: ec.id } });
  });
});

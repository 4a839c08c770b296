import { DefaultLogger, Runtime } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import type { AppPrisma } from '../../prisma/client';
import { createApiKey } from '../../prisma/queries/api-keys/create-api-key';
import { testMember } from '../harness/accounts';
import { bearer, createTestTenant, fakeProviders, testApi, uniqueName } from '../harness/context';
import { useDevServerWorker, type DevServer } from '../harness/suites';

// Contacts as CRM records through the API, with a real worker behind it (messages, quotes and enrollments in the
// timeline are made the way the product makes them): search, filters and keyset pages, saved views, the board,
// edits that refuse another contact's phone or email, and the timeline.
Runtime.install({ logger: new DefaultLogger('WARN') });

let server: DevServer;
let prisma: AppPrisma;
const { providers } = fakeProviders();
const taskQueue = uniqueName('crm-contacts-tq');
useDevServerWorker({ taskQueue, providers }, (parts) => ({ server, prisma } = parts));

type Contact = { id: string; firstName: string | null; phone: string | null; email: string | null; stageId: string | null; customProperties: Record<string, unknown> };
type Stage = { id: string; name: string };

async function tenantApi() {
  const t = await createTestTenant(prisma, { quietStartMinute: null, quietEndMinute: null });
  const { request } = testApi({ prisma, client: server.client, taskQueue });
  const admin = bearer(t.apiKey);
  const agent = bearer((await createApiKey(t.db, { name: 'agent', role: 'agent' })).key);
  const stages: Stage[] = (await request().get('/api/pipeline-stages').set(admin)).body.stages;
  const field = (body: object) => request().post('/api/custom-fields').set(admin).send(body).expect(201);
  const contact = async (body: object): Promise<Contact> => (await request().post('/api/contacts').set(agent).send(body).expect(201)).body.contact;
  const list = async (query: Record<string, unknown>) => {
    const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
    return request().get(`/api/contacts?${params}`).set(agent);
  };
  const ids = async (query: Record<string, unknown>) => {
    const res = await list(query);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return (res.body.contacts as Contact[]).map((c) => c.firstName);
  };
  return { ...t, request, admin, agent, stages, field, contact, list, ids };
}

describe('the contact list', () => {
  it('searches names, phones (however typed) and emails, and filters by stage, consent, creation time and custom fields by type', async () => {
    const t = await tenantApi();
    await t.field({ key: 'budget', label: 'Budget', type: 'number' });
    await t.field({ key: 'since', label: 'Customer since', type: 'date' });
    await t.field({ key: 'plan', label: 'Plan', type: 'select', options: ['Gold', 'Silver', 'Bronze'] });
    await t.field({ key: 'notes', label: 'Notes', type: 'text' });
    const [fresh, contacted] = t.stages;
    await t.contact({ firstName: 'Ada', phone: '+14155550101', email: 'ada@lovelace.example', stageId: fresh!.id, customProperties: { budget: 1200, since: '2024-03-01', plan: 'Gold', notes: 'Wants a new boiler' } });
    await t.contact({ firstName: 'Grace', phone: '+14155550102', stageId: contacted!.id, customProperties: { budget: 300.5, since: '2025-11-20', plan: 'Silver', notes: 'tap drips' } });
    await t.contact({ firstName: 'Linus', email: 'linus@kernel.example', customProperties: { plan: 'Bronze' } });
    // Written before the fields existed, free-form: a number field holding text, a date that is not one.
    const legacy = await t.contact({ firstName: 'Old', phone: '+14155550104' });
    await t.db.contact.updateMany({ where: { id: legacy.id }, data: { customProperties: { budget: '5k', since: 'last spring', plan: 'Platinum', notes: 42 } } });

    expect(await t.ids({ q: 'grace' })).toEqual(['Grace']);
    expect(await t.ids({ q: '415 555 0101' })).toEqual(['Ada']);
    expect(await t.ids({ q: '(415) 555-0102' })).toEqual(['Grace']);
    expect(await t.ids({ q: 'KERNEL' })).toEqual(['Linus']);
    expect(await t.ids({ filter: { stageIds: [fresh!.id] } })).toEqual(['Ada']);
    expect(await t.ids({ filter: { stageIds: [contacted!.id, null] } })).toEqual(['Old', 'Linus', 'Grace']);
    expect(await t.ids({ filter: { fields: [{ key: 'budget', op: 'range', min: 300.5, max: 1200 }] } })).toEqual(['Grace', 'Ada']);
    expect(await t.ids({ filter: { fields: [{ key: 'budget', op: 'range', min: 301 }] } })).toEqual(['Ada']);
    expect(await t.ids({ filter: { fields: [{ key: 'since', op: 'range', min: '2025-01-01' }] } })).toEqual(['Grace']);
    expect(await t.ids({ filter: { fields: [{ key: 'plan', op: 'oneOf', values: ['Gold', 'Bronze'] }] } })).toEqual(['Linus', 'Ada']);
    expect(await t.ids({ filter: { fields: [{ key: 'notes', op: 'contains', value: 'BOILER' }] } })).toEqual(['Ada']);
    expect(await t.ids({ filter: { fields: [{ key: 'notes', op: 'equals', value: 'tap drips' }] } })).toEqual(['Grace']);
    expect(await t.ids({ filter: { q: 'a', fields: [{ key: 'plan', op: 'oneOf', values: ['Gold', 'Silver'] }, { key: 'budget', op: 'range', max: 500 }] } })).toEqual(['Grace']);

    await t.db.contact.updateMany({ where: { firstName: 'Linus' }, data: { smsConsent: 'revoked' } });
    expect(await t.ids({ filter: { consent: { sms: ['revoked'] } } })).toEqual(['Linus']);
    const all = (await t.list({})).body.contacts as Array<{ createdAt: string; firstName: string }>;
    const graceAt = all.find((c) => c.firstName === 'Grace')!.createdAt;
    expect(await t.ids({ filter: { createdFrom: graceAt } })).toEqual(['Old', 'Linus', 'Grace']);
    expect(await t.ids({ filter: { createdBefore: graceAt } })).toEqual(['Ada']);
  });

  it('refuses a filter that does not fit the fields, is not JSON, or comes with a view, naming what is wrong', async () => {
    const t = await tenantApi();
    await t.field({ key: 'budget', label: 'Budget', type: 'number' });
    for (const [query, message] of [
      [{ filter: { fields: [{ key: 'budget', op: 'equals', value: '5' }] } }, 'filter.fields.0: Budget (budget) is a number field: filter it with range'],
      [{ filter: { fields: [{ key: 'missing', op: 'equals', value: '5' }] } }, 'filter.fields.0: no custom field has the key "missing"'],
      [{ filter: '{not json' }, 'filter: not JSON'],
      [{ filter: { stageIds: [] } }, 'filter.stageIds'],
      [{ filter: {}, viewId: 'svw_x' }, 'viewId: give filter or viewId, not both'],
      [{ cursor: 'garbage' }, 'cursor: not a cursor'],
    ] as const) {
      const res = await t.list(query as Record<string, unknown>);
      expect(res.status, JSON.stringify(query)).toBe(400);
      expect(res.body.error.message).toContain(message);
    }
  });

  it('pages with a keyset cursor: every contact once, newest first, also past contacts added meanwhile', async () => {
    const t = await tenantApi();
    await t.field({ key: 'tier', label: 'Tier', type: 'select', options: ['gold', 'rare'] });
    // More than the index look-up hands back (1,000): the common value is walked in list order, the rare one found by the index.
    const rows = Array.from({ length: 1105 }, (_, i) => ({
      tenantId: t.tenant.id,
      firstName: `P${i}`,
      phone: `+1415600${String(i).padStart(4, '0')}`,
      customProperties: { tier: i % 100 === 7 ? 'rare' : 'gold' },
      createdAt: new Date(Date.UTC(2026, 0, 1) + Math.floor(i / 3) * 1000),
    }));
    await t.db.contact.createMany({ data: rows });
    let newcomer = false;
    const walk = async (filter: object, limit: number) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await t.list({ limit: String(limit), filter, ...(cursor ? { cursor } : {}) });
        expect(res.status).toBe(200);
        seen.push(...res.body.contacts.map((c: Contact) => c.firstName!));
        cursor = res.body.nextCursor;
        if (seen.length === limit && !newcomer) {
          newcomer = true;
          await t.contact({ firstName: 'Newcomer', phone: '+14159999999', customProperties: { tier: 'gold' } });
        }
      } while (cursor);
      return seen;
    };
    const expected = (tier: string) =>
      rows
        .map((r, i) => ({ ...r, i }))
        .filter((r) => r.customProperties.tier === tier)
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
        .map((r) => r.firstName);
    const gold = await walk({ fields: [{ key: 'tier', op: 'oneOf', values: ['gold'] }] }, 200);
    expect(new Set(gold).size).toBe(gold.length);
    expect(gold.filter((n) => n !== 'Newcomer').sort()).toEqual(expected('gold').sort());
    expect(gold).not.toContain('Newcomer');
    const rare = await walk({ fields: [{ key: 'tier', op: 'oneOf', values: ['rare'] }] }, 4);
    expect(rare.sort()).toEqual(expected('rare').sort());
  });
});

describe('saved views', () => {
  it('are the tenant’s or a member’s own, list what their filter finds, and take q on top', async () => {
    const t = await tenantApi();
    await t.field({ key: 'plan', label: 'Plan', type: 'select', options: ['Gold', 'Silver'] });
    await t.contact({ firstName: 'Ada', phone: '+14155550201', customProperties: { plan: 'Gold' } });
    await t.contact({ firstName: 'Bea', phone: '+14155550202', customProperties: { plan: 'Gold' } });
    await t.contact({ firstName: 'Cy', phone: '+14155550203', customProperties: { plan: 'Silver' } });
    const alice = await testMember(t.request, t.tenant.id, 'agent', 'Alice');
    const bob = await testMember(t.request, t.tenant.id, 'agent', 'Bob');
    const gold = { fields: [{ key: 'plan', op: 'oneOf', values: ['Gold'] }] };

    const shared = await t.request().post('/api/saved-views').set(t.agent).send({ name: 'Gold customers', filter: gold }).expect(201);
    expect(shared.body.view).toMatchObject({ name: 'Gold customers', personal: false, filter: gold });
    const mine = await t.request().post('/api/saved-views').set(alice.headers).send({ name: 'Gold customers', filter: { q: 'bea' }, personal: true }).expect(201);
    expect((await t.request().post('/api/saved-views').set(t.agent).send({ name: 'Gold customers', filter: {} })).status).toBe(409);
    expect((await t.request().post('/api/saved-views').set(t.agent).send({ name: 'Mine', filter: {}, personal: true })).status).toBe(400);
    const unfit = await t.request().post('/api/saved-views').set(t.agent).send({ name: 'Bad', filter: { fields: [{ key: 'plan', op: 'equals', value: 'Gold' }] } });
    expect(unfit.status).toBe(400);
    expect(unfit.body.error.message).toContain('filter it with oneOf');

    const names = async (headers: Record<string, string>) => ((await t.request().get('/api/saved-views').set(headers)).body.views as Array<{ id: string }>).map((v) => v.id);
    expect(await names(alice.headers)).toEqual(expect.arrayContaining([shared.body.view.id, mine.body.view.id]));
    expect(await names(bob.headers)).toEqual([shared.body.view.id]);
    expect(await names(t.agent)).toEqual([shared.body.view.id]);
    expect((await t.request().get(`/api/saved-views/${mine.body.view.id}`).set(bob.headers)).status).toBe(404);
    expect((await t.request().get(`/api/contacts?viewId=${mine.body.view.id}`).set(bob.headers)).status).toBe(404);

    expect(await t.ids({ viewId: shared.body.view.id })).toEqual(['Bea', 'Ada']);
    expect(await t.ids({ viewId: shared.body.view.id, q: 'ada' })).toEqual(['Ada']);
    const asAlice = await t.request().get(`/api/contacts?viewId=${mine.body.view.id}`).set(alice.headers).expect(200);
    expect(asAlice.body.contacts.map((c: Contact) => c.firstName)).toEqual(['Bea']);

    const renamed = await t.request().patch(`/api/saved-views/${shared.body.view.id}`).set(t.agent).send({ name: 'Silver', filter: { fields: [{ key: 'plan', op: 'oneOf', values: ['Silver'] }] } }).expect(200);
    expect(renamed.body.view.name).toBe('Silver');
    expect(await t.ids({ viewId: shared.body.view.id })).toEqual(['Cy']);
    expect((await t.request().delete(`/api/saved-views/${mine.body.view.id}`).set(bob.headers)).status).toBe(404);
    await t.request().delete(`/api/saved-views/${mine.body.view.id}`).set(alice.headers).expect(204);
    expect(await names(alice.headers)).toEqual([shared.body.view.id]);
  });
});

describe('the board', () => {
  it('counts each stage’s contacts, shows the first of each, then those in no stage; the list pages on from there', async () => {
    const t = await tenantApi();
    const [fresh, contacted] = t.stages;
    for (let i = 0; i < 5; i++) await t.contact({ firstName: `New${i}`, phone: `+1415555030${i}`, stageId: fresh!.id });
    await t.contact({ firstName: 'Talking', phone: '+14155550310', stageId: contacted!.id });
    await t.contact({ firstName: 'Nowhere', phone: '+14155550311' });
    const board = await t.request().get('/api/pipeline/board?perStage=2').set(t.agent).expect(200);
    const columns = board.body.columns as Array<{ stage: Stage | null; count: number; contacts: Contact[]; nextCursor: string | null }>;
    expect(columns.map((c) => [c.stage?.name ?? null, c.count, c.contacts.map((x) => x.firstName)])).toEqual([
      ['New', 5, ['New4', 'New3']],
      ['Contacted', 1, ['Talking']],
      ['Qualified', 0, []],
      ['Won', 0, []],
      ['Lost', 0, []],
      [null, 1, ['Nowhere']],
    ]);
    expect(columns[1]!.nextCursor).toBeNull();
    const more = await t.list({ filter: { stageIds: [fresh!.id] }, cursor: columns[0]!.nextCursor!, limit: '10' });
    expect(more.body.contacts.map((c: Contact) => c.firstName)).toEqual(['New2', 'New1', 'New0']);

    const searched = await t.request().get('/api/pipeline/board?q=new3').set(t.agent).expect(200);
    expect(searched.body.columns.map((c: { count: number }) => c.count)).toEqual([1, 0, 0, 0, 0, 0]);
  });
});

describe('editing a contact', () => {
  it('normalises what it is given, merges custom properties, checks their types, and records which fields changed', async () => {
    const t = await tenantApi();
    await t.field({ key: 'budget', label: 'Budget', type: 'number' });
    const c = await t.contact({ firstName: 'Ada', phone: '+14155550401', customProperties: { budget: 100, keep: 'me', drop: 'me' } });
    const member = await testMember(t.request, t.tenant.id, 'agent', 'Ed Editor');
    const res = await t.request()
      .patch(`/api/contacts/${c.id}`)
      .set(member.headers)
      .send({ lastName: 'Lovelace', phone: '+1 (415) 555-0499', email: 'ADA@Example.COM', customProperties: { budget: 2500, drop: null, added: true } })
      .expect(200);
    expect(res.body.contact).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', phone: '+14155550499', email: 'ada@example.com', customProperties: { budget: 2500, keep: 'me', added: true } });
    expect(res.body.contact.customProperties).not.toHaveProperty('drop');
    const event = await t.db.eventLog.findFirstOrThrow({ where: { subjectId: c.id, type: 'contact.updated' } });
    expect(event.data).toEqual({ fields: ['lastName', 'phone', 'email'], customProperties: ['budget', 'added', 'drop'] });
    expect(event).toMatchObject({ actorType: 'user', actorId: member.userId });
    expect(JSON.stringify(event.data)).not.toContain('0499');

    const bad = await t.request().patch(`/api/contacts/${c.id}`).set(t.agent).send({ customProperties: { budget: 'lots' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues).toEqual([{ path: 'customProperties.budget', message: 'Budget (budget) is a number field; got the text "lots"' }]);
    expect((await t.request().patch(`/api/contacts/${c.id}`).set(t.agent).send({ phone: 'not a phone' })).status).toBe(400);
    expect((await t.request().patch(`/api/contacts/${c.id}`).set(t.agent).send({ phone: null, email: null })).status).toBe(400);
    expect((await t.request().patch(`/api/contacts/${c.id}`).set(t.agent).send({})).status).toBe(400);
    expect((await t.request().patch('/api/contacts/ctc_nope').set(t.agent).send({ firstName: 'X' })).status).toBe(404);
    // Nothing changed: nothing recorded.
    await t.request().patch(`/api/contacts/${c.id}`).set(t.agent).send({ lastName: 'Lovelace' }).expect(200);
    expect(await t.db.eventLog.count({ where: { subjectId: c.id, type: 'contact.updated' } })).toBe(1);
  });

  it('answers 409 with the other contact’s id when the phone or email is taken — also when two edits race for it', async () => {
    const t = await tenantApi();
    const a = await t.contact({ firstName: 'A', phone: '+14155550501', email: 'a@example.com' });
    const b = await t.contact({ firstName: 'B', phone: '+14155550502' });
    const phone = await t.request().patch(`/api/contacts/${b.id}`).set(t.agent).send({ phone: '+1 415 555 0501' });
    expect(phone.status).toBe(409);
    expect(phone.body.error.details).toEqual({ field: 'phone', contactId: a.id });
    const email = await t.request().patch(`/api/contacts/${b.id}`).set(t.agent).send({ email: 'A@example.com' });
    expect(email.body.error.details).toEqual({ field: 'email', contactId: a.id });
    const created = await t.request().post('/api/contacts').set(t.agent).send({ phone: '+14155550502' });
    expect(created.status).toBe(409);
    expect(created.body.error.details).toEqual({ field: 'phone', contactId: b.id });

    const c = await t.contact({ firstName: 'C', phone: '+14155550503' });
    const answers = await Promise.all([b, c].map((x) => t.request().patch(`/api/contacts/${x.id}`).set(t.agent).send({ email: 'shared@example.com' })));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = answers.find((r) => r.status === 200)!.body.contact.id;
    expect(answers.find((r) => r.status === 409)!.body.error.details).toEqual({ field: 'email', contactId: winner });
  });
});

describe('the contact timeline', () => {
  it('merges messages, notes, enrollments, quotes, stage changes and edits, newest first, page by page', async () => {
    const t = await tenantApi();
    const c = await t.contact({ firstName: 'Tia', phone: '+14155550601' });
    const inbound = await t.request().post('/api/fake/inbound').set(t.agent).send({ from: '+14155550601', body: 'Hello there' }).expect(201);
    const threadId = inbound.body.threadId ?? (await t.db.thread.findFirstOrThrow({ where: { contactId: c.id } })).id;
    await t.request().post(`/api/threads/${threadId}/notes`).set(t.agent).send({ body: 'Called back' }).expect(201);
    await t.request().post(`/api/contacts/${c.id}/stage`).set(t.agent).send({ stageId: t.stages[1]!.id }).expect(200);
    const sequence = await t.request()
      .post('/api/sequences')
      .set(t.admin)
      .send({ name: 'Nudge', publish: true, steps: [{ channel: 'sms', waitAmount: 2, waitUnit: 'days', body: 'Still there?' }] })
      .expect(201);
    const enrollment = await t.request().post(`/api/sequences/${sequence.body.sequence.id}/enrollments`).set(t.agent).send({ contactId: c.id }).expect(201);
    await t.request().post(`/api/enrollments/${enrollment.body.enrollment.id}/stop`).set(t.agent).send({}).expect(200);
    await t.request().post('/api/quotes').set(t.agent).send({ contactId: c.id, total: 99.5, title: 'Tap' }).expect(201);
    // The quote's SMS is written by its workflow: wait for it, so the timeline read below is the whole story.
    for (let i = 0; i < 200 && (await t.db.message.count({ where: { contactId: c.id, origin: 'quote' } })) === 0; i++) await new Promise((r) => setTimeout(r, 50));
    await t.request().patch(`/api/contacts/${c.id}`).set(t.agent).send({ lastName: 'Torres' }).expect(200);

    const items: Array<{ kind: string; id: string; at: string; change?: string; event?: { type: string } }> = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: { items: typeof items; nextCursor: string | null } } = await t.request().get(`/api/contacts/${c.id}/timeline?limit=2${cursor ? `&cursor=${cursor}` : ''}`).set(t.agent);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(new Set(items.map((i) => i.id)).size).toBe(items.length);
    const times = items.map((i) => Date.parse(i.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const kinds = items.map((i) => (i.kind === 'event' ? i.event!.type : i.kind === 'enrollment' ? `enrollment ${i.change}` : i.kind));
    for (const kind of ['message', 'note', 'contact.stage_changed', 'enrollment started', 'enrollment ended', 'quote', 'contact.updated']) expect(kinds, kind).toContain(kind);
    expect(kinds[0]).toBe('contact.updated');
    const whole = await t.request().get(`/api/contacts/${c.id}/timeline`).set(t.agent).expect(200);
    expect(whole.body.items.map((i: { id: string }) => i.id)).toEqual(items.map((i) => i.id));
    expect((await t.request().get('/api/contacts/ctc_nope/timeline').set(t.agent)).status).toBe(404);
  });
});

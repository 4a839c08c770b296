import { describe, expect, it } from 'vitest';
import type { AppPrisma } from '../../prisma/client';
import { createApiKey } from '../../prisma/queries/api-keys/create-api-key';
import { createIngestToken } from '../../prisma/queries/ingest/ingest-tokens';
import { bearer, createTestTenant, testApi, uniqueName } from '../harness/context';
import { useDevServer, type DevServer } from '../harness/suites';

// Custom fields through the API: admins define them (text, number, date, select), contacts' values of a defined
// field must fit its type, other keys stay free-form.
let server: DevServer;
let prisma: AppPrisma;
useDevServer((parts) => ({ server, prisma } = parts));

async function tenantApi() {
  const t = await createTestTenant(prisma);
  const { request } = testApi({ prisma, client: server.client, taskQueue: uniqueName('cf-tq') });
  const agentKey = (await createApiKey(t.db, { name: 'agent', role: 'agent' })).key;
  const admin = bearer(t.apiKey);
  const agent = bearer(agentKey);
  return { ...t, request, admin, agent };
}

describe('custom fields', () => {
  it('are defined by admins in order, each key once, and listed by any caller', async () => {
    const { request, admin, agent } = await tenantApi();
    const budget = await request().post('/api/custom-fields').set(admin).send({ key: 'budget', label: 'Budget', type: 'number' }).expect(201);
    expect(budget.body.customField).toMatchObject({ key: 'budget', label: 'Budget', type: 'number', options: [], position: 0 });
    const plan = await request().post('/api/custom-fields').set(admin).send({ key: 'plan', label: 'Plan', type: 'select', options: ['Gold', 'Silver'] }).expect(201);
    expect(plan.body.customField.position).toBe(1);
    await request().post('/api/custom-fields').set(admin).send({ key: 'movedIn', label: 'Moved in', type: 'date' }).expect(201);

    const dup = await request().post('/api/custom-fields').set(admin).send({ key: 'budget', label: 'Again', type: 'text' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.details).toEqual({ key: 'budget', customFieldId: budget.body.customField.id });

    const list = await request().get('/api/custom-fields').set(agent).expect(200);
    expect(list.body.customFields.map((f: { key: string }) => f.key)).toEqual(['budget', 'plan', 'movedIn']);
    expect((await request().post('/api/custom-fields').set(agent).send({ key: 'x', label: 'X', type: 'text' })).status).toBe(403);
  });

  it('refuses a select without options, options on other types, and keys templates could not read', async () => {
    const { request, admin } = await tenantApi();
    for (const body of [
      { key: 'plan', label: 'Plan', type: 'select' },
      { key: 'plan', label: 'Plan', type: 'select', options: [] },
      { key: 'plan', label: 'Plan', type: 'select', options: ['A', 'A'] },
      { key: 'size', label: 'Size', type: 'number', options: ['1'] },
      { key: 'two words', label: 'Two', type: 'text' },
      { key: 'dotted.key', label: 'Dotted', type: 'text' },
      { key: '1st', label: 'First', type: 'text' },
      { key: 'ok', label: 'Ok', type: 'boolean' },
    ]) {
      const res = await request().post('/api/custom-fields').set(admin).send(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
    }
    expect((await request().get('/api/custom-fields').set(admin)).body.customFields).toEqual([]);
  });

  it('change label and options (not key or type), reorder, and delete', async () => {
    const { request, admin } = await tenantApi();
    const a = (await request().post('/api/custom-fields').set(admin).send({ key: 'a', label: 'A', type: 'text' })).body.customField;
    const b = (await request().post('/api/custom-fields').set(admin).send({ key: 'b', label: 'B', type: 'select', options: ['x'] })).body.customField;
    const c = (await request().post('/api/custom-fields').set(admin).send({ key: 'c', label: 'C', type: 'date' })).body.customField;

    const changed = await request().patch(`/api/custom-fields/${b.id}`).set(admin).send({ label: 'Bee', options: ['x', 'y'] }).expect(200);
    expect(changed.body.customField).toMatchObject({ key: 'b', label: 'Bee', type: 'select', options: ['x', 'y'] });
    expect((await request().patch(`/api/custom-fields/${b.id}`).set(admin).send({ type: 'text' })).status).toBe(400);
    expect((await request().patch(`/api/custom-fields/${a.id}`).set(admin).send({ options: ['x'] })).status).toBe(400);

    const ordered = await request().put('/api/custom-fields/order').set(admin).send({ ids: [c.id, a.id, b.id] }).expect(200);
    expect(ordered.body.customFields.map((f: { key: string; position: number }) => [f.key, f.position])).toEqual([
      ['c', 0],
      ['a', 1],
      ['b', 2],
    ]);
    // A stale list (one missing) changes nothing.
    const stale = await request().put('/api/custom-fields/order').set(admin).send({ ids: [a.id, b.id] });
    expect(stale.status).toBe(409);
    expect(new Set(stale.body.error.details.ids)).toEqual(new Set([a.id, b.id, c.id]));
    expect((await request().get('/api/custom-fields').set(admin)).body.customFields.map((f: { key: string }) => f.key)).toEqual(['c', 'a', 'b']);

    await request().delete(`/api/custom-fields/${a.id}`).set(admin).expect(204);
    expect((await request().delete(`/api/custom-fields/${a.id}`).set(admin)).status).toBe(404);
    expect((await request().get(`/api/custom-fields/${a.id}`).set(admin)).status).toBe(404);
    expect((await request().get(`/api/custom-fields/${b.id}`).set(admin)).body.customField.label).toBe('Bee');
  });

  it('two admins defining the same key at once: one field, the other a 409', async () => {
    const { request, admin, db } = await tenantApi();
    const answers = await Promise.all(
      [0, 1, 2].map(() => request().post('/api/custom-fields').set(admin).send({ key: 'source', label: 'Source', type: 'text' })),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(await db.customField.count({ where: { key: 'source' } })).toBe(1);
  });

  it('check a new contact’s values of defined fields, naming each field that does not fit', async () => {
    const { request, admin, agent, db } = await tenantApi();
    await request().post('/api/custom-fields').set(admin).send({ key: 'budget', label: 'Budget', type: 'number' }).expect(201);
    await request().post('/api/custom-fields').set(admin).send({ key: 'plan', label: 'Plan', type: 'select', options: ['Gold', 'Silver'] }).expect(201);
    await request().post('/api/custom-fields').set(admin).send({ key: 'movedIn', label: 'Moved in', type: 'date' }).expect(201);

    const bad = await request()
      .post('/api/contacts')
      .set(agent)
      .send({ phone: '+14155550100', customProperties: { budget: '5k', plan: 'Bronze', movedIn: '2025-02-30', anything: 'goes' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION');
    expect(bad.body.error.issues).toEqual([
      { path: 'customProperties.budget', message: 'Budget (budget) is a number field; got the text "5k"' },
      { path: 'customProperties.plan', message: 'Plan (plan) is one of "Gold", "Silver"; got the text "Bronze"' },
      { path: 'customProperties.movedIn', message: expect.stringMatching(/^Moved in \(movedIn\) is a date field/) },
    ]);
    expect(await db.contact.count()).toBe(0);

    const good = await request()
      .post('/api/contacts')
      .set(agent)
      .send({ phone: '+14155550100', customProperties: { budget: 5000, plan: 'Gold', movedIn: '2024-02-29', anything: 'goes', cleared: null } })
      .expect(201);
    expect(good.body.contact.customProperties).toEqual({ budget: 5000, plan: 'Gold', movedIn: '2024-02-29', anything: 'goes', cleared: null });
  });

  it('type a lead’s properties from a website form too', async () => {
    const { request, admin, db } = await tenantApi();
    await request().post('/api/custom-fields').set(admin).send({ key: 'budget', label: 'Budget', type: 'number' }).expect(201);
    const { token } = await createIngestToken(db, 'site');
    const lead = (properties: object, key: string) =>
      request().post('/ingest/leads').set(bearer(token)).set('Idempotency-Key', key).send({ phone: '+14155550123', properties });
    const bad = await lead({ budget: 'about 5k' }, 'k1');
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues).toEqual([{ path: 'properties.budget', message: 'Budget (budget) is a number field; got the text "about 5k"' }]);
    expect(await db.contact.count()).toBe(0);
    expect((await lead({ budget: 5000 }, 'k2')).status).toBe(201);
    const quote = await request()
      .post('/ingest/quotes')
      .set(bearer(token))
      .set('Idempotency-Key', 'q1')
      .send({ contact: { phone: '+14155550124', properties: { budget: '5k' } }, total: 10, currency: 'USD' });
    expect(quote.status).toBe(400);
    expect(quote.body.error.issues[0].path).toBe('contact.properties.budget');
  });
});

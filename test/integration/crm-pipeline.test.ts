import { describe, expect, it } from 'vitest';
import type { AppPrisma } from '../../prisma/client';
import { createApiKey } from '../../prisma/queries/api-keys/create-api-key';
import { testMember, signUpTestUser } from '../harness/accounts';
import { bearer, createTestTenant, testApi, uniqueName } from '../harness/context';
import { useDevServer, type DevServer } from '../harness/suites';

// Pipeline stages through the API: a default set for every new tenant, admins shape it, agents move contacts
// between stages, and every move is in the event log with its author.
let server: DevServer;
let prisma: AppPrisma;
useDevServer((parts) => ({ server, prisma } = parts));

async function tenantApi() {
  const t = await createTestTenant(prisma);
  const { request } = testApi({ prisma, client: server.client, taskQueue: uniqueName('pipe-tq') });
  const agentKey = await createApiKey(t.db, { name: 'agent', role: 'agent' });
  return { ...t, request, admin: bearer(t.apiKey), agent: bearer(agentKey.key), agentKeyId: agentKey.id };
}

type Stage = { id: string; name: string; kind: string; position: number };
const names = (stages: Stage[]) => stages.map((s) => s.name);

describe('pipeline stages', () => {
  it('start as a default set for every new tenant, however it is made', async () => {
    const { request, admin } = await tenantApi();
    const list = await request().get('/api/pipeline-stages').set(admin).expect(200);
    expect(list.body.stages.map((s: Stage) => [s.name, s.kind, s.position])).toEqual([
      ['New', 'open', 0],
      ['Contacted', 'open', 1],
      ['Qualified', 'open', 2],
      ['Won', 'won', 3],
      ['Lost', 'lost', 4],
    ]);
    const owner = await signUpTestUser(request);
    const theirs = await request().get('/api/pipeline-stages').set(owner.headers).expect(200);
    expect(names(theirs.body.stages)).toEqual(['New', 'Contacted', 'Qualified', 'Won', 'Lost']);
    expect(theirs.body.stages.map((s: Stage) => s.id)).not.toContain(list.body.stages[0].id);
  });

  it('are added, renamed, reordered and deleted by admins; names are unique', async () => {
    const { request, admin, agent } = await tenantApi();
    const created = await request().post('/api/pipeline-stages').set(admin).send({ name: 'Proposal' }).expect(201);
    expect(created.body.stage).toMatchObject({ name: 'Proposal', kind: 'open', position: 5 });
    const dup = await request().post('/api/pipeline-stages').set(admin).send({ name: 'Proposal', kind: 'won' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.details).toEqual({ name: 'Proposal', stageId: created.body.stage.id });
    expect((await request().post('/api/pipeline-stages').set(agent).send({ name: 'X' })).status).toBe(403);

    const stages: Stage[] = (await request().get('/api/pipeline-stages').set(admin)).body.stages;
    const renamed = await request().patch(`/api/pipeline-stages/${created.body.stage.id}`).set(admin).send({ name: 'Quote sent', kind: 'open' }).expect(200);
    expect(renamed.body.stage.name).toBe('Quote sent');
    expect((await request().patch(`/api/pipeline-stages/${created.body.stage.id}`).set(admin).send({ name: 'Won' })).status).toBe(409);

    const order = [stages[5]!, ...stages.slice(0, 5)].map((s) => s.id);
    const reordered = await request().put('/api/pipeline-stages/order').set(admin).send({ ids: order }).expect(200);
    expect(names(reordered.body.stages)).toEqual(['Quote sent', 'New', 'Contacted', 'Qualified', 'Won', 'Lost']);
    expect((await request().put('/api/pipeline-stages/order').set(admin).send({ ids: order.slice(1) })).status).toBe(409);
    expect((await request().put('/api/pipeline-stages/order').set(admin).send({ ids: [...order.slice(1), order[1]] })).status).toBe(400);

    const deleted = await request().delete(`/api/pipeline-stages/${created.body.stage.id}`).set(admin).expect(200);
    expect(deleted.body).toEqual({ moved: 0 });
    expect((await request().get(`/api/pipeline-stages/${created.body.stage.id}`).set(admin)).status).toBe(404);
  });

  it('move a contact with its author in the event log; a move to where it stands records nothing', async () => {
    const { request, admin, tenant, db } = await tenantApi();
    const member = await testMember(request, tenant.id, 'agent', 'Ada Agent');
    const [fresh, contacted] = (await request().get('/api/pipeline-stages').set(admin)).body.stages as Stage[];
    const contact = (await request().post('/api/contacts').set(member.headers).send({ firstName: 'Zoe', phone: '+14155550101', stageId: fresh!.id }).expect(201)).body.contact;
    expect(contact.stageId).toBe(fresh!.id);

    const moved = await request().post(`/api/contacts/${contact.id}/stage`).set(member.headers).send({ stageId: contacted!.id }).expect(200);
    expect(moved.body.contact).toMatchObject({ id: contact.id, stageId: contacted!.id });
    expect(Date.parse(moved.body.contact.stageChangedAt)).toBeGreaterThanOrEqual(Date.parse(contact.stageChangedAt));
    await request().post(`/api/contacts/${contact.id}/stage`).set(member.headers).send({ stageId: contacted!.id }).expect(200);
    await request().post(`/api/contacts/${contact.id}/stage`).set(member.headers).send({ stageId: null }).expect(200);

    const events = await db.eventLog.findMany({ where: { subjectType: 'contact', subjectId: contact.id, type: 'contact.stage_changed' }, orderBy: { createdAt: 'asc' } });
    const by = { actorType: 'user', actorId: member.userId };
    expect(events.map((e) => [e.type, e.data, { actorType: e.actorType, actorId: e.actorId }])).toEqual([
      ['contact.stage_changed', { from: null, to: { id: fresh!.id, name: 'New' } }, by],
      ['contact.stage_changed', { from: { id: fresh!.id, name: 'New' }, to: { id: contacted!.id, name: 'Contacted' } }, by],
      ['contact.stage_changed', { from: { id: contacted!.id, name: 'Contacted' }, to: null }, by],
    ]);
    expect((await request().post(`/api/contacts/${contact.id}/stage`).set(admin).send({ stageId: 'stg_nope' })).status).toBe(404);
    expect((await request().post('/api/contacts/ctc_nope/stage').set(admin).send({ stageId: fresh!.id })).status).toBe(404);
    expect((await request().post('/api/contacts').set(admin).send({ phone: '+14155550102', stageId: 'stg_nope' })).status).toBe(404);
  });

  it('two agents moving one contact at once record moves that chain', async () => {
    const { request, admin, agent, db } = await tenantApi();
    const stages = (await request().get('/api/pipeline-stages').set(admin)).body.stages as Stage[];
    const contact = (await request().post('/api/contacts').set(admin).send({ phone: '+14155550103', stageId: stages[0]!.id }).expect(201)).body.contact;
    await Promise.all([
      request().post(`/api/contacts/${contact.id}/stage`).set(agent).send({ stageId: stages[1]!.id }).expect(200),
      request().post(`/api/contacts/${contact.id}/stage`).set(admin).send({ stageId: stages[2]!.id }).expect(200),
    ]);
    const events = await db.eventLog.findMany({ where: { subjectType: 'contact', subjectId: contact.id, type: 'contact.stage_changed' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    const moves = events.map((e) => e.data as { from: { id: string } | null; to: { id: string } | null });
    expect(moves).toHaveLength(3);
    expect(moves[1]!.from!.id).toBe(stages[0]!.id);
    expect(moves[2]!.from!.id).toBe(moves[1]!.to!.id);
    const row = await db.contact.findFirstOrThrow({ where: { id: contact.id } });
    expect(row.stageId).toBe(moves[2]!.to!.id);
  });

  it('a stage with contacts goes only once they have somewhere to go, each move recorded', async () => {
    const { request, admin, db, agentKeyId } = await tenantApi();
    const stages = (await request().get('/api/pipeline-stages').set(admin)).body.stages as Stage[];
    const ids: string[] = [];
    for (const phone of ['+14155550111', '+14155550112']) {
      ids.push((await request().post('/api/contacts').set(admin).send({ phone, stageId: stages[1]!.id }).expect(201)).body.contact.id);
    }
    const refused = await request().delete(`/api/pipeline-stages/${stages[1]!.id}`).set(admin);
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toEqual({ contacts: 2 });
    expect((await request().delete(`/api/pipeline-stages/${stages[1]!.id}?moveTo=${stages[1]!.id}`).set(admin)).status).toBe(400);
    expect((await request().delete(`/api/pipeline-stages/${stages[1]!.id}?moveTo=stg_nope`).set(admin)).status).toBe(404);

    const done = await request().delete(`/api/pipeline-stages/${stages[1]!.id}?moveTo=${stages[2]!.id}`).set(admin).expect(200);
    expect(done.body).toEqual({ moved: 2 });
    for (const id of ids) {
      expect((await db.contact.findFirstOrThrow({ where: { id } })).stageId).toBe(stages[2]!.id);
      const last = await db.eventLog.findFirstOrThrow({ where: { subjectType: 'contact', subjectId: id }, orderBy: { createdAt: 'desc' } });
      expect(last.data).toMatchObject({ from: { id: stages[1]!.id, name: 'Contacted' }, to: { id: stages[2]!.id, name: 'Qualified' }, reason: 'stage_deleted' });
      expect(last).toMatchObject({ actorType: 'apiKey', actorId: expect.stringMatching(/^key_/) });
    }
    expect(agentKeyId).toMatch(/^key_/);
  });
});

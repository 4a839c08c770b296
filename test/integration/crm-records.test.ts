import { describe, expect, it } from 'vitest';
import type { AppPrisma } from '../../prisma/client';
import { createApiKey } from '../../prisma/queries/api-keys/create-api-key';
import { bearer, createTestTenant, testApi, uniqueName } from '../harness/context';
import { useDevServer, type DevServer } from '../harness/suites';

// Companies, projects and the relationships that tie contacts to them — as client, candidate or both — through
// the API, with the races that matter: two people adding the same company, or the same relationship, at once.
let server: DevServer;
let prisma: AppPrisma;
useDevServer((parts) => ({ server, prisma } = parts));

async function tenantApi() {
  const t = await createTestTenant(prisma);
  const { request } = testApi({ prisma, client: server.client, taskQueue: uniqueName('records-tq') });
  const admin = bearer(t.apiKey);
  const agentKey = await createApiKey(t.db, { name: 'agent', role: 'agent' });
  const agent = bearer(agentKey.key);
  const post = async (path: string, body: object, headers = agent) => request().post(path).set(headers).send(body);
  const contact = async (phone: string, firstName: string) => (await post('/api/contacts', { phone, firstName })).body.contact as { id: string };
  return { ...t, request, admin, agent, agentKeyId: agentKey.id, post, contact };
}

describe('companies', () => {
  it('are one per name whatever its case — also when five people add it at once — and searchable by name or domain', async () => {
    const t = await tenantApi();
    const answers = await Promise.all(['Acme Ltd', 'ACME LTD', 'acme ltd', 'Acme Ltd', 'Acme ltd'].map((name) => t.post('/api/companies', { name, domain: 'Acme.COM' })));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    const made = answers.find((r) => r.status === 201)!.body.company;
    expect(made).toMatchObject({ domain: 'acme.com' });
    for (const refused of answers.filter((r) => r.status === 409)) expect(refused.body.error.details.companyId).toBe(made.id);
    expect(await t.db.company.count()).toBe(1);

    await t.post('/api/companies', { name: 'Harbor Dental', domain: 'harbor-dental.example' }).then((r) => expect(r.status).toBe(201));
    await t.post('/api/companies', { name: 'Bright Homes' }).then((r) => expect(r.status).toBe(201));
    expect((await t.post('/api/companies', { name: 'Bad', domain: 'https://bad.example/x' })).status).toBe(400);
    const search = async (q: string) => ((await t.request().get(`/api/companies?q=${encodeURIComponent(q)}`).set(t.agent)).body.companies as Array<{ name: string }>).map((c) => c.name);
    expect(await search('DENTAL')).toEqual(['Harbor Dental']);
    expect(await search('acme.c')).toEqual(['Acme Ltd', 'ACME LTD', 'acme ltd', 'Acme ltd'].filter((n) => n === made.name));
    const first = await t.request().get('/api/companies?limit=2').set(t.agent).expect(200);
    const second = await t.request().get(`/api/companies?limit=2&cursor=${first.body.nextCursor}`).set(t.agent).expect(200);
    expect([...first.body.companies, ...second.body.companies].map((c: { name: string }) => c.name)).toEqual(['Bright Homes', 'Harbor Dental', made.name]);
    expect(second.body.nextCursor).toBeNull();

    const renamed = await t.request().patch(`/api/companies/${made.id}`).set(t.agent).send({ name: 'Acme Group', domain: null }).expect(200);
    expect(renamed.body.company).toMatchObject({ name: 'Acme Group', domain: null });
    const clash = await t.request().patch(`/api/companies/${made.id}`).set(t.agent).send({ name: 'bright homes' });
    expect(clash.status).toBe(409);
  });
});

describe('projects', () => {
  it('are opportunities or positions, maybe at a company, whose status fits their kind', async () => {
    const t = await tenantApi();
    const acme = (await t.post('/api/companies', { name: 'Acme' })).body.company;
    const deal = await t.post('/api/projects', { name: 'Boiler swap', kind: 'opportunity', companyId: acme.id, value: 4200.5, currency: 'GBP' });
    expect(deal.status).toBe(201);
    expect(deal.body.project).toMatchObject({ kind: 'opportunity', status: 'open', company: { id: acme.id, name: 'Acme' }, value: '4200.50', currency: 'GBP' });
    const job = (await t.post('/api/projects', { name: 'Senior plumber', kind: 'position' })).body.project;
    expect(job).toMatchObject({ company: null, value: null, currency: null });

    for (const body of [
      { name: 'x', kind: 'position', status: 'won' },
      { name: 'x', kind: 'opportunity', status: 'filled' },
      { name: 'x', kind: 'opportunity', value: 10 },
      { name: 'x', kind: 'opportunity', currency: 'EUR' },
      { name: 'x', kind: 'job' },
    ]) {
      expect((await t.post('/api/projects', body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await t.post('/api/projects', { name: 'x', kind: 'position', companyId: 'cmp_nope' })).status).toBe(404);
    expect((await t.request().patch(`/api/projects/${job.id}`).set(t.agent).send({ status: 'won' })).status).toBe(400);
    const filled = await t.request().patch(`/api/projects/${job.id}`).set(t.agent).send({ status: 'filled', companyId: acme.id }).expect(200);
    expect(filled.body.project).toMatchObject({ status: 'filled', company: { id: acme.id } });
    expect((await t.request().patch(`/api/projects/${deal.body.project.id}`).set(t.agent).send({ currency: null })).status).toBe(400);
    const cleared = await t.request().patch(`/api/projects/${deal.body.project.id}`).set(t.agent).send({ value: null, currency: null }).expect(200);
    expect(cleared.body.project).toMatchObject({ value: null, currency: null });

    const list = async (query: string) => ((await t.request().get(`/api/projects?${query}`).set(t.agent)).body.projects as Array<{ name: string }>).map((p) => p.name);
    expect(await list('kind=position')).toEqual(['Senior plumber']);
    expect(await list('status=open')).toEqual(['Boiler swap']);
    expect(await list(`companyId=${acme.id}`)).toEqual(['Senior plumber', 'Boiler swap']);
    expect(await list('q=BOILER')).toEqual(['Boiler swap']);
  });
});

describe('relationships', () => {
  it('tie one person to a company as client and to a project as candidate — or both at once — each change in their timeline', async () => {
    const t = await tenantApi();
    const acme = (await t.post('/api/companies', { name: 'Acme' })).body.company;
    const job = (await t.post('/api/projects', { name: 'Site manager', kind: 'position', companyId: acme.id })).body.project;
    const dana = await t.contact('+14155550701', 'Dana');
    const eli = await t.contact('+14155550702', 'Eli');

    const client = await t.post('/api/relationships', { contactId: dana.id, companyId: acme.id, roles: ['client'], title: 'Hiring manager' });
    expect(client.status).toBe(201);
    expect(client.body.relationship).toMatchObject({ contact: { id: dana.id, name: 'Dana' }, company: { id: acme.id, name: 'Acme' }, project: null, roles: ['client'], title: 'Hiring manager' });
    // The recruiting case: the hiring manager is also looking for a job, through the same company's position.
    const candidate = await t.post('/api/relationships', { contactId: dana.id, projectId: job.id, roles: ['candidate'] });
    expect(candidate.body.relationship).toMatchObject({ project: { id: job.id, kind: 'position' }, roles: ['candidate'] });
    const both = await t.post('/api/relationships', { contactId: eli.id, companyId: acme.id, roles: ['candidate', 'client', 'client'] });
    expect(both.body.relationship.roles).toEqual(['candidate', 'client']);

    const again = await t.post('/api/relationships', { contactId: dana.id, companyId: acme.id, roles: ['candidate'] });
    expect(again.status).toBe(409);
    expect(again.body.error.details).toEqual({ relationshipId: client.body.relationship.id });
    const changed = await t.request().patch(`/api/relationships/${client.body.relationship.id}`).set(t.agent).send({ roles: ['client', 'candidate'] }).expect(200);
    expect(changed.body.relationship.roles).toEqual(['candidate', 'client']);

    for (const body of [
      { contactId: dana.id, roles: ['client'] },
      { contactId: dana.id, companyId: acme.id, projectId: job.id, roles: ['client'] },
      { contactId: dana.id, companyId: acme.id, roles: [] },
      { contactId: dana.id, companyId: acme.id, roles: ['owner'] },
    ]) {
      expect((await t.post('/api/relationships', body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await t.post('/api/relationships', { contactId: 'ctc_nope', companyId: acme.id, roles: ['client'] })).status).toBe(404);
    expect((await t.post('/api/relationships', { contactId: dana.id, projectId: 'prj_nope', roles: ['client'] })).status).toBe(404);

    const list = async (query: string) => ((await t.request().get(`/api/relationships?${query}`).set(t.agent)).body.relationships as Array<{ contact: { name: string }; roles: string[] }>);
    expect((await list(`contactId=${dana.id}`)).length).toBe(2);
    expect((await list(`companyId=${acme.id}`)).map((r) => r.contact.name)).toEqual(['Eli', 'Dana']);
    expect((await list(`projectId=${job.id}&role=candidate`)).map((r) => r.contact.name)).toEqual(['Dana']);
    expect((await list(`companyId=${acme.id}&role=client`)).length).toBe(2);
    expect((await t.request().get('/api/relationships').set(t.agent)).status).toBe(400);

    await t.request().delete(`/api/relationships/${candidate.body.relationship.id}`).set(t.agent).expect(204);
    expect((await t.request().get(`/api/relationships/${candidate.body.relationship.id}`).set(t.agent)).status).toBe(404);

    const timeline = await t.request().get(`/api/contacts/${dana.id}/timeline`).set(t.agent).expect(200);
    const events = (timeline.body.items as Array<{ kind: string; event?: { type: string; data: Record<string, unknown>; actor: unknown } }>).filter((i) => i.kind === 'event').map((i) => i.event!);
    expect(events.map((e) => e.type)).toEqual(['relationship.removed', 'relationship.changed', 'relationship.added', 'relationship.added', 'contact.created']);
    expect(events[1]!.data).toMatchObject({ roles: ['candidate', 'client'], before: { roles: ['client'] }, company: { name: 'Acme' } });
    expect(events[1]!.actor).toEqual({ kind: 'apiKey', id: t.agentKeyId });
  });

  it('the same relationship made twice at once: one, the other a 409 naming it', async () => {
    const t = await tenantApi();
    const acme = (await t.post('/api/companies', { name: 'Acme' })).body.company;
    const fay = await t.contact('+14155550703', 'Fay');
    const answers = await Promise.all([0, 1, 2].map(() => t.post('/api/relationships', { contactId: fay.id, companyId: acme.id, roles: ['candidate'] })));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    const made = answers.find((r) => r.status === 201)!.body.relationship.id;
    for (const r of answers.filter((a) => a.status === 409)) expect(r.body.error.details.relationshipId).toBe(made);
    expect(await t.db.relationship.count()).toBe(1);
  });

  it('go with the company or project an admin deletes, recorded; the company’s projects stay, without it', async () => {
    const t = await tenantApi();
    const acme = (await t.post('/api/companies', { name: 'Acme' })).body.company;
    const job = (await t.post('/api/projects', { name: 'Welder', kind: 'position', companyId: acme.id })).body.project;
    const gus = await t.contact('+14155550704', 'Gus');
    await t.post('/api/relationships', { contactId: gus.id, companyId: acme.id, roles: ['client'] });
    await t.post('/api/relationships', { contactId: gus.id, projectId: job.id, roles: ['candidate'] });
    expect((await t.request().delete(`/api/companies/${acme.id}`).set(t.agent)).status).toBe(403);
    await t.request().delete(`/api/companies/${acme.id}`).set(t.admin).expect(204);
    const project = await t.request().get(`/api/projects/${job.id}`).set(t.agent).expect(200);
    expect(project.body.project.company).toBeNull();
    expect(await t.db.relationship.count()).toBe(1);
    await t.request().delete(`/api/projects/${job.id}`).set(t.admin).expect(204);
    expect(await t.db.relationship.count()).toBe(0);
    const removed = await t.db.eventLog.findMany({ where: { subjectId: gus.id, type: 'relationship.removed' }, orderBy: { createdAt: 'asc' } });
    expect(removed.map((e) => (e.data as { reason: string }).reason)).toEqual(['company_deleted', 'project_deleted']);
    expect((await t.request().get(`/api/companies/${acme.id}`).set(t.agent)).status).toBe(404);
  });
});

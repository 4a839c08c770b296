import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { CHANNELS } from '../../domain/channels';
import type { AppPrisma } from '../../prisma/client';
import { forTenant } from '../../prisma/tenant-scope';
import { seedDemo, type DemoSeedResult } from '../../scripts/lib/demo-seed';
import { signIn } from '../harness/accounts';
import { fakeProviders, TEST_APP_URL, testApi, testSystemPrisma, uniqueName } from '../harness/context';
import { useDevServerWorker, type DevServer } from '../harness/suites';

// `npm run seed` against a real API over HTTP (listening on a port, as the launcher's is), a real worker with
// the fake provider, the Temporal dev server and Postgres.
Runtime.install({ logger: new DefaultLogger('WARN') });

let server: DevServer;
let prisma: AppPrisma;
const { providers } = fakeProviders();
const taskQueue = uniqueName('seed-tq');
useDevServerWorker({ taskQueue, providers }, (parts) => ({ server, prisma } = parts));

let http: Server;
let apiUrl = '';
let api: ReturnType<typeof testApi>;
let first: DemoSeedResult;

beforeAll(async () => {
  api = testApi({ prisma, client: server.client, taskQueue });
  http = api.app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => http.once('listening', () => resolve()));
  apiUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  first = await seedDemo({ databaseUrl: inject('databaseUrl'), apiUrl, appUrl: TEST_APP_URL });
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => http?.close(resolve));
});

describe('the demo seed', () => {
  it('makes a person of every role who can sign in with the password it answers', async () => {
    expect(first.users.map((u) => u.role)).toEqual(['owner', 'admin', 'agent', 'viewer']);
    for (const user of first.users) {
      const session = await signIn(api.request, user.email, user.password);
      const me = await api.request().get('/api/me').set(session.headers);
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ role: user.role, tenant: { id: first.tenantId }, user: { email: user.email } });
    }
  });

  it('gives the owner threads in every channel, with assignments, labels, notes and unread ones', async () => {
    const owner = first.users.find((u) => u.role === 'owner')!;
    const session = await signIn(api.request, owner.email, owner.password);
    const res = await api.request().get('/api/threads?limit=100').set(session.headers);
    expect(res.status).toBe(200);
    const threads = res.body.threads as Array<{ channel: string; assignee: unknown; labels: string[]; unreadCount: number; status: string }>;
    expect(new Set(threads.map((t) => t.channel))).toEqual(new Set(CHANNELS));
    expect(threads.some((t) => t.assignee !== null)).toBe(true);
    expect(threads.some((t) => t.assignee === null)).toBe(true);
    expect(threads.some((t) => t.labels.includes('vip'))).toBe(true);
    expect(threads.some((t) => t.unreadCount > 0)).toBe(true);
    expect(new Set(threads.map((t) => t.status))).toEqual(new Set(['open', 'closed', 'snoozed']));
    const db = forTenant(prisma, first.tenantId);
    const notes = await db.note.findMany({ select: { visibility: true, authorId: true } });
    expect(new Set(notes.map((n) => n.visibility))).toEqual(new Set(['private', 'public']));
    expect(notes.every((n) => n.authorId !== null)).toBe(true);
    expect(await db.cannedReply.count()).toBeGreaterThanOrEqual(2);
    expect(await db.contact.count({ where: { NOT: { customProperties: { equals: {} } } } })).toBeGreaterThan(0);
  });

  it('has a message in every status, a failed one with its error code, and live ones that are workflows', async () => {
    const db = forTenant(prisma, first.tenantId);
    const rows = await db.message.findMany({ select: { status: true, errorCode: true, workflowId: true, direction: true, scheduledAt: true } });
    const statuses = new Set(rows.map((r) => r.status));
    for (const status of ['scheduled', 'sent', 'delivered', 'read', 'undelivered', 'failed', 'cancelled', 'received']) {
      expect(statuses, status).toContain(status);
    }
    expect(rows.find((r) => r.status === 'failed')!.errorCode).toMatch(/^\d+$/);
    // A send now is queued when made (its workflow takes it on from there).
    expect(first.liveMessages.map((m) => m.status)).toContain('queued');
    const scheduled = rows.filter((r) => r.status === 'scheduled');
    expect(scheduled.every((r) => r.scheduledAt! > new Date())).toBe(true);
    for (const row of scheduled) {
      const description = await server.client.workflow.getHandle(row.workflowId!).describe();
      expect(description.status.name).toBe('RUNNING');
    }
  });

  it('publishes a sequence whose enrollments run as workflows in Temporal, and sends a quote', async () => {
    const db = forTenant(prisma, first.tenantId);
    expect(first.enrollments.length).toBeGreaterThanOrEqual(2);
    for (const enrollment of first.enrollments) {
      const row = await db.enrollment.findFirstOrThrow({ where: { id: enrollment.id } });
      expect(row.status).toBe('active');
      const description = await server.client.workflow.getHandle(enrollment.workflowId!).describe();
      expect(description.status.name).toBe('RUNNING');
    }
    expect(await db.sequenceVersion.count({ where: { sequenceId: first.sequenceId, publishedAt: { not: null } } })).toBe(1);
    expect(await db.quote.count({ where: { id: first.quoteId } })).toBe(1);
  });

  it('defines custom fields and puts every contact in a stage of its pipeline, each move by the agent', async () => {
    const db = forTenant(prisma, first.tenantId);
    expect((await db.customField.findMany({ orderBy: { position: 'asc' } })).map((f) => [f.key, f.type])).toEqual([
      ['plan', 'select'],
      ['boiler', 'text'],
      ['lastService', 'date'],
      ['radiators', 'number'],
    ]);
    const contacts = await db.contact.findMany({ include: { stage: true } });
    expect(contacts.length).toBeGreaterThan(5);
    expect(contacts.every((c) => c.stage !== null)).toBe(true);
    expect(new Set(contacts.map((c) => c.stage!.kind))).toEqual(new Set(['open', 'won']));
    const agent = await db.member.findFirstOrThrow({ where: { role: 'agent' } });
    const moves = await db.eventLog.findMany({ where: { type: 'contact.stage_changed' } });
    expect(moves).toHaveLength(contacts.length);
    expect(moves.every((m) => m.actorType === 'user' && m.actorId === agent.id)).toBe(true);
  });

  it('has companies, projects and relationships, one person both client and candidate', async () => {
    const db = forTenant(prisma, first.tenantId);
    expect(await db.company.count()).toBeGreaterThanOrEqual(3);
    expect(new Set((await db.project.findMany()).map((p) => p.kind))).toEqual(new Set(['opportunity', 'position']));
    const relationships = await db.relationship.findMany();
    expect(relationships.some((r) => r.roles.includes('client') && r.roles.includes('candidate'))).toBe(true);
    expect(relationships.some((r) => r.projectId !== null && r.roles.includes('candidate'))).toBe(true);
  });

  it('replaces the demo when seeded again: the old tenant and passwords are gone, the new ones work', async () => {
    const second = await seedDemo({ databaseUrl: inject('databaseUrl'), apiUrl, appUrl: TEST_APP_URL });
    expect(second.replacedTenantIds).toEqual([first.tenantId]);
    expect(second.tenantId).not.toBe(first.tenantId);
    expect(await testSystemPrisma().tenant.count({ where: { id: first.tenantId } })).toBe(0);
    const owner = (result: DemoSeedResult) => result.users.find((u) => u.role === 'owner')!;
    await expect(signIn(api.request, owner(first).email, owner(first).password)).rejects.toThrow(/answered 401/);
    const session = await signIn(api.request, owner(second).email, owner(second).password);
    const me = await api.request().get('/api/me').set(session.headers);
    expect(me.body.tenant.id).toBe(second.tenantId);
    // One demo account per person, not two.
    expect(await testSystemPrisma().authUser.count({ where: { email: { in: second.users.map((u) => u.email) } } })).toBe(4);
  }, 120_000);
});

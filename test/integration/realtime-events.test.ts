import { addTestMember } from '../harness/accounts';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app';
import type { RealtimeHub } from '../../api/realtime/realtime-hub';
import { TemporalGateway } from '../../api/temporal-gateway';
import type { AppPrisma } from '../../prisma/client';
import { markThreadRead } from '../../prisma/queries/threads/mark-thread-read';
import { bearer, createTestTenant, silentLogger, testPrisma, testRealtimeHub, testSecrets, testSystemPrisma, uniqueName } from '../harness/context';
import { devServer } from '../harness/dev-server';
import { openEventStream, type OpenStream } from '../harness/event-stream';
import { freePort } from '../harness/free-port';

// Two API processes' worth — two apps, each with its own realtime hub and LISTEN connection, on real ports —
// over one Postgres. A change made through one reaches the other's subscribers through LISTEN/NOTIFY.
let server: Awaited<ReturnType<typeof devServer>>;
let prisma: AppPrisma;
const apps: Array<{ url: string; http: Server; hub: RealtimeHub }> = [];
const streams: OpenStream[] = [];

async function startApi(options: { heartbeatMs?: number } = {}) {
  const hub = testRealtimeHub(prisma);
  const app = createApp({
    prisma,
    systemPrisma: testSystemPrisma(),
    temporal: TemporalGateway.fromClient(server.client, { taskQueue: uniqueName('rt-tq') }),
    temporalWeb: { uiUrl: 'http://localhost:8233', namespace: 'default' },
    logger: silentLogger,
    secrets: testSecrets(),
    realtime: { hub, maxStreamMs: 60_000, heartbeatMs: options.heartbeatMs ?? 25_000 },
  });
  const port = await freePort();
  const http = await new Promise<Server>((resolve) => {
    const s = app.listen(port, '127.0.0.1', () => resolve(s));
  });
  const api = { url: `http://127.0.0.1:${port}`, http, hub };
  apps.push(api);
  return api;
}

async function stream(api: { url: string }, key: string, headers: Record<string, string> = {}, query = '') {
  const s = await openEventStream(`${api.url}/api/events${query}`, { ...bearer(key), ...headers });
  streams.push(s);
  return s;
}

beforeAll(async () => {
  server = await devServer();
  prisma = testPrisma();
});
afterAll(async () => {
  for (const s of streams) s.close();
  for (const api of apps) {
    api.http.closeAllConnections();
    await new Promise((resolve) => api.http.close(resolve));
    await api.hub.close();
  }
  await server?.close();
  await prisma?.$disconnect();
});

/** Tenant A with a thread to talk about. */
async function tenantWithThread(businessName: string) {
  const t = await createTestTenant(prisma, { businessName });
  const contact = await t.db.contact.create({ data: { tenantId: t.tenant.id, phone: '+14155550100', firstName: 'Ada' } });
  const thread = await t.db.thread.create({ data: { tenantId: t.tenant.id, contactId: contact.id, channel: 'sms', lastMessageAt: new Date() } });
  return { ...t, contact, thread };
}

const note = (api: { url: string }, key: string, threadId: string, body: string) =>
  fetch(`${api.url}/api/threads/${threadId}/notes`, { method: 'POST', headers: { ...bearer(key), 'Content-Type': 'application/json' }, body: JSON.stringify({ body }) }).then(async (r) => {
    expect(r.status).toBe(201);
    return ((await r.json()) as { note: { id: string } }).note.id;
  });

const ids = (s: OpenStream) => s.events.map((e) => Number(e.id));
const types = (s: OpenStream) => s.events.map((e) => (e.data as { type: string }).type);

describe('GET /api/events', () => {
  it('delivers a change made through one API process to a subscriber of another, and resumes after Last-Event-ID without gaps or duplicates', async () => {
    const [one, two] = [await startApi(), await startApi()];
    const a = await tenantWithThread('Tenant A');
    const listener = await stream(two, a.apiKey);
    expect(listener.status).toBe(200);
    expect(listener.contentType).toMatch(/^text\/event-stream/);

    const first = await note(one, a.apiKey, a.thread.id, 'first');
    await listener.until((s) => s.events.length >= 1);
    expect(listener.events[0]!.data).toMatchObject({ type: 'note.created', threadId: a.thread.id, data: { noteId: first, visibility: 'private' } });
    expect(listener.events[0]!.id).toBe((listener.events[0]!.data as { id: string }).id);

    // A thread change and an inbound message through the other process, then the tab goes away.
    await fetch(`${one.url}/api/threads/${a.thread.id}/close`, { method: 'POST', headers: bearer(a.apiKey) });
    await listener.until((s) => s.events.length >= 2);
    expect(types(listener)).toEqual(['note.created', 'thread.updated']);
    const lastSeen = listener.events.at(-1)!.id!;
    listener.close();

    // Missed while disconnected: three notes.
    for (const body of ['missed 1', 'missed 2', 'missed 3']) await note(one, a.apiKey, a.thread.id, body);
    const resumed = await stream(two, a.apiKey, { 'Last-Event-ID': lastSeen }, '?lastEventId=1');
    await resumed.until((s) => s.events.length >= 3);
    // And one more live.
    await note(two, a.apiKey, a.thread.id, 'live');
    await resumed.until((s) => s.events.length >= 4);
    expect(ids(resumed)).toEqual([1, 2, 3, 4].map((n) => Number(lastSeen) + n));
    expect(resumed.events.map((e) => (e.data as { type: string }).type)).toEqual(['note.created', 'note.created', 'note.created', 'note.created']);

    // The same resume on the other process (the header winning over the query) gives the same events.
    const elsewhere = await stream(one, a.apiKey, {}, `?lastEventId=${lastSeen}`);
    await elsewhere.until((s) => s.events.length >= 4);
    expect(ids(elsewhere)).toEqual(ids(resumed));
  });

  it('numbers concurrent changes without gaps, in the order they become visible', async () => {
    const [one, two] = [await startApi(), await startApi()];
    const a = await tenantWithThread('Tenant A');
    const listener = await stream(two, a.apiKey);
    await Promise.all(Array.from({ length: 20 }, (_, i) => note(one, a.apiKey, a.thread.id, `burst ${i}`)));
    await listener.until((s) => s.events.length >= 20);
    const seen = ids(listener);
    expect(seen).toEqual(Array.from({ length: 20 }, (_, i) => seen[0]! + i));
  });

  it('numbers events in commit order: a change that commits late is not skipped by a stream already past an earlier-started one', async () => {
    const api = await startApi();
    const a = await tenantWithThread('Tenant A');
    const listener = await stream(api, a.apiKey);
    // A slow transaction writes its note first and commits last.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let written!: () => void;
    const noteWritten = new Promise<void>((resolve) => (written = resolve));
    const slow = a.db.$transaction(async (tx) => {
      await tx.note.create({ data: { tenantId: a.tenant.id, threadId: a.thread.id, body: 'slow' } });
      written();
      await gate;
    });
    await noteWritten;
    const fastId = await note(api, a.apiKey, a.thread.id, 'fast');
    await listener.until((s) => s.events.length >= 1);
    release();
    await slow;
    await listener.until((s) => s.events.length >= 2);
    expect(listener.events.map((e) => (e.data as { data: { noteId: string } }).data.noteId)[0]).toBe(fastId);
    const [first, second] = ids(listener);
    expect(second).toBe(first! + 1);
    // Resuming after the fast one still finds the slow one.
    const resumed = await stream(api, a.apiKey, { 'Last-Event-ID': String(first) });
    await resumed.until((s) => s.events.length >= 1);
    expect(ids(resumed)).toEqual([second]);
  });

  it('never shows one tenant’s events to another tenant, and keeps idle streams alive with heartbeats', async () => {
    const api = await startApi({ heartbeatMs: 50 });
    const a = await tenantWithThread('Tenant A');
    const b = await tenantWithThread('Tenant B');
    const aStream = await stream(api, a.apiKey);
    const bStream = await stream(api, b.apiKey);
    await note(api, a.apiKey, a.thread.id, 'for A only');
    await aStream.until((s) => s.events.length >= 1);
    // B's stream is alive (heartbeats keep arriving after A's event was delivered) and carries none of A's events.
    const heartbeats = bStream.comments.length;
    await bStream.until((s) => s.comments.filter((c) => c === 'heartbeat').length >= heartbeats + 2);
    expect(bStream.events).toEqual([]);
    // B resuming from the very start still gets only its own.
    const bFromStart = await stream(api, b.apiKey, { 'Last-Event-ID': '0' });
    await note(api, b.apiKey, b.thread.id, 'for B');
    await bFromStart.until((s) => s.events.length >= 1);
    expect(bFromStart.events.map((e) => (e.data as { threadId: string }).threadId)).toEqual([b.thread.id]);
  });

  it('streams inbound messages, delivery updates and read state, whoever writes them', async () => {
    const api = await startApi();
    const a = await tenantWithThread('Tenant A');
    const listener = await stream(api, a.apiKey);
    const inbound = await fetch(`${api.url}/api/fake/inbound`, {
      method: 'POST',
      headers: { ...bearer(a.apiKey), 'Content-Type': 'application/json' },
      body: JSON.stringify({ from: a.contact.phone, body: 'Are you open?' }),
    });
    expect(inbound.status).toBe(201);
    const { messageId } = (await inbound.json()) as { messageId: string };
    await listener.until((s) => s.events.length >= 1);
    expect(listener.events[0]!.data).toMatchObject({ type: 'message.created', threadId: a.thread.id, data: { messageId, direction: 'inbound', status: 'received' } });
    // Written outside the API (as the worker's activities and the webhooks do): the triggers see it all the same.
    const { member } = await addTestMember(a.tenant.id, 'agent', 'Grace');
    await markThreadRead(a.db, a.thread.id, member.id, new Date());
    const outbound = await a.db.message.create({ data: { tenantId: a.tenant.id, contactId: a.contact.id, threadId: a.thread.id, direction: 'outbound', channel: 'sms', body: 'Yes', status: 'sent' } });
    await a.db.message.updateMany({ where: { id: outbound.id }, data: { status: 'delivered' } });
    await listener.until((s) => s.events.length >= 4);
    expect(listener.events.slice(1).map((e) => e.data)).toMatchObject([
      { type: 'thread.read', threadId: a.thread.id, data: { userId: member.id } },
      { type: 'message.created', data: { messageId: outbound.id, status: 'sent' } },
      { type: 'message.updated', data: { messageId: outbound.id, status: 'delivered' } },
    ]);
  });

  it('ends a stream after its time, refuses a malformed Last-Event-ID, and needs a key', async () => {
    const hub = testRealtimeHub(prisma);
    const app = createApp({
      prisma,
      systemPrisma: testSystemPrisma(),
      temporal: TemporalGateway.fromClient(server.client, { taskQueue: uniqueName('rt-tq') }),
      temporalWeb: { uiUrl: 'http://localhost:8233', namespace: 'default' },
      logger: silentLogger,
      realtime: { hub, maxStreamMs: 200 },
    });
    const port = await freePort();
    const http = await new Promise<Server>((resolve) => {
      const s = app.listen(port, '127.0.0.1', () => resolve(s));
    });
    apps.push({ url: `http://127.0.0.1:${port}`, http, hub });
    const a = await tenantWithThread('Tenant A');
    const bounded = await stream({ url: `http://127.0.0.1:${port}` }, a.apiKey);
    await bounded.ended;
    expect(bounded.comments).toContain('connected');
    const bad = await fetch(`http://127.0.0.1:${port}/api/events`, { headers: { ...bearer(a.apiKey), 'Last-Event-ID': 'abc' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/last-event-id/);
    expect((await fetch(`http://127.0.0.1:${port}/api/events`)).status).toBe(401);
  });
});

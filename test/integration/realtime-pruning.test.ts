import { spawn, type ChildProcess } from 'node:child_process';
import type { Server } from 'node:http';
import path from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createApp } from '../../api/app';
import type { RealtimeHub } from '../../api/realtime/realtime-hub';
import { TemporalGateway } from '../../api/temporal-gateway';
import { realtimePruneScheduleId } from '../../domain/derived-ids';
import { RealtimeEventSchema } from '../../domain/schemas/inbox';
import type { AppPrisma } from '../../prisma/client';
import { pruneRealtimeEvents } from '../../prisma/queries/realtime-events/prune-realtime-events';
import { bearer, createTestTenant, fakeProviders, silentLogger, testRealtimeHub, testSystemPrisma, uniqueName } from '../harness/context';
import { openEventStream, type OpenStream } from '../harness/event-stream';
import { freePort } from '../harness/free-port';
import { useDevServerWorker, type DevServer } from '../harness/suites';
import type { PruneRealtimeEventsResult } from '../../workflows/definitions';

const ROOT = path.resolve(import.meta.dirname, '../..');
const DAY = 86_400_000;

// The worker of this file prunes with the default retention (7 days) in batches of 2, so a handful of events
// takes several batches.
const taskQueue = uniqueName('prune-tq');
let server: DevServer;
let prisma: AppPrisma;
useDevServerWorker({ taskQueue, providers: fakeProviders().providers, realtimeRetention: { days: 7, batchSize: 2 } }, (parts) => {
  server = parts.server;
  prisma = parts.prisma;
});

const apps: Array<{ http: Server; hub: RealtimeHub }> = [];
const streams: OpenStream[] = [];
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const s of streams) s.close();
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const api of apps) {
    api.http.closeAllConnections();
    await new Promise((resolve) => api.http.close(resolve));
    await api.hub.close();
  }
});

/** A tenant with a thread and `count` notes on it; returns the notes' event numbers, oldest first. */
async function tenantWithEvents(count: number) {
  const t = await createTestTenant(prisma);
  const contact = await t.db.contact.create({ data: { tenantId: t.tenant.id, phone: '+14155550100' } });
  const thread = await t.db.thread.create({ data: { tenantId: t.tenant.id, contactId: contact.id, channel: 'sms', lastMessageAt: new Date() } });
  for (let i = 0; i < count; i++) await t.db.note.create({ data: { tenantId: t.tenant.id, threadId: thread.id, body: `note ${i}` } });
  const events = await t.db.realtimeEvent.findMany({ orderBy: { seq: 'asc' }, select: { seq: true } });
  return { ...t, thread, seqs: events.map((e) => e.seq!) };
}

/** Makes the tenant's events numbered `fromSeq` to `throughSeq` look `days` old (as if written then). */
async function age(tenantId: string, throughSeq: bigint, days: number, fromSeq = 0n) {
  await testSystemPrisma().$executeRaw`
    UPDATE realtime_events SET created_at = now() - make_interval(days => ${days})
     WHERE tenant_id = ${tenantId} AND seq BETWEEN ${fromSeq} AND ${throughSeq}`;
}

async function keptSeqs(tenantId: string) {
  const rows = await testSystemPrisma().realtimeEvent.findMany({ where: { tenantId }, orderBy: { seq: 'asc' }, select: { seq: true } });
  return rows.map((r) => r.seq!);
}

async function prunedThrough(tenantId: string) {
  const counter = await testSystemPrisma().realtimeEventCounter.findUnique({ where: { tenantId }, select: { prunedThroughSeq: true } });
  return counter?.prunedThroughSeq;
}

describe('pruning the realtime event log', () => {
  it('deletes only the events older than the retention, every tenant’s, in bounded batches, and marks how far each tenant’s log went', async () => {
    const a = await tenantWithEvents(4);
    const b = await tenantWithEvents(3);
    // A: its first three events are 8 days old; B: its first two; the others are recent (or 6 days old: kept).
    await age(a.tenant.id, a.seqs[2]!, 8);
    await age(b.tenant.id, b.seqs[1]!, 8);
    await age(b.tenant.id, b.seqs[2]!, 6, b.seqs[2]!);
    const result = await server.client.workflow.execute('pruneRealtimeEventsWorkflow', { taskQueue, workflowId: uniqueName('prune'), args: [] });
    expect(result).toMatchObject<Partial<PruneRealtimeEventsResult>>({ deleted: 5, batches: 3, finished: true });
    expect(await keptSeqs(a.tenant.id)).toEqual(a.seqs.slice(3));
    expect(await keptSeqs(b.tenant.id)).toEqual(b.seqs.slice(2));
    expect(await prunedThrough(a.tenant.id)).toBe(a.seqs[2]);
    expect(await prunedThrough(b.tenant.id)).toBe(b.seqs[1]);

    // Nothing old left: a second run deletes nothing and leaves the marks where they were.
    const again = await server.client.workflow.execute('pruneRealtimeEventsWorkflow', { taskQueue, workflowId: uniqueName('prune'), args: [] });
    expect(again).toMatchObject({ deleted: 0, batches: 1, finished: true });
    expect(await prunedThrough(a.tenant.id)).toBe(a.seqs[2]);
  });

  it('is a Temporal Schedule the worker creates at start-up: once, however often workers start, skipping overlaps', async () => {
    // The real worker entry point (npm run worker), twice, on a task queue of its own.
    const queue = uniqueName('prune-schedule-tq');
    const scheduleId = realtimePruneScheduleId(queue);
    const first = await startWorkerProcess(queue);
    const handle = server.client.schedule.getHandle(scheduleId);
    const created = await handle.describe();
    expect(created.action).toMatchObject({ type: 'startWorkflow', workflowType: 'pruneRealtimeEventsWorkflow', taskQueue: queue });
    expect(created.policies.overlap).toBe('SKIP');
    expect(created.spec.intervals).toMatchObject([{ every: 3_600_000 }]);
    await first.stop();

    const second = await startWorkerProcess(queue);
    const after = await handle.describe();
    expect(after.info.createdAt).toEqual(created.info.createdAt);
    const ours: string[] = [];
    for await (const schedule of server.client.schedule.list()) if (schedule.scheduleId.startsWith(`realtime-events-prune:${queue}`)) ours.push(schedule.scheduleId);
    expect(ours).toEqual([scheduleId]);

    // What it starts is the pruning: triggered now, its run completes on the worker serving the queue.
    const old = await tenantWithEvents(2);
    await age(old.tenant.id, old.seqs[0]!, 30);
    await handle.trigger();
    const action = await until(async () => (await handle.describe()).info.recentActions[0]?.action.workflow);
    expect(action.workflowId.startsWith(scheduleId)).toBe(true);
    expect(await server.client.workflow.getHandle(action.workflowId, action.firstExecutionRunId).result()).toMatchObject({ deleted: 1, finished: true });
    expect(await keptSeqs(old.tenant.id)).toEqual(old.seqs.slice(1));
    await second.stop();
    await handle.delete();
  }, 180_000);
});

describe('GET /api/events after pruning', () => {
  async function startApi() {
    const hub = testRealtimeHub(prisma);
    const app = createApp({
      prisma,
      systemPrisma: testSystemPrisma(),
      temporal: TemporalGateway.fromClient(server.client, { taskQueue }),
      temporalWeb: { uiUrl: 'http://localhost:8233', namespace: 'default' },
      logger: silentLogger,
      realtime: { hub, maxStreamMs: 60_000 },
    });
    const port = await freePort();
    const http = await new Promise<Server>((resolve) => {
      const s = app.listen(port, '127.0.0.1', () => resolve(s));
    });
    apps.push({ http, hub });
    return `http://127.0.0.1:${port}`;
  }

  async function resume(url: string, key: string, lastEventId: bigint) {
    const s = await openEventStream(`${url}/api/events`, { ...bearer(key), 'Last-Event-ID': String(lastEventId) });
    streams.push(s);
    expect(s.status).toBe(200);
    return s;
  }
  const seen = (s: OpenStream) => s.events.map((e) => [e.id, (e.data as { type: string }).type]);

  it('sends `reset` first to a client resuming from a pruned event, then the kept events; a client resuming from a kept one gets no reset', async () => {
    const url = await startApi();
    const t = await tenantWithEvents(5);
    const [s1, , s3, s4, s5] = t.seqs.map(String);
    await age(t.tenant.id, t.seqs[2]!, 8);
    expect(await pruneRealtimeEvents(testSystemPrisma(), new Date(Date.now() - 7 * DAY), 100)).toBe(3);

    // Resumed from s1: s2 and s3 are gone. `reset` (numbered as the last pruned event), then s4 and s5.
    const behind = await resume(url, t.apiKey, BigInt(s1!));
    await behind.until((s) => s.events.length >= 3);
    expect(seen(behind)).toEqual([
      [s3, 'reset'],
      [s4, 'note.created'],
      [s5, 'note.created'],
    ]);
    const reset = RealtimeEventSchema.parse(behind.events[0]!.data);
    expect(reset).toMatchObject({ id: s3, type: 'reset', threadId: null });
    // Live events follow as usual.
    await t.db.note.create({ data: { tenantId: t.tenant.id, threadId: t.thread.id, body: 'live' } });
    await behind.until((s) => s.events.length >= 4);
    expect(seen(behind)[3]).toEqual([String(t.seqs[4]! + 1n), 'note.created']);

    // Reconnecting after the reset (EventSource sends its id) and resuming from a kept event: nothing missed,
    // so no reset.
    const afterReset = await resume(url, t.apiKey, BigInt(s3!));
    const fromKept = await resume(url, t.apiKey, BigInt(s4!));
    await afterReset.until((s) => s.events.length >= 3);
    await fromKept.until((s) => s.events.length >= 2);
    expect(seen(afterReset).map(([, type]) => type)).toEqual(['note.created', 'note.created', 'note.created']);
    expect(seen(afterReset)[0]![0]).toBe(s4);
    expect(seen(fromKept).map(([, type]) => type)).toEqual(['note.created', 'note.created']);
    expect(seen(fromKept)[0]![0]).toBe(s5);
  });

  it('sends `reset` even when every event after the client’s was pruned, and none to a stream that starts now', async () => {
    const url = await startApi();
    const t = await tenantWithEvents(2);
    await age(t.tenant.id, t.seqs[1]!, 8);
    expect(await pruneRealtimeEvents(testSystemPrisma(), new Date(Date.now() - 7 * DAY), 100)).toBe(2);
    const fromStart = await resume(url, t.apiKey, 0n);
    const fresh = await openEventStream(`${url}/api/events`, bearer(t.apiKey));
    streams.push(fresh);
    await fromStart.until((s) => s.events.length >= 1);
    expect(seen(fromStart)).toEqual([[String(t.seqs[1]), 'reset']]);
    await t.db.note.create({ data: { tenantId: t.tenant.id, threadId: t.thread.id, body: 'live' } });
    await fresh.until((s) => s.events.length >= 1);
    await fromStart.until((s) => s.events.length >= 2);
    expect(seen(fresh)).toEqual([[String(t.seqs[1]! + 1n), 'note.created']]);
    expect(seen(fromStart)[1]).toEqual([String(t.seqs[1]! + 1n), 'note.created']);
  });
});

/** Polls `read` until it gives a value (a schedule's action shows in its description once taken). */
async function until<T>(read: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** `worker/main.ts` as `npm run worker` runs it, against this run's Postgres and Temporal; resolves once it polls. */
async function startWorkerProcess(queue: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: inject('databaseUrl'),
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_TASK_QUEUE: queue,
      HERALD_SECRETS_KEY: inject('secretsKey'),
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('worker polling')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) => reject(new Error(`the worker exited (${code}) before polling:\n${output}`)));
  });
  return {
    async stop() {
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    },
  };
}

import { addTestMember } from '../harness/accounts';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import type { AppPrisma } from '../../prisma/client';
import { countThreads, listThreads } from '../../prisma/queries/threads/list-threads';
import { markThreadRead } from '../../prisma/queries/threads/mark-thread-read';
import type { ScheduledMessageResult } from '../../workflows/definitions';
import { formatThreadCount, THREAD_COUNT_LIMIT } from '../../domain/inbox';
import { bearer, createTestTenant, fakeProviders, testApi, uniqueName } from '../harness/context';
import { useDevServerWorker, type DevServer } from '../harness/suites';

// The inbox API against a real Temporal dev server, a real worker (fake provider) and a real Postgres.
Runtime.install({ logger: new DefaultLogger('WARN') });

let server: DevServer;
let prisma: AppPrisma;
const { providers } = fakeProviders();
const taskQueue = uniqueName('inbox-tq');

useDevServerWorker({ taskQueue, providers }, (parts) => ({ server, prisma } = parts));

async function inboxTenant() {
  const t = await createTestTenant(prisma, { timeZone: 'Europe/London' });
  const { request } = testApi({ prisma, client: server.client, taskQueue });
  const as = (method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string) => request()[method](path).set(bearer(t.apiKey));
  /** The contact writes in: their thread for the channel appears (or comes alive). */
  const inbound = async (from: string, body: string, channel: 'sms' | 'whatsapp' | 'email' = 'sms') => {
    const res = await as('post', '/api/fake/inbound').send({ channel, from, body, ...(channel === 'email' ? { subject: 'Question' } : {}) });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const message = await t.db.message.findFirstOrThrow({ where: { id: res.body.messageId } });
    return { contactId: res.body.contactId as string, threadId: message.threadId!, messageId: message.id };
  };
  const member = async (name: string) => (await addTestMember(t.tenant.id, 'agent', name)).member;
  return { ...t, request, as, inbound, member };
}

describe('thread list', () => {
  it('lists one thread per contact and channel, outbound messages included, newest activity first', async () => {
    const t = await inboxTenant();
    const ada = await inbound(t, '+14155550101', 'Is the plumber coming today?');
    const bob = await inbound(t, '+14155550102', 'Thanks for the quote');
    // Ada again on the same channel: still one thread. An outbound reply goes on it too.
    await inbound(t, '+14155550101', 'Hello?');
    const sent = await t.as('post', '/api/messages').send({ contactId: ada.contactId, channel: 'sms', body: 'Yes, at 3pm' });
    expect(sent.status).toBe(201);
    const row = await t.db.message.findFirstOrThrow({ where: { id: sent.body.message.id } });
    expect(row.threadId).toBe(ada.threadId);

    const list = await t.as('get', '/api/threads');
    expect(list.status).toBe(200);
    expect(list.body.threads.map((th: { id: string }) => th.id)).toEqual([ada.threadId, bob.threadId]);
    expect(list.body.threads[0]).toMatchObject({
      channel: 'sms',
      status: 'open',
      assignee: null,
      contact: { id: ada.contactId, phone: '+14155550101' },
      lastMessage: { direction: 'outbound', preview: 'Yes, at 3pm' },
      unreadCount: 0,
      labels: [],
      snoozedUntil: null,
    });
    expect(list.body.counts).toEqual({ all: 2, mine: 0, unassigned: 2, unread: 0 });
    expect(list.body.nextCursor).toBeNull();
  });

  it('pages with a keyset cursor, every thread once and in order', async () => {
    const t = await inboxTenant();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.unshift((await inbound(t, `+1415555020${i}`, `message ${i}`)).threadId);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.as('get', `/api/threads?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.threads.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.threads.map((th: { id: string }) => th.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids);
    const bad = await t.as('get', '/api/threads?cursor=not-a-cursor');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/cursor/);
  });

  it('filters by channel, state and label, and searches names, numbers, emails and message words', async () => {
    const t = await inboxTenant();
    const sms = await inbound(t, '+14155550301', 'My boiler is leaking');
    const mail = await inbound(t, 'zoe.quartz@example.com', 'Invoice question', 'email');
    await t.db.contact.updateMany({ where: { id: sms.contactId }, data: { firstName: 'Ada', lastName: 'Lovelace' } });
    const other = await inbound(t, '+14155550302', 'Hello there');

    const ids = async (query: string) => {
      const res = await t.as('get', `/api/threads?${query}`);
      expect(res.status, `${query}: ${JSON.stringify(res.body)}`).toBe(200);
      return res.body.threads.map((th: { id: string }) => th.id).sort();
    };
    expect(await ids('channel=email')).toEqual([mail.threadId]);
    expect(await ids('q=lovelace')).toEqual([sms.threadId]);
    expect(await ids('q=415%20555%200301')).toEqual([sms.threadId]);
    expect(await ids('q=zoe.quartz')).toEqual([mail.threadId]);
    expect(await ids('q=boil')).toEqual([sms.threadId]);
    expect(await ids('q=invoice')).toEqual([mail.threadId]);
    expect(await ids('q=nothing-matches-this')).toEqual([]);

    await t.as('put', `/api/threads/${other.threadId}/labels`).send({ labels: ['billing', 'vip', 'billing'] }).expect(200);
    expect(await ids('label=vip')).toEqual([other.threadId]);
    await t.as('post', `/api/threads/${mail.threadId}/close`).expect(200);
    expect(await ids('status=closed')).toEqual([mail.threadId]);
    expect(await ids('status=open')).toEqual([sms.threadId, other.threadId].sort());
    const until = new Date(Date.now() + 3_600_000).toISOString();
    await t.as('post', `/api/threads/${sms.threadId}/snooze`).send({ until }).expect(200);
    expect(await ids('status=snoozed')).toEqual([sms.threadId]);
    expect(await ids('status=open')).toEqual([other.threadId]);
    // A snooze ends by itself: once its time has passed the thread reads as open, with no timer involved.
    await t.db.thread.updateMany({ where: { id: sms.threadId }, data: { snoozedUntil: new Date(Date.now() - 1000) } });
    expect(await ids('status=open')).toEqual([sms.threadId, other.threadId].sort());
    expect(await ids('status=snoozed')).toEqual([]);
  });

  it('answers for one thread under the list’s filters (no row when it no longer matches), with the counts, and never another tenant’s', async () => {
    const t = await inboxTenant();
    const grace = await t.member('Grace');
    const ada = await inbound(t, '+14155550351', 'The heater is off');
    await inbound(t, '+14155550352', 'Hello');
    const one = async (query: string) => {
      const res = await t.as('get', `/api/threads?threadId=${ada.threadId}${query}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body as { threads: Array<{ id: string; assignee: unknown }>; counts: Record<string, number>; nextCursor: string | null };
    };
    const unassigned = await one('&filter=unassigned');
    expect(unassigned.threads.map((th) => th.id)).toEqual([ada.threadId]);
    expect(unassigned).toMatchObject({ nextCursor: null, counts: { all: 2, unassigned: 2 } });
    expect((await one('&q=heater')).threads).toHaveLength(1);
    expect((await one('&q=nothing-like-it')).threads).toEqual([]);

    await t.as('post', `/api/threads/${ada.threadId}/assign`).send({ userId: grace.id }).expect(200);
    const after = await one('&filter=unassigned');
    expect(after.threads).toEqual([]);
    expect(after.counts).toMatchObject({ all: 2, unassigned: 1 });
    expect((await one('&filter=all')).threads[0]).toMatchObject({ id: ada.threadId, assignee: { id: grace.id, name: 'Grace' } });

    const other = await inboxTenant();
    const theirs = await other.as('get', `/api/threads?threadId=${ada.threadId}`);
    expect(theirs.status).toBe(200);
    expect(theirs.body.threads).toEqual([]);
    expect((await t.as('get', '/api/threads?threadId=not%20an%20id')).status).toBe(400);
  });

  it('answers an API key asking for per-member views with 400 and a clear reason', async () => {
    const t = await inboxTenant();
    for (const query of ['filter=mine', 'unread=true']) {
      const res = await t.as('get', `/api/threads?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/signed-in member; an API key has none/);
    }
    const thread = await inbound(t, '+14155550401', 'hi');
    const read = await t.as('post', `/api/threads/${thread.threadId}/read`);
    expect(read.status).toBe(400);
    expect(read.body.error.message).toMatch(/Read state belongs to a signed-in member/);
  });

  it('keeps unread counts per member, going down when that member reads (query level)', async () => {
    const t = await inboxTenant();
    const [grace, linus] = [await t.member('Grace'), await t.member('Linus')];
    const a = await inbound(t, '+14155550501', 'one');
    await inbound(t, '+14155550501', 'two');
    const b = await inbound(t, '+14155550502', 'three');
    await t.as('post', `/api/threads/${a.threadId}/assign`).send({ userId: grace.id }).expect(200);
    const now = () => new Date();
    const unread = async (userId: string) =>
      Object.fromEntries((await listThreads(t.db, { userId }, { limit: 10, now: now() })).rows.map((r) => [r.id, r.unreadCount]));

    expect(await unread(grace.id)).toEqual({ [a.threadId]: 2, [b.threadId]: 1 });
    await markThreadRead(t.db, a.threadId, grace.id, now());
    expect(await unread(grace.id)).toEqual({ [a.threadId]: 0, [b.threadId]: 1 });
    // Linus has read nothing: his counts are his own.
    expect(await unread(linus.id)).toEqual({ [a.threadId]: 2, [b.threadId]: 1 });
    expect((await listThreads(t.db, { userId: grace.id, unread: true }, { limit: 10, now: now() })).rows.map((r) => r.id)).toEqual([b.threadId]);
    expect((await listThreads(t.db, { userId: grace.id, assignee: 'mine' }, { limit: 10, now: now() })).rows.map((r) => r.id)).toEqual([a.threadId]);
    expect(await countThreads(t.db, grace.id, now())).toEqual({ all: 2, mine: 1, unassigned: 1, unread: 1 });
    expect(await countThreads(t.db, linus.id, now())).toEqual({ all: 2, mine: 0, unassigned: 1, unread: 2 });
    // A new message makes the thread unread again for the member who had read it.
    await inbound(t, '+14155550501', 'three?');
    expect((await unread(grace.id))[a.threadId]).toBe(1);
    expect((await listThreads(t.db, { userId: grace.id, unread: true }, { limit: 10, now: now() })).rows.map((r) => r.id)).toEqual([a.threadId, b.threadId]);
    expect((await countThreads(t.db, grace.id, now())).unread).toBe(2);
  });
});

describe('sidebar counts on a large tenant', () => {
  it('counts exactly below THREAD_COUNT_LIMIT and stops at it (“that many or more”), each count on its own', async () => {
    const t = await inboxTenant();
    const grace = await t.member('Grace');
    // LIMIT + 2 open threads with inbound messages: 3 assigned to Grace, LIMIT − 1 unassigned. Beside them a
    // snoozed and a closed one, which no count includes.
    const open = THREAD_COUNT_LIMIT + 2;
    const contacts = await t.db.contact.createManyAndReturn({
      data: Array.from({ length: open + 2 }, (_, i) => ({ tenantId: t.tenant.id, phone: `+1415${String(i).padStart(7, '0')}` })),
      select: { id: true },
    });
    const hourAgo = new Date(Date.now() - 3_600_000);
    const threads = await t.db.thread.createManyAndReturn({
      data: contacts.map((c, i) => ({
        tenantId: t.tenant.id,
        contactId: c.id,
        channel: 'sms' as const,
        lastMessageAt: hourAgo,
        lastInboundAt: hourAgo,
        assigneeId: i < 3 ? grace.id : null,
        ...(i === open ? { snoozedUntil: new Date(Date.now() + 86_400_000) } : {}),
        ...(i === open + 1 ? { status: 'closed' as const } : {}),
      })),
      select: { id: true },
    });
    // Grace has read her three and one unassigned one since their last inbound message.
    for (const thread of threads.slice(0, 4)) await markThreadRead(t.db, thread.id, grace.id, new Date());

    const counts = await countThreads(t.db, grace.id, new Date());
    expect(counts).toEqual({ all: THREAD_COUNT_LIMIT, mine: 3, unassigned: THREAD_COUNT_LIMIT - 1, unread: open - 4 });
    expect(formatThreadCount(counts.all)).toBe(`${THREAD_COUNT_LIMIT - 1}+`);
    expect(formatThreadCount(counts.unassigned)).toBe(String(THREAD_COUNT_LIMIT - 1));
    // The API answers the same, for an API key (no member: mine and unread 0).
    const list = await t.as('get', '/api/threads?limit=1');
    expect(list.body.counts).toEqual({ all: THREAD_COUNT_LIMIT, mine: 0, unassigned: THREAD_COUNT_LIMIT - 1, unread: 0 });
  });
});

describe('thread view', () => {
  it('merges messages, notes and changes in time order, with delivery, failure reasons and the workflow behind each send', async () => {
    const t = await inboxTenant();
    const thread = await inbound(t, '+14155550601', 'Can you come Monday?');
    const reply = await t.as('post', `/api/threads/${thread.threadId}/messages`).send({ body: 'Yes, Monday 9am' });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const result = (await server.client.workflow.getHandle(reply.body.message.workflowId).result()) as ScheduledMessageResult;
    expect(result.outcome).toBe('sent');
    await t.as('post', `/api/threads/${thread.threadId}/notes`).send({ body: 'Customer prefers mornings' }).expect(201);
    await t.as('post', `/api/threads/${thread.threadId}/close`).expect(200);
    // A carrier's delivery failure, as a status callback records it.
    const failed = await t.db.message.create({
      data: { tenantId: t.tenant.id, contactId: thread.contactId, threadId: thread.threadId, direction: 'outbound', channel: 'sms', body: 'Reminder', status: 'failed', errorCode: '30003', origin: 'api', workflowId: 'message:x:y' },
    });
    const later = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const scheduled = await t.as('post', `/api/threads/${thread.threadId}/messages`).send({ body: 'See you tomorrow', sendAt: later });
    expect(scheduled.status).toBe(201);

    const view = await t.as('get', `/api/threads/${thread.threadId}`);
    expect(view.status, JSON.stringify(view.body)).toBe(200);
    const kinds = view.body.timeline.map((i: { kind: string; message?: { body: string }; event?: { type: string }; note?: { body: string } }) =>
      i.kind === 'message' ? `message:${i.message!.body}` : i.kind === 'note' ? `note:${i.note!.body}` : `event:${i.event!.type}`,
    );
    expect(kinds).toEqual(['message:Can you come Monday?', 'message:Yes, Monday 9am', 'note:Customer prefers mornings', 'event:thread.closed', 'message:Reminder', 'message:See you tomorrow']);
    const ats = view.body.timeline.map((i: { at: string }) => Date.parse(i.at));
    expect([...ats].sort((x, y) => x - y)).toEqual(ats);

    const sentMessage = view.body.timeline[1].message;
    expect(sentMessage).toMatchObject({ direction: 'outbound', status: 'sent', failureReason: null, automation: { origin: 'agent', workflowId: reply.body.message.workflowId } });
    expect(sentMessage.automation.temporalUrl).toBe(`http://localhost:8233/namespaces/default/workflows/${encodeURIComponent(reply.body.message.workflowId)}`);
    expect(sentMessage.automation.why).toMatchObject({ kind: 'immediate' });
    expect(sentMessage.automation.why.text).toMatch(/^Sent right away, \d\d:\d\d Europe\/London/);
    expect(view.body.timeline[0].message.automation).toBeNull();
    const failedView = view.body.timeline.find((i: { message?: { id: string } }) => i.message?.id === failed.id).message;
    expect(failedView.failureReason).toBe('The phone was unreachable (switched off or out of coverage) and the carrier gave up.');
    expect(view.body.timeline[3].event).toMatchObject({ type: 'thread.closed', actor: { kind: 'apiKey' } });

    expect(view.body.scheduled.map((m: { id: string }) => m.id)).toEqual([scheduled.body.message.id]);
    expect(view.body.scheduled[0].automation.why).toMatchObject({ kind: 'scheduled' });
    // The existing cancel route takes it off the list.
    await t.as('post', `/api/messages/${scheduled.body.message.id}/cancel`).expect(200);
    expect((await t.as('get', `/api/threads/${thread.threadId}`)).body.scheduled).toEqual([]);

    // Older items page with nextBefore.
    const page = await t.as('get', `/api/threads/${thread.threadId}?limit=2`);
    expect(page.body.timeline).toHaveLength(2);
    const older = await t.as('get', `/api/threads/${thread.threadId}?limit=10&before=${encodeURIComponent(page.body.nextBefore)}`);
    expect(older.body.timeline.length).toBeGreaterThanOrEqual(4);
    expect(older.body.nextBefore).toBeNull();
  });

  it('answers what is new since an instant: the items at or after it, oldest first, as the view shows them, with the thread as it now is', async () => {
    const t = await inboxTenant();
    const thread = await inbound(t, '+14155550611', 'Are you open on Saturday?');
    const note = await t.as('post', `/api/threads/${thread.threadId}/notes`).send({ body: 'Check the rota' });
    expect(note.status).toBe(201);
    const after = note.body.note.createdAt as string;
    await inbound(t, '+14155550611', 'Or Sunday?');
    await t.as('post', `/api/threads/${thread.threadId}/close`).expect(200);

    const fresh = await t.as('get', `/api/threads/${thread.threadId}/timeline?after=${encodeURIComponent(after)}`);
    expect(fresh.status, JSON.stringify(fresh.body)).toBe(200);
    // Inclusive: the note made at `after` itself is there (an item of the same millisecond is never skipped).
    const view = await t.as('get', `/api/threads/${thread.threadId}`);
    expect(view.body.timeline.map((i: { kind: string }) => i.kind)).toEqual(['message', 'note', 'message', 'event']);
    expect(fresh.body.timeline).toEqual(view.body.timeline.slice(1));
    expect(fresh.body.more).toBe(false);
    expect(fresh.body.thread).toEqual(view.body.thread);
    expect(fresh.body.thread.status).toBe('closed');

    // Over the limit: the oldest items, and `more` says the rest are there too.
    const first = await t.as('get', `/api/threads/${thread.threadId}/timeline?after=${encodeURIComponent(after)}&limit=2`);
    expect(first.body.timeline).toEqual(view.body.timeline.slice(1, 3));
    expect(first.body.more).toBe(true);
    // Nothing newer: no items, the thread all the same.
    const none = await t.as('get', `/api/threads/${thread.threadId}/timeline?after=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`);
    expect(none.body).toMatchObject({ timeline: [], more: false, thread: { id: thread.threadId } });

    for (const query of ['', '?after=yesterday', `?after=${encodeURIComponent(after)}&limit=0`, `?after=${encodeURIComponent(after)}&before=${encodeURIComponent(after)}`]) {
      const bad = await t.as('get', `/api/threads/${thread.threadId}/timeline${query}`);
      expect(bad.status, query).toBe(400);
    }
    expect((await t.as('get', `/api/threads/thr_nope/timeline?after=${encodeURIComponent(after)}`)).status).toBe(404);
  });

  it('reads one message of a thread as the conversation shows it; another thread’s message is not found there', async () => {
    const t = await inboxTenant();
    const thread = await inbound(t, '+14155550621', 'Quote please');
    const reply = await t.as('post', `/api/threads/${thread.threadId}/messages`).send({ body: 'On its way' });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const result = (await server.client.workflow.getHandle(reply.body.message.workflowId).result()) as ScheduledMessageResult;
    expect(result.outcome).toBe('sent');

    const one = await t.as('get', `/api/threads/${thread.threadId}/messages/${reply.body.message.id}`);
    expect(one.status, JSON.stringify(one.body)).toBe(200);
    const view = await t.as('get', `/api/threads/${thread.threadId}`);
    expect(one.body.message).toEqual(view.body.timeline.find((i: { message?: { id: string } }) => i.message?.id === reply.body.message.id).message);
    expect(one.body.message).toMatchObject({ status: 'sent', automation: { origin: 'agent' } });

    const other = await inbound(t, '+14155550622', 'Someone else');
    expect((await t.as('get', `/api/threads/${thread.threadId}/messages/${other.messageId}`)).status).toBe(404);
    expect((await t.as('get', `/api/threads/${thread.threadId}/messages/msg_nope`)).status).toBe(404);
    expect((await t.as('get', `/api/threads/${thread.threadId}/messages/not%20an%20id`)).status).toBe(400);
  });

  it('answers 404 for a thread that does not exist', async () => {
    const t = await inboxTenant();
    expect((await t.as('get', '/api/threads/thr_nope')).status).toBe(404);
  });
});

describe('composer', () => {
  it('says per channel whether the contact can be written to and why not, and refuses a send the same way', async () => {
    const t = await inboxTenant();
    const thread = await inbound(t, '+14155550701', 'hi');
    await t.db.contact.updateMany({ where: { id: thread.contactId }, data: { smsConsent: 'revoked' } });
    const approved = await t.as('post', '/api/templates').send({ name: 'Follow-up', channel: 'whatsapp', body: 'Hi {{first_name|there}}, still interested?', contentSid: `HX${'a'.repeat(32)}` });
    expect(approved.status, JSON.stringify(approved.body)).toBe(201);
    await t.as('post', '/api/templates').send({ name: 'Needs a name', channel: 'sms', body: 'Hi {{first_name}}' }).expect(201);
    await t.as('post', '/api/canned-replies').send({ shortcut: 'thanks', body: 'Thanks, we are on it!' }).expect(201);

    const composer = await t.as('get', `/api/threads/${thread.threadId}/composer`);
    expect(composer.status, JSON.stringify(composer.body)).toBe(200);
    expect(composer.body.channels).toEqual([
      expect.objectContaining({ channel: 'sms', available: false, reason: 'opted_out', threadId: thread.threadId }),
      expect.objectContaining({ channel: 'whatsapp', available: false, reason: 'whatsapp_window_closed', templatesOnly: true, threadId: null }),
      expect.objectContaining({ channel: 'email', available: false, reason: 'no_address' }),
    ]);
    expect(composer.body.templates).toEqual([
      expect.objectContaining({ name: 'Follow-up', approvedWhatsApp: true, rendered: 'Hi there, still interested?', missing: [] }),
      expect.objectContaining({ name: 'Needs a name', approvedWhatsApp: false, rendered: null, missing: ['{{first_name}}'] }),
    ]);
    expect(composer.body.cannedReplies).toEqual([expect.objectContaining({ shortcut: 'thanks', body: 'Thanks, we are on it!' })]);
    expect(composer.body).toMatchObject({ contactTimeZone: 'Europe/London', tenantTimeZone: 'Europe/London' });
    // No provider configured and no account of the tenant's own: the fake one carries every channel.
    expect(composer.body.channels.map((c: { simulatedReplies: boolean }) => c.simulatedReplies)).toEqual([true, true, true]);

    const optedOut = await t.as('post', `/api/threads/${thread.threadId}/messages`).send({ body: 'hello' });
    expect(optedOut.status).toBe(422);
    expect(optedOut.body.error).toMatchObject({ code: 'CONSENT_REVOKED' });
    const closedWindow = await t.as('post', `/api/threads/${thread.threadId}/messages`).send({ channel: 'whatsapp', body: 'free text' });
    expect(closedWindow.status).toBe(422);
    expect(closedWindow.body.error.code).toBe('WHATSAPP_WINDOW_CLOSED');
    const noEmail = await t.as('post', `/api/threads/${thread.threadId}/messages`).send({ channel: 'email', body: 'hi', subject: 'Hi' });
    expect(noEmail.body.error.code).toBe('CONTACT_UNREACHABLE');
    // The approved template goes outside the window, on the contact's WhatsApp thread.
    const templated = await t.as('post', `/api/threads/${thread.threadId}/messages`).send({ channel: 'whatsapp', templateId: approved.body.template.id, variables: { 1: 'there' } });
    expect(templated.status, JSON.stringify(templated.body)).toBe(201);
    const row = await t.db.message.findFirstOrThrow({ where: { id: templated.body.message.id } });
    expect(row).toMatchObject({ channel: 'whatsapp', origin: 'agent', body: 'Hi there, still interested?', templateSid: `HX${'a'.repeat(32)}` });
    expect(row.threadId).not.toBe(thread.threadId);
    expect(await t.db.message.count({ where: { direction: 'outbound', status: { not: 'cancelled' } } })).toBe(1);
  });

  it('sends later in the contact’s time, and replies on an email thread under its subject', async () => {
    const t = await inboxTenant();
    const mail = await inbound(t, 'lin@example.com', 'Do you fix taps?', 'email');
    const reply = await t.as('post', `/api/threads/${mail.threadId}/messages`).send({ body: 'We do!' });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    expect(reply.body.message).toMatchObject({ subject: 'Re: Question', channel: 'email', threadId: mail.threadId });
    const sendAt = new Date(Date.now() + 86_400_000).toISOString();
    const later = await t.as('post', `/api/threads/${mail.threadId}/messages`).send({ body: 'Following up', sendAt });
    expect(later.body.message).toMatchObject({ status: 'scheduled', scheduledAt: sendAt });
    const bad = await t.as('post', `/api/threads/${mail.threadId}/messages`).send({});
    expect(bad.status).toBe(400);
    const sms = await inbound(t, '+14155550702', 'hi');
    const subjectOnSms = await t.as('post', `/api/threads/${sms.threadId}/messages`).send({ body: 'x', subject: 'y' });
    expect(subjectOnSms.status).toBe(400);
  });
});

describe('thread actions', () => {
  it('assigns, closes, reopens, snoozes and labels, recording each change with its author', async () => {
    const t = await inboxTenant();
    const grace = await t.member('Grace Hopper');
    const thread = await inbound(t, '+14155550801', 'hi');
    const assigned = await t.as('post', `/api/threads/${thread.threadId}/assign`).send({ userId: grace.id });
    expect(assigned.body.thread.assignee).toEqual({ id: grace.id, name: 'Grace Hopper' });
    expect((await t.as('post', `/api/threads/${thread.threadId}/assign`).send({ userId: 'usr_nobody' })).status).toBe(404);
    expect((await t.as('post', `/api/threads/${thread.threadId}/close`)).body.thread.status).toBe('closed');
    // Closing again changes nothing and records nothing.
    await t.as('post', `/api/threads/${thread.threadId}/close`).expect(200);
    expect((await t.as('post', `/api/threads/${thread.threadId}/reopen`)).body.thread.status).toBe('open');
    const until = new Date(Date.now() + 3_600_000);
    const snoozed = await t.as('post', `/api/threads/${thread.threadId}/snooze`).send({ until: until.toISOString() });
    expect(snoozed.body.thread).toMatchObject({ status: 'snoozed', snoozedUntil: until.toISOString() });
    expect((await t.as('post', `/api/threads/${thread.threadId}/snooze`).send({ until: new Date(Date.now() - 1000).toISOString() })).status).toBe(400);
    // The contact writing ends the snooze.
    await inbound(t, '+14155550801', 'any news?');
    expect((await t.as('get', `/api/threads/${thread.threadId}`)).body.thread).toMatchObject({ status: 'open', snoozedUntil: null });
    expect((await t.as('put', `/api/threads/${thread.threadId}/labels`).send({ labels: ['urgent'] })).body.thread.labels).toEqual(['urgent']);
    expect((await t.as('put', `/api/threads/${thread.threadId}/labels`).send({ labels: ['a,b'] })).status).toBe(400);
    await t.as('post', `/api/threads/${thread.threadId}/assign`).send({ userId: null }).expect(200);

    const events = await t.db.eventLog.findMany({ where: { subjectType: 'thread', subjectId: thread.threadId }, orderBy: { createdAt: 'asc' } });
    expect(events.map((e) => e.type)).toEqual(['thread.assigned', 'thread.closed', 'thread.reopened', 'thread.snoozed', 'thread.labelled', 'thread.unassigned']);
    const apiKeyId = (await t.db.apiKey.findFirstOrThrow({})).id;
    for (const e of events) expect({ actorType: e.actorType, actorId: e.actorId }).toEqual({ actorType: 'apiKey', actorId: apiKeyId });
    expect(events[0]!.data).toMatchObject({ assigneeId: grace.id, assigneeName: 'Grace Hopper' });
    const view = await t.as('get', `/api/threads/${thread.threadId}`);
    expect(view.body.timeline.filter((i: { kind: string }) => i.kind === 'event').map((i: { event: { type: string } }) => i.event.type)).toEqual(events.map((e) => e.type));
  });

  it('keeps notes with visibility, author and time', async () => {
    const t = await inboxTenant();
    const thread = await inbound(t, '+14155550901', 'hi');
    const note = await t.as('post', `/api/threads/${thread.threadId}/notes`).send({ body: 'Call back after 5', visibility: 'public' });
    expect(note.status).toBe(201);
    expect(note.body.note).toMatchObject({ threadId: thread.threadId, body: 'Call back after 5', visibility: 'public', author: null });
    expect((await t.as('post', `/api/threads/${thread.threadId}/notes`).send({ body: 'private by default' })).body.note.visibility).toBe('private');
    expect((await t.as('post', `/api/threads/${thread.threadId}/notes`).send({ body: '' })).status).toBe(400);
    expect((await t.as('post', '/api/threads/thr_nope/notes').send({ body: 'x' })).status).toBe(404);
    const logged = await t.db.eventLog.findFirstOrThrow({ where: { type: 'note.created', subjectId: note.body.note.id } });
    expect(logged).toMatchObject({ data: { threadId: thread.threadId }, actorType: 'apiKey' });
  });
});

describe('contact panel', () => {
  it('shows details, consent per channel, notes, running enrollments, quotes and labels', async () => {
    const t = await inboxTenant();
    const thread = await inbound(t, '+14155551001', 'hi');
    await t.as('post', `/api/threads/${thread.threadId}/notes`).send({ body: 'VIP customer' }).expect(201);
    await t.as('put', `/api/threads/${thread.threadId}/labels`).send({ labels: ['vip'] }).expect(200);
    const sequence = await t.as('post', '/api/sequences').send({ name: 'Nurture', publish: true, steps: [{ channel: 'sms', waitAmount: 3, waitUnit: 'days', body: 'Checking in' }] });
    expect(sequence.status, JSON.stringify(sequence.body)).toBe(201);
    const enrollment = await t.as('post', `/api/sequences/${sequence.body.sequence.id}/enrollments`).send({ contactId: thread.contactId });
    expect(enrollment.status).toBe(201);
    await t.as('post', '/api/quotes').send({ contactId: thread.contactId, total: 120.5, title: 'Tap repair' }).expect(201);

    const panel = await t.as('get', `/api/contacts/${thread.contactId}/panel`);
    expect(panel.status, JSON.stringify(panel.body)).toBe(200);
    expect(panel.body.contact).toMatchObject({ id: thread.contactId, phone: '+14155551001' });
    expect(panel.body.consent.map((c: { channel: string }) => c.channel)).toEqual(['sms', 'whatsapp', 'email']);
    expect(panel.body.threads).toEqual([{ id: thread.threadId, channel: 'sms', status: 'open' }]);
    expect(panel.body.notes).toEqual([expect.objectContaining({ body: 'VIP customer', visibility: 'private' })]);
    expect(panel.body.enrollments).toEqual([expect.objectContaining({ id: enrollment.body.enrollment.id, sequenceName: 'Nurture', status: 'active' })]);
    expect(panel.body.enrollments[0].temporalUrl).toContain('/workflows/enrollment%3A');
    expect(panel.body.quotes).toEqual([expect.objectContaining({ title: 'Tap repair', total: '120.50', currency: 'USD' })]);
    expect(panel.body.labels).toEqual(['vip']);
    // Pause and stop through the existing enrollment operations.
    await t.as('post', `/api/enrollments/${enrollment.body.enrollment.id}/stop`).send({}).expect(200);
    expect((await t.as('get', `/api/contacts/${thread.contactId}/panel`)).body.enrollments).toEqual([]);
    expect((await t.as('get', '/api/contacts/ctc_nope/panel')).status).toBe(404);
  });
});

describe('canned replies', () => {
  it('are listed by shortcut, changed and deleted; a shortcut is unique', async () => {
    const t = await inboxTenant();
    const made = await t.as('post', '/api/canned-replies').send({ shortcut: 'hours', body: 'We are open 8–6.' });
    expect(made.status).toBe(201);
    await t.as('post', '/api/canned-replies').send({ shortcut: 'address', body: '1 Main St' }).expect(201);
    expect((await t.as('post', '/api/canned-replies').send({ shortcut: 'hours', body: 'again' })).status).toBe(409);
    expect((await t.as('post', '/api/canned-replies').send({ shortcut: 'has space', body: 'x' })).status).toBe(400);
    expect((await t.as('get', '/api/canned-replies')).body.cannedReplies.map((r: { shortcut: string }) => r.shortcut)).toEqual(['address', 'hours']);
    const changed = await t.as('patch', `/api/canned-replies/${made.body.cannedReply.id}`).send({ body: 'We are open 7–7.' });
    expect(changed.body.cannedReply).toMatchObject({ shortcut: 'hours', body: 'We are open 7–7.' });
    await t.as('delete', `/api/canned-replies/${made.body.cannedReply.id}`).expect(204);
    expect((await t.as('delete', `/api/canned-replies/${made.body.cannedReply.id}`)).status).toBe(404);
  });
});

// `inbound` as a free function reads better in the tests above.
async function inbound(t: Awaited<ReturnType<typeof inboxTenant>>, from: string, body: string, channel: 'sms' | 'whatsapp' | 'email' = 'sms') {
  return t.inbound(from, body, channel);
}

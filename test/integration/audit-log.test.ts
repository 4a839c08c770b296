import { DefaultLogger, Runtime } from '@temporalio/worker';
import { describe, expect, it } from 'vitest';
import type { AppPrisma } from '../../prisma/client';
import { signUpTestUser, testMember } from '../harness/accounts';
import { bearer, testApi, testSystemPrisma, uniqueName } from '../harness/context';
import { useDevServer, type DevServer } from '../harness/suites';

// The audit log: every change that matters lands in the event log, in the transaction that makes it, with who
// made it (a member or an API key); GET /api/audit-log reads it back for admins — filtered, keyset-paged, with
// names — and it never carries a message body or a secret, nor shows up in the realtime stream.
Runtime.install({ logger: new DefaultLogger('WARN') });

let server: DevServer;
let prisma: AppPrisma;
useDevServer((parts) => ({ server, prisma } = parts));

type Row = { type: string; subject_type: string; subject_id: string; actor_type: string; actor_id: string | null; data: Record<string, unknown> };

async function entries(tenantId: string): Promise<Row[]> {
  // The system client: the test reads the log as it is stored, beside the API.
  return testSystemPrisma().$queryRaw<Row[]>`SELECT * FROM event_logs WHERE tenant_id = ${tenantId} ORDER BY created_at, id`;
}

/** An owner signed in to a fresh tenant, the API, and the owner's member id. */
async function ownerTenant() {
  const api = testApi({ prisma, client: server.client, taskQueue: uniqueName('audit-tq') });
  const owner = await signUpTestUser(api.request, { name: 'Olive Owner' });
  const me = await api.request().get('/api/me').set(owner.headers).expect(200);
  return { api, owner, tenantId: owner.tenant.id as string, ownerId: me.body.user.id as string };
}

const SECRET_TEXT = 'body-that-must-never-reach-the-audit-log';
const RESEND_KEY = 're_auditSecretKey_9f8e7d';
const RESEND_SECRET = 'whsec_auditSecretValue1234567890abcdef';

describe('recording changes with their actor', () => {
  it('records every change to settings, people, keys, templates, sequences and contacts, each with the member who made it', async () => {
    const { api, owner, tenantId, ownerId } = await ownerTenant();
    const call = () => api.request();
    const as = owner.headers;
    const expected: Array<{ type: string; subjectType: string; subjectId: string }> = [];
    const expect_ = (type: string, subjectType: string, subjectId: string) => expected.push({ type, subjectType, subjectId });

    await call().patch('/api/tenant/settings').set(as).send({ supportContact: 'help@audit.test' }).expect(200);
    expect_('tenant.settings_changed', 'tenant', tenantId);
    await call().put('/api/quote-settings').set(as).send({ followUpDays: 5 }).expect(200);
    expect_('quote_settings.changed', 'tenant', tenantId);

    const template = await call().post('/api/templates').set(as).send({ name: 'welcome', channel: 'sms', body: `Hi {{first_name}} ${SECRET_TEXT}` }).expect(201);
    const templateId = template.body.template.id as string;
    expect_('template.created', 'template', templateId);
    await call().patch(`/api/templates/${templateId}`).set(as).send({ body: `Hello {{first_name}} ${SECRET_TEXT}` }).expect(200);
    expect_('template.updated', 'template', templateId);

    const sequence = await call().post('/api/sequences').set(as).send({ name: 'Leads', steps: [{ channel: 'sms', waitAmount: 0, body: `Hi ${SECRET_TEXT}` }] }).expect(201);
    const sequenceId = sequence.body.sequence.id as string;
    expect_('sequence.created', 'sequence', sequenceId);
    await call().patch(`/api/sequences/${sequenceId}`).set(as).send({ name: 'Website leads' }).expect(200);
    expect_('sequence.updated', 'sequence', sequenceId);
    await call().post(`/api/sequences/${sequenceId}/publish`).set(as).expect(200);
    expect_('sequence.published', 'sequence', sequenceId);

    await call().delete(`/api/templates/${templateId}`).set(as).expect(204);
    expect_('template.deleted', 'template', templateId);

    const agent = await testMember(api.request, tenantId, 'agent', 'Alan Agent');
    await call().patch(`/api/members/${agent.userId}`).set(as).send({ role: 'viewer' }).expect(200);
    expect_('member.role_changed', 'member', agent.userId);
    await call().delete(`/api/members/${agent.userId}`).set(as).expect(204);
    expect_('member.removed', 'member', agent.userId);

    const invited = await call().post('/api/invitations').set(as).send({ email: `${uniqueName('invitee')}@example.test`, role: 'agent' }).expect(201);
    expect_('invitation.created', 'invitation', invited.body.invitation.id);
    await call().delete(`/api/invitations/${invited.body.invitation.id}`).set(as).expect(204);
    expect_('invitation.cancelled', 'invitation', invited.body.invitation.id);

    const key = await call().post('/api/api-keys').set(as).send({ name: 'CRM sync', role: 'agent' }).expect(201);
    expect_('api_key.created', 'api_key', key.body.apiKey.id);
    await call().post(`/api/api-keys/${key.body.apiKey.id}/revoke`).set(as).expect(204);
    expect_('api_key.revoked', 'api_key', key.body.apiKey.id);

    const token = await call().post('/api/ingest-tokens').set(as).send({ name: 'website' }).expect(201);
    expect_('ingest_token.created', 'ingest_token', token.body.ingestToken.id);
    await call().post(`/api/ingest-tokens/${token.body.ingestToken.id}/revoke`).set(as).expect(204);
    expect_('ingest_token.revoked', 'ingest_token', token.body.ingestToken.id);

    const sender = await call().post('/api/sender-addresses').set(as).send({ channel: 'email', address: `${uniqueName('hello')}@audit.test` }).expect(201);
    const senderId = sender.body.senderAddress.id as string;
    expect_('sender_address.added', 'sender_address', senderId);
    await call().post(`/api/sender-addresses/${senderId}/default`).set(as).expect(200);
    expect_('sender_address.made_default', 'sender_address', senderId);
    await call().delete(`/api/sender-addresses/${senderId}`).set(as).expect(204);
    expect_('sender_address.removed', 'sender_address', senderId);

    await call().put('/api/provider-credentials/resend').set(as).send({ apiKey: RESEND_KEY, webhookSecret: RESEND_SECRET }).expect(200);
    expect_('provider_credentials.saved', 'provider_credentials', 'resend');
    await call().delete('/api/provider-credentials/resend').set(as).expect(204);
    expect_('provider_credentials.removed', 'provider_credentials', 'resend');

    const rule = await call().post('/api/notification-rules').set(as).send({ event: 'lead.created', channel: 'email', recipient: 'owner@audit.test' }).expect(201);
    expect_('notification_rule.created', 'notification_rule', rule.body.notificationRule.id);

    const canned = await call().post('/api/canned-replies').set(as).send({ shortcut: 'thanks', body: `Thanks! ${SECRET_TEXT}` }).expect(201);
    const cannedId = canned.body.cannedReply.id as string;
    expect_('canned_reply.created', 'canned_reply', cannedId);
    await call().patch(`/api/canned-replies/${cannedId}`).set(as).send({ body: `Thank you! ${SECRET_TEXT}` }).expect(200);
    expect_('canned_reply.updated', 'canned_reply', cannedId);
    await call().delete(`/api/canned-replies/${cannedId}`).set(as).expect(204);
    expect_('canned_reply.deleted', 'canned_reply', cannedId);

    const contact = await call().post('/api/contacts').set(as).send({ firstName: 'Ada', phone: '+14155550123' }).expect(201);
    expect_('contact.created', 'contact', contact.body.contact.id);

    const rows = await entries(tenantId);
    const recorded = (e: (typeof expected)[number]) => rows.some((r) => r.type === e.type && r.subject_type === e.subjectType && r.subject_id === e.subjectId);
    expect(expected.filter((e) => !recorded(e)).map((e) => e.type)).toEqual([]);
    for (const e of expected) {
      const row = rows.find((r) => r.type === e.type && r.subject_id === e.subjectId)!;
      expect({ type: row.type, actorType: row.actor_type, actorId: row.actor_id }, e.type).toEqual({ type: e.type, actorType: 'user', actorId: ownerId });
    }
    // Never a body, a key or a secret; never an actor inside data (it has its columns).
    const stored = JSON.stringify(rows);
    for (const secret of [SECRET_TEXT, RESEND_KEY, RESEND_SECRET, key.body.key, token.body.ingestToken.token]) expect(stored).not.toContain(secret);
    expect(rows.filter((r) => 'actor' in r.data)).toEqual([]);
    // The audit log is not realtime: none of these changes made a realtime event.
    const realtime = await testSystemPrisma().$queryRaw<Array<{ type: string }>>`SELECT type FROM realtime_events WHERE tenant_id = ${tenantId}`;
    expect(realtime.filter((r) => !/^(message|note|thread)\./.test(r.type))).toEqual([]);
  });

  it('records a change made with an API key as the key’s, and a joining member as their own', async () => {
    const { api, owner, tenantId } = await ownerTenant();
    const key = await api.request().post('/api/api-keys').set(owner.headers).send({ name: 'Zapier', role: 'admin' }).expect(201);
    const template = await api.request().post('/api/templates').set(bearer(key.body.key)).send({ name: 'by key', channel: 'sms', body: 'Hi' }).expect(201);
    const invited = await api.request().post('/api/invitations').set(owner.headers).send({ email: `${uniqueName('joiner')}@example.test`, role: 'agent' }).expect(201);
    const joined = await api.request().post(`/api/invitations/${invited.body.invitation.id}/accept`).send({ name: 'Jo Joiner', password: 'a long enough password 123' }).expect(200);
    const rows = await entries(tenantId);
    expect(rows.find((r) => r.type === 'template.created' && r.subject_id === template.body.template.id)).toMatchObject({ actor_type: 'apiKey', actor_id: key.body.apiKey.id });
    expect(rows.find((r) => r.type === 'member.joined')).toMatchObject({ subject_type: 'member', subject_id: joined.body.user.id, actor_type: 'user', actor_id: joined.body.user.id });
  });
});

describe('GET /api/audit-log', () => {
  it('lists who did what, newest first, with names as they are now — or as recorded for what is gone', async () => {
    const { api, owner, ownerId } = await ownerTenant();
    const as = owner.headers;
    const key = await api.request().post('/api/api-keys').set(as).send({ name: 'Zapier', role: 'admin' }).expect(201);
    const template = await api.request().post('/api/templates').set(bearer(key.body.key)).send({ name: 'welcome', channel: 'sms', body: `Hi ${SECRET_TEXT}` }).expect(201);
    const doomed = await api.request().post('/api/templates').set(as).send({ name: 'old offer', channel: 'sms', body: 'Old' }).expect(201);
    await api.request().delete(`/api/templates/${doomed.body.template.id}`).set(as).expect(204);
    await api.request().put('/api/provider-credentials/resend').set(as).send({ apiKey: RESEND_KEY, webhookSecret: RESEND_SECRET }).expect(200);

    const res = await api.request().get('/api/audit-log').set(as).expect(200);
    const entries = res.body.entries as Array<{ type: string; at: string; actor: unknown; subject: unknown; action: string }>;
    expect(entries.map((e) => e.type).slice(0, 5)).toEqual(['provider_credentials.saved', 'template.deleted', 'template.created', 'template.created', 'api_key.created']);
    expect(entries.map((e) => e.at)).toEqual([...entries.map((e) => e.at)].sort().reverse());
    expect(entries[0]).toMatchObject({ action: 'connected a provider account', actor: { type: 'user', id: ownerId, name: 'Olive Owner' }, subject: { type: 'provider_credentials', id: 'resend', label: 'Resend account' } });
    expect(entries[1]).toMatchObject({ subject: { type: 'template', id: doomed.body.template.id, label: 'old offer' } });
    expect(entries[3]).toMatchObject({ actor: { type: 'apiKey', id: key.body.apiKey.id, name: 'API key “Zapier”' }, subject: { type: 'template', id: template.body.template.id, label: 'welcome' } });
    expect(entries[4]).toMatchObject({ action: 'made an API key', subject: { type: 'api_key', label: 'Zapier' }, data: { role: 'admin' } });
    const text = JSON.stringify(res.body);
    for (const secret of [SECRET_TEXT, RESEND_KEY, RESEND_SECRET, key.body.key]) expect(text).not.toContain(secret);
  });

  it('filters by actor, action, subject and time, and pages by cursor without gaps or repeats', async () => {
    const { api, owner, tenantId, ownerId } = await ownerTenant();
    const as = owner.headers;
    const key = await api.request().post('/api/api-keys').set(as).send({ name: 'Sync', role: 'admin' }).expect(201);
    const made: string[] = [];
    for (const name of ['one', 'two', 'three', 'four']) {
      made.push((await api.request().post('/api/templates').set(bearer(key.body.key)).send({ name, channel: 'sms', body: 'Hi' }).expect(201)).body.template.id);
    }
    await api.request().patch(`/api/templates/${made[0]}`).set(as).send({ name: 'first' }).expect(200);
    const log = (query: string) => api.request().get(`/api/audit-log${query}`).set(as).expect(200);

    const byKey = await log(`?actorId=${key.body.apiKey.id}`);
    expect(byKey.body.entries.map((e: { subject: { id: string } }) => e.subject.id)).toEqual([...made].reverse());
    expect((await log('?actorType=apiKey')).body.entries).toHaveLength(4);
    expect((await log(`?actorType=user&actorId=${ownerId}`)).body.entries.map((e: { type: string }) => e.type)).toEqual(['template.updated', 'api_key.created']);
    expect((await log('?type=template.updated')).body.entries).toMatchObject([{ subject: { id: made[0], label: 'first' }, data: { fields: ['name'] } }]);
    expect((await log(`?subjectType=template&subjectId=${made[0]}`)).body.entries.map((e: { type: string }) => e.type)).toEqual(['template.updated', 'template.created']);

    const all = (await log('?limit=100')).body.entries as Array<{ id: string; at: string }>;
    expect(all.length).toBeGreaterThanOrEqual(6);
    // A window of time: from the second template up to (not including) the fourth.
    const created = await testSystemPrisma().$queryRaw<Array<{ subject_id: string; created_at: Date }>>`SELECT subject_id, created_at FROM event_logs WHERE tenant_id = ${tenantId} AND type = 'template.created' ORDER BY created_at`;
    const between = await log(`?type=template.created&from=${created[1]!.created_at.toISOString()}&to=${created[3]!.created_at.toISOString()}`);
    expect(between.body.entries.map((e: { subject: { id: string } }) => e.subject.id)).toEqual([made[2], made[1]]);

    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { entries: Array<{ id: string }>; nextCursor: string | null } } = await log(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.body.entries.length).toBeLessThanOrEqual(2);
      pages.push(...page.body.entries.map((e) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(pages).toEqual(all.map((e) => e.id));

    for (const bad of ['?type=template.exploded', '?from=yesterday', '?cursor=not-a-cursor', '?limit=0', `?from=${created[3]!.created_at.toISOString()}&to=${created[1]!.created_at.toISOString()}`, '?actorType=robot']) {
      expect((await api.request().get(`/api/audit-log${bad}`).set(as)).status, bad).toBe(400);
    }
  });

  it('is for admins: an agent is refused', async () => {
    const { api, tenantId } = await ownerTenant();
    const agent = await testMember(api.request, tenantId, 'agent');
    const res = await api.request().get('/api/audit-log').set(agent.headers).expect(403);
    expect(res.body.error).toMatchObject({ code: 'FORBIDDEN', details: { required: 'admin', role: 'agent' } });
  });
});

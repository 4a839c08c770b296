import { Writable } from 'node:stream';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { accountEmailWorkflowId } from '../../domain/derived-ids';
import type { AppPrisma } from '../../prisma/client';
import type { FakeProvider } from '../../providers/fake/fake-provider';
import { cookieFrom, sessionHeaders, signIn, signUpTestUser, testClientIp, testMember } from '../harness/accounts';
import { bearer, createTestTenant, fakeProviders, startWorker, TEST_APP_URL, TEST_AUTH, testApi, testPrisma, testSystemPrisma, uniqueName, type RunningWorker } from '../harness/context';
import { devServer } from '../harness/dev-server';

// Accounts end to end against real Postgres and Temporal: sign-up, sessions, invitations, roles, API keys,
// CSRF, password reset by email (through the account-email workflow and the fake provider) and the sign-in
// rate limit.
Runtime.install({ logger: new DefaultLogger('WARN') });

let server: Awaited<ReturnType<typeof devServer>>;
let prisma: AppPrisma;
let worker: RunningWorker;
let fake: FakeProvider;
let api: ReturnType<typeof testApi>;
const taskQueue = uniqueName('accounts-tq');
// Everything the API logs, at debug level, to prove no email, password or token lands in a log line.
const logLines: string[] = [];
const logger = pino(
  { level: 'debug' },
  new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString());
      done();
    },
  }),
);

beforeAll(async () => {
  server = await devServer();
  prisma = testPrisma();
  const set = fakeProviders();
  fake = set.fake;
  worker = await startWorker({ connection: server.nativeConnection, taskQueue, prisma, providers: set.providers, appUrl: TEST_APP_URL });
  api = testApi({ prisma, client: server.client, taskQueue, logger });
});
afterAll(async () => {
  await worker?.stop();
  await server?.close();
  await prisma?.$disconnect();
});

const request = () => api.request();
const emailsTo = (address: string) => fake.sent.filter((s) => s.message.channel === 'email' && s.message.to === address).map((s) => s.message);

describe('sign-up and sessions', () => {
  it('signs up an account with its tenant and owner, sets a safe cookie, and /api/me shows them', async () => {
    const email = `${uniqueName('olive')}@example.test`;
    const res = await request()
      .post('/api/signup')
      .set('X-Forwarded-For', testClientIp())
      .send({ name: 'Olive', email: email.toUpperCase(), password: 'correct horse battery', businessName: 'Olive Plumbing', timeZone: 'europe/london' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ user: { name: 'Olive', email }, tenant: { businessName: 'Olive Plumbing', timeZone: 'Europe/London' } });
    const setCookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('__Secure-herald.session_token='));
    expect(setCookie).toBeDefined();
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).toMatch(/Secure/);

    const me = await request().get('/api/me').set(sessionHeaders(cookieFrom(res)));
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      user: { id: res.body.user.id, name: 'Olive', email },
      role: 'owner',
      tenant: res.body.tenant,
      memberships: [{ tenantId: res.body.tenant.id, businessName: 'Olive Plumbing', role: 'owner' }],
    });
    // The member is the users row threads and notes point at.
    expect(res.body.user.id).toMatch(/^usr_/);
  });

  it('refuses a second sign-up with the same email and leaves no tenant behind', async () => {
    const owner = await signUpTestUser(request);
    const businessName = uniqueName('Second Co');
    const res = await request().post('/api/signup').set('X-Forwarded-For', testClientIp()).send({ name: 'X', email: owner.email, password: 'another password', businessName });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CONFLICT');
    expect(await testSystemPrisma().tenant.count({ where: { businessName } })).toBe(0);
  });

  it('refuses bad sign-up input with 400 naming the field', async () => {
    const res = await request().post('/api/signup').send({ name: 'X', email: 'not-an-email', password: 'short', businessName: 'B' });
    expect(res.status).toBe(400);
    expect(res.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(['email', 'password']);
  });

  it('signs out (the cookie stops working), signs back in, and refuses a wrong password', async () => {
    const owner = await signUpTestUser(request);
    await request().get('/api/me').set(owner.headers).expect(200);
    await request().post('/api/auth/sign-out').set(owner.headers).send({}).expect(200);
    const after = await request().get('/api/me').set(owner.headers);
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('UNAUTHENTICATED');

    const again = await signIn(request, owner.email, owner.password);
    const me = await request().get('/api/me').set(again.headers).expect(200);
    expect(me.body.tenant.id).toBe(owner.tenant.id);

    const wrong = await request().post('/api/auth/sign-in/email').set('X-Forwarded-For', testClientIp()).set('Origin', TEST_APP_URL).send({ email: owner.email, password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(cookieFrom(wrong)).toBe('');
  });

  it('limits sign-in attempts: the attempt after the limit in a window is a 429, even with the right password', async () => {
    const limited = testApi({ prisma, client: server.client, taskQueue, deps: { auth: { ...TEST_AUTH, signInLimit: { max: 3, windowSeconds: 60 } } } });
    const owner = await signUpTestUser(limited.request);
    const ip = testClientIp();
    const attempt = (password: string) => limited.request().post('/api/auth/sign-in/email').set('X-Forwarded-For', ip).set('Origin', TEST_APP_URL).send({ email: owner.email, password });
    for (let i = 0; i < 3; i++) expect((await attempt('wrong password')).status).toBe(401);
    const fourth = await attempt(owner.password);
    expect(fourth.status).toBe(429);
    expect(Number(fourth.headers['x-retry-after'] ?? fourth.headers['retry-after'])).toBeGreaterThan(0);
    // Another address is counted on its own.
    const elsewhere = await limited.request().post('/api/auth/sign-in/email').set('X-Forwarded-For', testClientIp()).set('Origin', TEST_APP_URL).send({ email: owner.email, password: owner.password });
    expect(elsewhere.status).toBe(200);
  });

  it('counts attempts by the connecting address when X-Forwarded-For does not come from a trusted proxy', async () => {
    const direct = testApi({ prisma, client: server.client, taskQueue, deps: { trustProxy: false, auth: { ...TEST_AUTH, signInLimit: { max: 3, windowSeconds: 60 } } } });
    const owner = await signUpTestUser(request);
    // A new made-up address on every attempt: believed, each would be a first attempt.
    const attempt = () => direct.request().post('/api/auth/sign-in/email').set('X-Forwarded-For', testClientIp()).set('Origin', TEST_APP_URL).send({ email: owner.email, password: 'wrong password' });
    for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(401);
    expect((await attempt()).status).toBe(429);
  });
});

describe('Better Auth’s own endpoints', () => {
  it('serve the organization reads over Herald’s tenants and members, and refuse what Herald’s routes replace', async () => {
    const owner = await signUpTestUser(request, { businessName: 'Org Co' });
    const list = await request().get('/api/auth/organization/list').set(owner.headers);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([expect.objectContaining({ id: owner.tenant.id, name: 'Org Co', slug: owner.tenant.id })]);
    const active = await request().get('/api/auth/organization/get-active-member').set(owner.headers);
    expect(active.status).toBe(200);
    expect(active.body).toMatchObject({ id: owner.user.id, organizationId: owner.tenant.id, role: 'owner' });
    const full = await request().get('/api/auth/organization/get-full-organization').set(owner.headers);
    expect(full.status).toBe(200);
    expect(full.body.members.map((m: { id: string; role: string }) => [m.id, m.role])).toEqual([[owner.user.id, 'owner']]);

    const session = await request().get('/api/auth/get-session').set(owner.headers).expect(200);
    expect(session.body.user.email).toBe(owner.email);
    // A new name is the account's, and the member row (what assignees and note authors show) follows it.
    await request().post('/api/auth/update-user').set(owner.headers).send({ name: 'Olga Owner' }).expect(200);
    expect((await request().get('/api/members').set(owner.headers)).body.members[0]).toMatchObject({ id: owner.user.id, name: 'Olga Owner' });
    expect((await request().get('/api/me').set(owner.headers)).body.user.name).toBe('Olga Owner');
    // One home for each change: Herald's routes.
    const signUp = await request().post('/api/auth/sign-up/email').set('Origin', TEST_APP_URL).send({ name: 'X', email: 'x@example.test', password: 'password 123' });
    expect(signUp.status).toBe(404);
    const invite = await request().post('/api/auth/organization/invite-member').set(owner.headers).send({ email: 'y@example.test', role: 'agent' });
    expect(invite.status).toBe(404);
  });
});

describe('invitations, members and roles', () => {
  it('invites by link, emails the link once, and the new member joins with the role and sees the tenant', async () => {
    const owner = await signUpTestUser(request, { businessName: 'Invite Co' });
    const email = `${uniqueName('agent')}@example.test`;
    const created = await request().post('/api/invitations').set(owner.headers).send({ email, role: 'agent' });
    expect(created.status).toBe(201);
    const { invitation, link } = created.body;
    expect(link).toBe(`${TEST_APP_URL}/invite/${invitation.id}`);
    expect(invitation).toMatchObject({ email, role: 'agent', status: 'pending' });

    // The email went out through the workflow and the email provider, once.
    await server.client.workflow.getHandle(accountEmailWorkflowId('invitation', invitation.id)).result();
    expect(emailsTo(email)).toHaveLength(1);
    expect(emailsTo(email)[0]!.body).toContain(link);
    expect(emailsTo(email)[0]!.subject).toContain('Invite Co');

    const pub = await request().get(`/api/invitations/${invitation.id}/public`).expect(200);
    expect(pub.body).toMatchObject({ businessName: 'Invite Co', email, role: 'agent', status: 'pending', accountExists: false });

    const missing = await request().post(`/api/invitations/${invitation.id}/accept`).send({});
    expect(missing.status).toBe(400);
    const accepted = await request().post(`/api/invitations/${invitation.id}/accept`).set('X-Forwarded-For', testClientIp()).send({ name: 'Ada Agent', password: 'agent password 1' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ role: 'agent', user: { name: 'Ada Agent', email }, tenant: { id: owner.tenant.id } });

    const me = await request().get('/api/me').set(sessionHeaders(cookieFrom(accepted))).expect(200);
    expect(me.body).toMatchObject({ role: 'agent', tenant: { id: owner.tenant.id }, user: { email } });
    const members = await request().get('/api/members').set(owner.headers).expect(200);
    expect(members.body.members.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual([
      [owner.email, 'owner'],
      [email, 'agent'],
    ]);
    // Used once: the link does not work again.
    const twice = await request().post(`/api/invitations/${invitation.id}/accept`).send({ name: 'Eve', password: 'eve password 1' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.details).toEqual({ reason: 'invitation_not_pending', status: 'accepted' });
    expect((await request().get(`/api/invitations/${invitation.id}/public`)).body.status).toBe('accepted');
  });

  it('lets an existing account accept with its password and then switch between its tenants', async () => {
    const first = await signUpTestUser(request, { businessName: 'First Co' });
    const second = await signUpTestUser(request, { businessName: 'Second Co' });
    const inv = await request().post('/api/invitations').set(second.headers).send({ email: first.email, role: 'viewer' }).expect(201);
    expect((await request().get(`/api/invitations/${inv.body.invitation.id}/public`)).body.accountExists).toBe(true);
    const wrong = await request().post(`/api/invitations/${inv.body.invitation.id}/accept`).set('X-Forwarded-For', testClientIp()).send({ password: 'not it at all' });
    expect(wrong.status).toBe(401);
    const ok = await request().post(`/api/invitations/${inv.body.invitation.id}/accept`).set('X-Forwarded-For', testClientIp()).send({ password: first.password });
    expect(ok.status).toBe(200);
    const session = sessionHeaders(cookieFrom(ok));
    const me = await request().get('/api/me').set(session).expect(200);
    expect(me.body).toMatchObject({ role: 'viewer', tenant: { id: second.tenant.id } });
    expect(me.body.memberships.map((m: { tenantId: string }) => m.tenantId).sort()).toEqual([first.tenant.id, second.tenant.id].sort());

    const switched = await request().post('/api/me/tenant').set(session).send({ tenantId: first.tenant.id });
    expect(switched.status).toBe(200);
    expect(switched.body).toMatchObject({ role: 'owner', tenant: { id: first.tenant.id } });
    expect((await request().get('/api/me').set(session)).body.tenant.id).toBe(first.tenant.id);
    // Not a member: no such tenant, as far as this person can tell.
    const stranger = await signUpTestUser(request);
    expect((await request().post('/api/me/tenant').set(session).send({ tenantId: stranger.tenant.id })).status).toBe(404);
  });

  it('enforces roles for session callers exactly as for keys', async () => {
    const owner = await signUpTestUser(request);
    const viewer = await testMember(request, owner.tenant.id, 'viewer');
    const agent = await testMember(request, owner.tenant.id, 'agent');
    expect((await request().get('/api/contacts').set(viewer.headers)).status).toBe(200);
    const refused = await request().post('/api/contacts').set(viewer.headers).send({ firstName: 'Vic', phone: '+14155550123' });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'FORBIDDEN', details: { required: 'agent', role: 'viewer' } });
    expect((await request().post('/api/contacts').set(agent.headers).send({ firstName: 'Ag', phone: '+14155550124' })).status).toBe(201);
    expect((await request().post('/api/invitations').set(agent.headers).send({ email: 'x@example.test', role: 'viewer' })).status).toBe(403);
  });

  it('changes roles and removes members with the owner rules', async () => {
    const owner = await signUpTestUser(request);
    const admin = await testMember(request, owner.tenant.id, 'admin');
    const agent = await testMember(request, owner.tenant.id, 'agent');

    const demoted = await request().patch(`/api/members/${agent.userId}`).set(admin.headers).send({ role: 'viewer' });
    expect(demoted.status).toBe(200);
    expect(demoted.body.member.role).toBe('viewer');
    expect((await request().get('/api/me').set(agent.headers)).body.role).toBe('viewer');
    expect((await request().post('/api/contacts').set(agent.headers).send({ firstName: 'No', phone: '+14155550125' })).status).toBe(403);

    // Admins do not touch owners or make them.
    expect((await request().patch(`/api/members/${owner.user.id}`).set(admin.headers).send({ role: 'agent' })).status).toBe(403);
    expect((await request().patch(`/api/members/${agent.userId}`).set(admin.headers).send({ role: 'owner' })).status).toBe(403);
    expect((await request().delete(`/api/members/${owner.user.id}`).set(admin.headers)).status).toBe(403);
    // The last owner stays an owner.
    const last = await request().patch(`/api/members/${owner.user.id}`).set(owner.headers).send({ role: 'admin' });
    expect(last.status).toBe(409);
    expect(last.body.error.details.reason).toBe('last_owner');
    expect((await request().delete(`/api/members/${owner.user.id}`).set(owner.headers)).status).toBe(409);
    // With a second owner, the first may step down.
    await request().patch(`/api/members/${admin.userId}`).set(owner.headers).send({ role: 'owner' }).expect(200);
    await request().patch(`/api/members/${owner.user.id}`).set(owner.headers).send({ role: 'admin' }).expect(200);

    // A removed member's session reaches nothing.
    await request().delete(`/api/members/${agent.userId}`).set(admin.headers).expect(204);
    const gone = await request().get('/api/contacts').set(agent.headers);
    expect(gone.status).toBe(403);
    expect(gone.body.error.details.reason).toBe('no_membership');
    expect((await request().delete(`/api/members/${agent.userId}`).set(admin.headers)).status).toBe(404);
  });
});

describe('API keys', () => {
  it('creates a key shown once, lists it without the key, and a revoked key gets 401', async () => {
    const owner = await signUpTestUser(request);
    const created = await request().post('/api/api-keys').set(owner.headers).send({ name: 'CRM sync', role: 'agent' });
    expect(created.status).toBe(201);
    const { key, apiKey } = created.body;
    expect(key).toMatch(/^hk_/);
    expect(apiKey).toMatchObject({ name: 'CRM sync', role: 'agent', revokedAt: null, prefix: key.slice(0, 9) });

    const listed = await request().get('/api/api-keys').set(owner.headers).expect(200);
    expect(listed.body.apiKeys.map((k: { id: string }) => k.id)).toContain(apiKey.id);
    expect(JSON.stringify(listed.body)).not.toContain(key);

    expect((await request().get('/api/contacts').set(bearer(key))).status).toBe(200);
    const me = await request().get('/api/me').set(bearer(key)).expect(200);
    expect(me.body).toMatchObject({ user: null, role: 'agent', tenant: { id: owner.tenant.id } });
    // Keys act with their role: an agent key cannot make keys.
    expect((await request().post('/api/api-keys').set(bearer(key)).send({ name: 'x', role: 'viewer' })).status).toBe(403);

    await request().post(`/api/api-keys/${apiKey.id}/revoke`).set(owner.headers).expect(204);
    const revoked = await request().get('/api/contacts').set(bearer(key));
    expect(revoked.status).toBe(401);
    expect((await request().post(`/api/api-keys/${apiKey.id}/revoke`).set(owner.headers)).status).toBe(404);
  });

  it('lets only owners make owner keys', async () => {
    const owner = await signUpTestUser(request);
    const admin = await testMember(request, owner.tenant.id, 'admin');
    expect((await request().post('/api/api-keys').set(admin.headers).send({ name: 'root', role: 'owner' })).status).toBe(403);
    expect((await request().post('/api/api-keys').set(owner.headers).send({ name: 'root', role: 'owner' })).status).toBe(201);
  });
});

describe('CSRF', () => {
  it('refuses a change by cookie without the app’s origin, and accepts it from the app or with a key', async () => {
    const owner = await signUpTestUser(request);
    const body = () => ({ firstName: 'C', phone: `+1415555${String(Math.floor(Math.random() * 9000) + 1000)}` });
    const none = await request().post('/api/contacts').set('Cookie', owner.cookie).send(body());
    expect(none.status).toBe(403);
    expect(none.body.error.code).toBe('CSRF_REJECTED');
    const evil = await request().post('/api/contacts').set('Cookie', owner.cookie).set('Origin', 'https://evil.example').send(body());
    expect(evil.status).toBe(403);
    expect(evil.body.error.code).toBe('CSRF_REJECTED');
    const crossSite = await request().post('/api/contacts').set('Cookie', owner.cookie).set('Sec-Fetch-Site', 'cross-site').send(body());
    expect(crossSite.status).toBe(403);
    // Reads need no origin; the app's origin, or a same-origin fetch without Origin, may change things.
    expect((await request().get('/api/contacts').set('Cookie', owner.cookie)).status).toBe(200);
    expect((await request().post('/api/contacts').set(owner.headers).send(body())).status).toBe(201);
    expect((await request().post('/api/contacts').set('Cookie', owner.cookie).set('Sec-Fetch-Site', 'same-origin').send(body())).status).toBe(201);
    // Better Auth's own endpoints check the origin of cookie-bearing changes the same way.
    const signOut = await request().post('/api/auth/sign-out').set('Cookie', owner.cookie).set('Origin', 'https://evil.example').send({});
    expect(signOut.status).toBe(403);
    expect((await request().get('/api/me').set(owner.headers)).status).toBe(200);
    const { apiKey } = await createTestTenant(prisma);
    expect((await request().post('/api/contacts').set(bearer(apiKey)).send(body())).status).toBe(201);
  });
});

describe('password reset by email', () => {
  it('emails a link through the fake provider; the token sets a new password, the old one stops working', async () => {
    const owner = await signUpTestUser(request);
    const asked = await request()
      .post('/api/auth/request-password-reset')
      .set('Origin', TEST_APP_URL)
      .set('X-Forwarded-For', testClientIp())
      .send({ email: owner.email, redirectTo: '/reset-password' });
    expect(asked.status).toBe(200);
    await vi.waitFor(() => expect(emailsTo(owner.email)).toHaveLength(1), { timeout: 15_000, interval: 50 });
    const mail = emailsTo(owner.email)[0]!;
    expect(mail.subject).toBe('Reset your Herald password');
    const link = mail.body.match(/https:\/\/\S+/)?.[0];
    expect(link).toMatch(new RegExp(`^${TEST_APP_URL}/reset-password\\?token=`));
    const token = new URL(link!).searchParams.get('token')!;
    // Stored hashed: a copy of the database (a backup, a replica) holds no token that works.
    const stored = await testSystemPrisma().authVerification.findMany({ select: { identifier: true, value: true } });
    expect(stored.length).toBeGreaterThan(0);
    expect(JSON.stringify(stored)).not.toContain(token);
    const sealed = await testSystemPrisma().$queryRaw<{ row: string }[]>`SELECT row_to_json(p)::text AS row FROM password_reset_emails p`;
    expect(JSON.stringify(sealed)).not.toContain(token);

    const reset = await request().post('/api/auth/reset-password').set('Origin', TEST_APP_URL).set('X-Forwarded-For', testClientIp()).send({ newPassword: 'brand new password', token });
    expect(reset.status).toBe(200);
    // The old session was revoked with the password change.
    expect((await request().get('/api/me').set(owner.headers)).status).toBe(401);
    await signIn(request, owner.email, 'brand new password');
    const old = await request().post('/api/auth/sign-in/email').set('X-Forwarded-For', testClientIp()).set('Origin', TEST_APP_URL).send({ email: owner.email, password: owner.password });
    expect(old.status).toBe(401);
    // The token works once.
    const again = await request().post('/api/auth/reset-password').set('Origin', TEST_APP_URL).set('X-Forwarded-For', testClientIp()).send({ newPassword: 'another new password', token });
    expect(again.status).toBe(400);
    // An unknown address gets the same answer and no email.
    const unknown = `${uniqueName('nobody')}@example.test`;
    await request().post('/api/auth/request-password-reset').set('Origin', TEST_APP_URL).set('X-Forwarded-For', testClientIp()).send({ email: unknown, redirectTo: '/reset-password' }).expect(200);
    expect(emailsTo(unknown)).toHaveLength(0);
  });
});

describe('tenants', () => {
  it('keeps a session in its own tenant: another tenant’s ids are not found', async () => {
    const a = await signUpTestUser(request, { businessName: 'A by session' });
    const b = await createTestTenant(prisma, { businessName: 'B by key' });
    const contact = await request().post('/api/contacts').set(bearer(b.apiKey)).send({ firstName: 'Bea', phone: '+14155550177' }).expect(201);
    expect((await request().get(`/api/contacts/${contact.body.contact.id}`).set(a.headers)).status).toBe(404);
    const list = await request().get('/api/contacts').set(a.headers).expect(200);
    expect(JSON.stringify(list.body)).not.toContain('Bea');
  });

  it('lets owners alone delete the tenant, with its name as confirmation', async () => {
    const owner = await signUpTestUser(request, { businessName: 'Doomed Co' });
    const admin = await testMember(request, owner.tenant.id, 'admin');
    expect((await request().delete('/api/tenant').set(admin.headers).send({ confirmBusinessName: 'Doomed Co' })).status).toBe(403);
    const mismatch = await request().delete('/api/tenant').set(owner.headers).send({ confirmBusinessName: 'Other Co' });
    expect(mismatch.status).toBe(409);
    await request().delete('/api/tenant').set(owner.headers).send({ confirmBusinessName: 'Doomed Co' }).expect(204);
    expect(await testSystemPrisma().tenant.count({ where: { id: owner.tenant.id } })).toBe(0);
    const after = await request().get('/api/me').set(owner.headers);
    expect(after.status).toBe(403);
    expect(after.body.error.details.reason).toBe('no_membership');
  });
});

describe('deleting a tenant', () => {
  it('stops the tenant’s running workflows: nothing it scheduled is sent afterwards', async () => {
    const owner = await signUpTestUser(request, { businessName: 'Winding Down Co' });
    const contact = await request().post('/api/contacts').set(owner.headers).send({ firstName: 'Cy', phone: '+14155550188' }).expect(201);
    const sendAt = new Date(Date.now() + 86_400_000).toISOString();
    const message = await request().post('/api/messages').set(owner.headers).send({ contactId: contact.body.contact.id, channel: 'sms', body: 'Tomorrow', sendAt }).expect(201);
    const handle = server.client.workflow.getHandle(message.body.message.workflowId);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    await request().delete('/api/tenant').set(owner.headers).send({ confirmBusinessName: 'Winding Down Co' }).expect(204);
    expect((await handle.describe()).status.name).toBe('TERMINATED');
  });
});

describe('logs', () => {
  it('never carry emails or passwords', () => {
    expect(logLines.length).toBeGreaterThan(0);
    const all = logLines.join('');
    expect(all).not.toMatch(/@example\.test/);
    expect(all).not.toMatch(/password 1|brand new password|correct horse/);
  });
});

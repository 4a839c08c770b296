import { randomUUID } from 'node:crypto';
import { hashPassword } from 'better-auth/crypto';
import type supertest from 'supertest';
import type { Role } from '../../domain/roles';
import { createCredentialAccount } from '../../prisma/queries/accounts/create-credential-account';
import { TEST_APP_URL, testSystemPrisma, uniqueName } from './context';

type Request = () => supertest.Agent;

/** A signed-in member, as a browser would call: the cookie, and the app's Origin for changes (CSRF). */
export interface TestSession {
  cookie: string;
  /** `{ Cookie, Origin }` for supertest's `.set(…)`. */
  headers: { Cookie: string; Origin: string };
  email: string;
  password: string;
}

/** A made-up client address per sign-in: each test's attempts count on their own in the shared rate-limit table. */
export const testClientIp = () => `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 250) + 1).join('.')}`;

/** The `name=value` pairs of a response's Set-Cookie headers, as a Cookie request header. */
export function cookieFrom(res: { headers: Record<string, unknown> }): string {
  const set = res.headers['set-cookie'];
  const list = Array.isArray(set) ? (set as string[]) : typeof set === 'string' ? [set] : [];
  return list
    .map((c) => c.split(';')[0]!)
    .filter((pair) => !pair.endsWith('='))
    .join('; ');
}

export function sessionHeaders(cookie: string): TestSession['headers'] {
  return { Cookie: cookie, Origin: TEST_APP_URL };
}

/** Signs up through POST /api/signup: a new tenant whose owner is signed in. */
export async function signUpTestUser(request: Request, input: { name?: string; email?: string; password?: string; businessName?: string; timeZone?: string } = {}) {
  const email = input.email ?? `${uniqueName('owner')}@example.test`;
  const password = input.password ?? `pw-${randomUUID()}`;
  const res = await request()
    .post('/api/signup')
    .set('X-Forwarded-For', testClientIp())
    .send({ name: input.name ?? 'Olive Owner', email, password, businessName: input.businessName ?? 'Acme Plumbing', ...(input.timeZone ? { timeZone: input.timeZone } : {}) });
  if (res.status !== 201) throw new Error(`sign-up answered ${res.status}: ${JSON.stringify(res.body)}`);
  const cookie = cookieFrom(res);
  return {
    cookie,
    headers: sessionHeaders(cookie),
    email,
    password,
    user: res.body.user as { id: string; name: string; email: string },
    tenant: res.body.tenant as { id: string; businessName: string; timeZone: string },
  };
}

/** Signs in through Better Auth's endpoint; throws unless it worked. */
export async function signIn(request: Request, email: string, password: string): Promise<TestSession> {
  const res = await request().post('/api/auth/sign-in/email').set('X-Forwarded-For', testClientIp()).set('Origin', TEST_APP_URL).send({ email, password });
  if (res.status !== 200) throw new Error(`sign-in answered ${res.status}: ${JSON.stringify(res.body)}`);
  const cookie = cookieFrom(res);
  return { cookie, headers: sessionHeaders(cookie), email, password };
}

/** A person with an account and a membership of `tenantId` with `role`, not signed in (for query-level tests). */
export async function addTestMember(tenantId: string, role: Role, name = `Test ${role}`, password = `pw-${randomUUID()}`) {
  const email = `${uniqueName(role)}@example.test`;
  const passwordHash = await hashPassword(password);
  // An account and a membership of a tenant, made before anyone of that tenant is signed in: cross-tenant rights.
  const member = await testSystemPrisma().$transaction(async (tx) => {
    const account = await createCredentialAccount(tx, { name, email, passwordHash });
    return tx.member.create({ data: { tenantId, authUserId: account.id, email, name, role } });
  });
  return { member, email, password };
}

/**
 * A member of `tenantId` with `role`, signed in (their session shows that tenant): for route tests that need a
 * person rather than an API key. The account is new, with a random email and password.
 */
export async function testMember(request: Request, tenantId: string, role: Role, name = `Test ${role}`) {
  const { member, email, password } = await addTestMember(tenantId, role, name);
  return { ...(await signIn(request, email, password)), userId: member.id, role };
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requiredRole, type Operation } from '../../api/openapi/operation';
import { OPERATION_GROUPS } from '../../api/openapi/operation-groups';
import { ROLES, roleAtLeast, type Role } from '../../domain/roles';
import type { AppPrisma } from '../../prisma/client';
import { createApiKey } from '../../prisma/queries/api-keys/create-api-key';
import { createTestTenant, testApi, testPrisma, uniqueName } from '../harness/context';
import { testMember } from '../harness/accounts';
import { devServer } from '../harness/dev-server';

// Every tenant operation, called by a caller of each role (an API key and a member's session): below the operation's role it is refused with 403
// before anything is read or changed; at or above it the role check lets it through (the call may then fail
// for other reasons — made-up ids, an empty body — but never for the role). The table is read from the app,
// so a new route is covered without a line here.
let server: Awaited<ReturnType<typeof devServer>>;
let prisma: AppPrisma;
let request: ReturnType<typeof testApi>['request'];
const keys = {} as Record<Role, string>;
/** A signed-in member of each role in the same tenant: sessions meet the same checks as keys. */
const sessions = {} as Record<Role, { Cookie: string; Origin: string }>;

const tenantOperations: Array<{ prefix: string; op: Operation }> = OPERATION_GROUPS.flatMap((group) =>
  group.operations.filter((op) => op.security === 'apiKey').map((op) => ({ prefix: group.prefix, op })),
);

beforeAll(async () => {
  server = await devServer();
  prisma = testPrisma();
  ({ request } = testApi({ prisma, client: server.client, taskQueue: uniqueName('roles-tq') }));
  const { db, tenant } = await createTestTenant(prisma);
  for (const role of ROLES) keys[role] = (await createApiKey(db, { name: role, role })).key;
  for (const role of ROLES) sessions[role] = (await testMember(request, tenant.id, role)).headers;
});
afterAll(async () => {
  await server?.close();
  await prisma?.$disconnect();
});

// Made-up ids: a call that passes the role check finds nothing to change.
const path = (prefix: string, op: Operation) => `${prefix}${op.path}`.replace(/:(\w+)/g, (_m, name: string) => `${name}_doesnotexist`);

describe('roles on every tenant operation', () => {
  it('covers the operations that need more than a viewer', () => {
    expect(tenantOperations.length).toBeGreaterThan(30);
    expect(tenantOperations.some(({ op }) => requiredRole(op) === 'admin')).toBe(true);
  });

  for (const { prefix, op } of tenantOperations) {
    const least = requiredRole(op);
    it(`${op.method.toUpperCase()} ${prefix}${op.path} needs ${least}`, async () => {
      for (const role of ROLES) {
        for (const [caller, headers] of [
          ['key', { authorization: `Bearer ${keys[role]}` }],
          ['session', sessions[role]],
        ] as const) {
          const res = await request()[op.method](path(prefix, op)).set(headers).send({});
          if (roleAtLeast(role, least)) {
            expect(res.body?.error?.details?.required, `${role} ${caller} let through`).toBeUndefined();
          } else {
            expect(res.status, `${role} ${caller} refused`).toBe(403);
            expect(res.body.error).toMatchObject({ code: 'FORBIDDEN', details: { required: least, role } });
          }
        }
      }
    });
  }
});

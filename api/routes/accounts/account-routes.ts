import type { RequestHandler } from 'express';
import { AppError, ErrorCodes } from '../../../domain/errors';
import { SignUpSchema, SwitchTenantSchema } from '../../../domain/schemas/accounts';
import { createAccountWithTenant } from '../../../prisma/queries/accounts/create-account-with-tenant';
import { findMembership, listMemberships, setSessionTenant } from '../../../prisma/queries/accounts/memberships';
import { forTenant } from '../../../prisma/tenant-scope';
import { getTenantOrThrow } from '../../../prisma/queries/tenants/get-tenant-or-throw';
import { authOf, hashPassword, signInToTenant } from '../../auth/sign-in';
import type { SessionAccount } from '../../auth/session-caller';
import type { ApiDeps } from '../../deps';
import { accountOf, tenantOf, type Principal } from '../../http/authenticate';

/** POST /api/signup: an account, its tenant and its owner membership at once, then signed in. */
export function signUpRoute(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const input = SignUpSchema.parse(req.body);
    const auth = authOf(deps);
    const passwordHash = await hashPassword(auth, input.password);
    const { account, tenant, member } = await createAccountWithTenant(deps.systemPrisma, { ...input, passwordHash });
    await signInToTenant(auth, deps.systemPrisma, req, res, { email: account.email, password: input.password, tenantId: tenant.id });
    res.status(201).json({
      user: { id: member.id, name: account.name, email: account.email },
      tenant: { id: tenant.id, businessName: tenant.businessName, timeZone: tenant.timeZone },
    });
  };
}

async function meView(deps: ApiDeps, principal: Principal, account: SessionAccount | null) {
  const tenant = await getTenantOrThrow(forTenant(deps.prisma, principal.tenantId));
  const tenantView = { id: tenant.id, businessName: tenant.businessName, timeZone: tenant.timeZone };
  if (!account || principal.kind !== 'user') {
    return { user: null, role: principal.role, tenant: tenantView, memberships: [{ tenantId: tenant.id, businessName: tenant.businessName, role: principal.role }] };
  }
  const memberships = await listMemberships(deps.systemPrisma, account.authUserId);
  return {
    user: { id: principal.userId, name: account.name, email: account.email },
    role: principal.role,
    tenant: tenantView,
    memberships: memberships.map((m) => ({ tenantId: m.tenantId, businessName: m.businessName, role: m.role })),
  };
}

/** GET /api/me: who is calling, in which tenant, with which role, and where else they belong. */
export function getMeRoute(deps: ApiDeps): RequestHandler {
  return async (_req, res) => {
    res.json(await meView(deps, tenantOf(res).principal, accountOf(res)));
  };
}

/** POST /api/me/tenant: the session shows another of the person's tenants from now on. */
export function switchTenantRoute(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const { tenantId } = SwitchTenantSchema.parse(req.body);
    const account = accountOf(res);
    if (!account) {
      throw new AppError(ErrorCodes.CONFLICT, 'An API key belongs to one tenant; only a signed-in person can switch.', { details: { reason: 'api_key' } });
    }
    const membership = await findMembership(deps.systemPrisma, account.authUserId, tenantId);
    if (!membership) throw new AppError(ErrorCodes.NOT_FOUND, `Tenant ${tenantId} not found among your memberships`);
    await setSessionTenant(deps.systemPrisma, account.sessionId, tenantId);
    const principal: Principal = { kind: 'user', tenantId, role: membership.role, userId: membership.memberId };
    res.json(await meView(deps, principal, { ...account, activeTenantId: tenantId }));
  };
}

import type { RequestHandler, Response } from 'express';
import { AppError, ErrorCodes } from '../../domain/errors';
import type { Role } from '../../domain/roles';
import type { AppPrisma, SystemPrisma } from '../../prisma/client';
import { findApiKeyBySecret } from '../../prisma/queries/api-keys/find-api-key-by-secret';
import { forTenant, type TenantDb } from '../../prisma/tenant-scope';
import type { HeraldAuth } from '../auth/herald-auth';
import { sessionMembership, sessionOf, type SessionAccount } from '../auth/session-caller';
import { assertSameOriginChange } from './csrf';

/**
 * Who is calling, in which tenant, with which role: a member signed in to the app (`userId` is their Herald
 * user in that tenant, the author of notes and the assignee of threads) or a machine with an API key.
 */
export type Principal =
  | { kind: 'user'; tenantId: string; role: Role; userId: string }
  | { kind: 'apiKey'; tenantId: string; role: Role; apiKeyId: string };

interface TenantLocals {
  tenantId: string;
  db: TenantDb;
  principal: Principal;
  /** The signed-in person, for a session caller. */
  account?: SessionAccount;
}

/** How session callers are recognised; without it only API keys are. */
export interface SessionAuth {
  auth: HeraldAuth;
  /** Origins a cookie-authenticated change may come from (the app's). */
  trustedOrigins: ReadonlySet<string>;
}

/**
 * Resolves the caller — an API key (`Authorization: Bearer`, `X-Api-Key`) or a member's session cookie — to its
 * tenant and role and hands routes a tenant-scoped client, the only one they get. A key wins when both are
 * sent. Changes made with a cookie must come from the app's origin (CSRF).
 */
export function authenticate(prisma: AppPrisma, systemPrisma: SystemPrisma, sessions?: SessionAuth): RequestHandler {
  return async (req, res, next) => {
    const header = req.header('authorization');
    const key = header?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? req.header('x-api-key');
    if (key) {
      const found = await findApiKeyBySecret(systemPrisma, key);
      if (!found) throw new AppError(ErrorCodes.UNAUTHENTICATED, 'Invalid or revoked API key.');
      const principal: Principal = { kind: 'apiKey', tenantId: found.tenantId, role: found.role, apiKeyId: found.apiKeyId };
      const locals: TenantLocals = { tenantId: found.tenantId, db: forTenant(prisma, found.tenantId), principal };
      Object.assign(res.locals, locals);
      return next();
    }
    if (sessions && req.headers.cookie) {
      assertSameOriginChange(req, sessions.trustedOrigins);
      const account = await sessionOf(sessions.auth, req, res);
      if (account) {
        const membership = await sessionMembership(systemPrisma, account);
        const principal: Principal = { kind: 'user', tenantId: membership.tenantId, role: membership.role, userId: membership.memberId };
        const locals: TenantLocals = { tenantId: membership.tenantId, db: forTenant(prisma, membership.tenantId), principal, account };
        Object.assign(res.locals, locals);
        return next();
      }
    }
    throw new AppError(ErrorCodes.UNAUTHENTICATED, 'Not signed in: sign in to the app, or send an API key as "Authorization: Bearer <key>".', {
      userMessage: 'Your session has ended. Sign in again.',
    });
  };
}

/**
 * The tenant and its scoped client, for any caller that has a tenant — an ingest token too, which acts for its
 * tenant without being a member or an API key (so without a Principal).
 */
export function tenantScopeOf(res: Response): { tenantId: string; db: TenantDb } {
  const { tenantId, db } = res.locals as Partial<TenantLocals>;
  if (!tenantId || !db) throw new Error('tenantScopeOf used on a route without a tenant');
  return { tenantId, db };
}

/** The tenant, its scoped client and who is calling (a member or an API key). */
export function tenantOf(res: Response): TenantLocals {
  const { tenantId, db, principal, account } = res.locals as Partial<TenantLocals>;
  if (!tenantId || !db || !principal) throw new Error('tenantOf used on an unauthenticated route');
  return { tenantId, db, principal, ...(account ? { account } : {}) };
}

export function principalOf(res: Response): Principal {
  return tenantOf(res).principal;
}

/** The signed-in person of a session caller; null for an API key. */
export function accountOf(res: Response): SessionAccount | null {
  return tenantOf(res).account ?? null;
}

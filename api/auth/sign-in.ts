import type { Request, Response } from 'express';
import { isAPIError } from 'better-auth/api';
import { fromNodeHeaders } from 'better-auth/node';
import { AppError, ErrorCodes } from '../../domain/errors';
import type { SystemPrisma } from '../../prisma/client';
import { findPasswordHash } from '../../prisma/queries/accounts/find-account';
import { setSessionTenantByToken } from '../../prisma/queries/accounts/memberships';
import type { ApiDeps } from '../deps';
import type { HeraldAuth } from './herald-auth';

/** Better Auth, as createApp set it up. */
export function authOf(deps: ApiDeps): HeraldAuth {
  if (!deps.sessions) throw new Error('createApp sets up sessions before any route runs');
  return deps.sessions.auth;
}

/** Hashes a new password the way Better Auth checks it. */
export async function hashPassword(auth: HeraldAuth, password: string): Promise<string> {
  return (await auth.$context).password.hash(password);
}

/** Whether `password` is the account's, without signing in (no session is made). */
export async function passwordMatches(auth: HeraldAuth, prisma: SystemPrisma, authUserId: string, password: string): Promise<boolean> {
  const hash = await findPasswordHash(prisma, authUserId);
  return hash !== null && (await (await auth.$context).password.verify({ hash, password }));
}

/**
 * Signs the person in through Better Auth — a session in Postgres and its cookie on the response — showing
 * `tenantId`.
 */
export async function signInToTenant(auth: HeraldAuth, prisma: SystemPrisma, req: Request, res: Response, input: { email: string; password: string; tenantId: string }) {
  try {
    const { headers, response } = await auth.api.signInEmail({
      body: { email: input.email, password: input.password },
      headers: fromNodeHeaders(req.headers),
      returnHeaders: true,
    });
    await setSessionTenantByToken(prisma, response.token, input.tenantId);
    for (const cookie of headers.getSetCookie()) res.append('Set-Cookie', cookie);
  } catch (error) {
    if (isAPIError(error) && error.statusCode === 401) throw new AppError(ErrorCodes.UNAUTHENTICATED, 'Wrong email or password.');
    throw error;
  }
}

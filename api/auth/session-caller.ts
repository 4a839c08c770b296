import type { Request, Response } from 'express';
import { fromNodeHeaders } from 'better-auth/node';
import { AppError, ErrorCodes } from '../../domain/errors';
import type { SystemPrisma } from '../../prisma/client';
import { findMembership, listMemberships, type Membership } from '../../prisma/queries/accounts/memberships';
import type { HeraldAuth } from './herald-auth';

/** The signed-in person behind a session cookie. */
export interface SessionAccount {
  sessionId: string;
  authUserId: string;
  name: string;
  email: string;
  /** The tenant the session shows (Better Auth's active organization), if one was chosen. */
  activeTenantId: string | null;
}

/**
 * The session a request's cookie carries, or null. A session Better Auth refreshes on the way answers with a
 * new cookie, passed on to the response.
 */
export async function sessionOf(auth: HeraldAuth, req: Request, res: Response): Promise<SessionAccount | null> {
  const { headers, response } = await auth.api.getSession({ headers: fromNodeHeaders(req.headers), returnHeaders: true });
  for (const cookie of headers.getSetCookie()) res.append('Set-Cookie', cookie);
  if (!response) return null;
  const { session, user } = response;
  return {
    sessionId: session.id,
    authUserId: user.id,
    name: user.name,
    email: user.email,
    activeTenantId: (session as { activeOrganizationId?: string | null }).activeOrganizationId ?? null,
  };
}

/**
 * The membership a session acts in: its active tenant while the person still belongs to it, else their first.
 * Someone who belongs to no tenant (all their memberships were removed) has nowhere to go: 403.
 */
export async function sessionMembership(prisma: SystemPrisma, account: SessionAccount): Promise<Membership> {
  const active = account.activeTenantId ? await findMembership(prisma, account.authUserId, account.activeTenantId) : null;
  const membership = active ?? (await listMemberships(prisma, account.authUserId))[0];
  if (!membership) {
    throw new AppError(ErrorCodes.FORBIDDEN, 'This account belongs to no tenant.', {
      userMessage: 'You are not a member of any team any more. Ask an admin for an invitation.',
      details: { reason: 'no_membership' },
    });
  }
  return membership;
}

import type { Request, RequestHandler, Response } from 'express';
import { invitationLink } from '../../../domain/account-emails';
import { AppError, ErrorCodes, isAppError } from '../../../domain/errors';
import { AcceptInvitationSchema, CreateInvitationSchema } from '../../../domain/schemas/accounts';
import { createCredentialAccount } from '../../../prisma/queries/accounts/create-credential-account';
import { setSessionTenant } from '../../../prisma/queries/accounts/memberships';
import { acceptInvitation, cancelInvitation, createInvitation, findInvitationForLink, listPendingInvitations } from '../../../prisma/queries/invitations/invitations';
import { getTenantOrThrow } from '../../../prisma/queries/tenants/get-tenant-or-throw';
import { forTenant } from '../../../prisma/tenant-scope';
import { accountEmailStart } from '../../../workflows/definitions';
import { sessionOf } from '../../auth/session-caller';
import { authOf, hashPassword, passwordMatches, signInToTenant } from '../../auth/sign-in';
import type { ApiDeps } from '../../deps';
import { actorOf } from '../../http/actor';
import { accountOf, tenantOf } from '../../http/authenticate';
import { assertSameOriginChange } from '../../http/csrf';
import { assertMayGrant } from './member-routes';

type InvitationRow = { id: string; email: string; role: string; status: string; expiresAt: Date; createdAt: Date };
const view = (i: InvitationRow) => ({ ...i, expiresAt: i.expiresAt.toISOString(), createdAt: i.createdAt.toISOString() });

function appUrlOf(deps: ApiDeps): string {
  return deps.auth?.appUrl ?? 'http://localhost:3000';
}

export function listInvitationsRoute(): RequestHandler {
  return async (_req, res) => {
    res.json({ invitations: (await listPendingInvitations(tenantOf(res).db)).map(view) });
  };
}

/**
 * POST /api/invitations: the link is answered at once (to share by hand) and emailed by a workflow. Temporal
 * being down does not undo the invitation: the answer says the email did not go.
 */
export function createInvitationRoute(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const input = CreateInvitationSchema.parse(req.body);
    const { db, principal } = tenantOf(res);
    assertMayGrant(principal.role, input.role);
    const invitation = await createInvitation(db, { ...input, inviterId: accountOf(res)?.authUserId ?? null }, actorOf(res));
    let warning: string | undefined;
    try {
      await deps.temporal.start(accountEmailStart({ kind: 'invitation', invitationId: invitation.id }));
    } catch (error) {
      if (!isAppError(error) || error.code !== ErrorCodes.UNAVAILABLE) throw error;
      warning = 'The invitation email could not be sent now (the workflow engine is unreachable): share the link yourself.';
    }
    res.status(201).json({ invitation: view(invitation), link: invitationLink(appUrlOf(deps), invitation.id), ...(warning ? { warning } : {}) });
  };
}

export function cancelInvitationRoute(): RequestHandler {
  return async (req, res) => {
    if (!(await cancelInvitation(tenantOf(res).db, String(req.params.id), actorOf(res)))) {
      throw new AppError(ErrorCodes.NOT_FOUND, `Invitation ${String(req.params.id)} not found or no longer pending`);
    }
    res.status(204).end();
  };
}

/** GET /api/invitations/:id/public: what the link offers, for the page that opens it. */
export function getPublicInvitationRoute(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const found = await findInvitationForLink(deps.systemPrisma, String(req.params.id));
    if (!found) throw new AppError(ErrorCodes.NOT_FOUND, 'This invitation does not exist.');
    const expired = found.status === 'pending' && found.expiresAt.getTime() <= Date.now();
    res.json({
      businessName: found.businessName,
      email: found.email,
      role: found.role,
      expiresAt: found.expiresAt.toISOString(),
      status: expired ? 'expired' : found.status,
      accountExists: found.accountId !== null,
    });
  };
}

/** The session a public route's caller may be signed in with; a cookie-borne change must come from the app. */
async function signedInCaller(deps: ApiDeps, req: Request, res: Response) {
  if (!req.headers.cookie || !deps.sessions) return null;
  assertSameOriginChange(req, deps.sessions.trustedOrigins);
  return sessionOf(deps.sessions.auth, req, res);
}

/**
 * POST /api/invitations/:id/accept: joins the tenant as the invited email — signed in to that account already,
 * or with its password, or (no such account yet) creating it with a name and password — and signs in to it.
 */
export function acceptInvitationRoute(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const input = AcceptInvitationSchema.parse(req.body ?? {});
    const id = String(req.params.id);
    const auth = authOf(deps);
    const found = await findInvitationForLink(deps.systemPrisma, id);
    if (!found) throw new AppError(ErrorCodes.NOT_FOUND, 'This invitation does not exist.');
    // Said before any password is looked at: a used link is no way to test passwords. (acceptInvitation decides
    // again under a lock.)
    const status = found.status === 'pending' && found.expiresAt.getTime() <= Date.now() ? 'expired' : found.status;
    if (status !== 'pending') {
      throw new AppError(ErrorCodes.CONFLICT, `This invitation is ${status}: ask for a new one.`, { details: { reason: 'invitation_not_pending', status } });
    }

    const session = await signedInCaller(deps, req, res);
    let joined;
    if (session && session.email === found.email) {
      joined = await acceptInvitation(deps.systemPrisma, id, { existingId: session.authUserId });
      await setSessionTenant(deps.systemPrisma, session.sessionId, joined.tenantId);
    } else if (found.accountId) {
      if (!input.password) throw new AppError(ErrorCodes.VALIDATION, 'An account with this email exists: send its password (or accept while signed in to it).');
      if (!(await passwordMatches(auth, deps.systemPrisma, found.accountId, input.password))) throw new AppError(ErrorCodes.UNAUTHENTICATED, 'Wrong email or password.');
      joined = await acceptInvitation(deps.systemPrisma, id, { existingId: found.accountId });
      await signInToTenant(auth, deps.systemPrisma, req, res, { email: found.email, password: input.password, tenantId: joined.tenantId });
    } else {
      if (!input.name || !input.password) throw new AppError(ErrorCodes.VALIDATION, 'A new account needs a name and a password.');
      const { name, password } = input;
      const passwordHash = await hashPassword(auth, password);
      joined = await acceptInvitation(deps.systemPrisma, id, { create: (tx) => createCredentialAccount(tx, { name, email: found.email, passwordHash }) });
      await signInToTenant(auth, deps.systemPrisma, req, res, { email: found.email, password, tenantId: joined.tenantId });
    }
    const tenant = await getTenantOrThrow(forTenant(deps.prisma, joined.tenantId));
    res.json({
      user: { id: joined.member.id, name: joined.member.name, email: joined.member.email },
      role: joined.member.role,
      tenant: { id: tenant.id, businessName: tenant.businessName, timeZone: tenant.timeZone },
    });
  };
}

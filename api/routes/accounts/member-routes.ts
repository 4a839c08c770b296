import type { RequestHandler } from 'express';
import { AppError, ErrorCodes } from '../../../domain/errors';
import { UpdateMemberSchema } from '../../../domain/schemas/accounts';
import { listMembers, removeMember, updateMemberRole } from '../../../prisma/queries/members/members';
import { actorOf } from '../../http/actor';
import { tenantOf } from '../../http/authenticate';

const view = (m: { id: string; name: string; email: string; role: string; createdAt: Date }) => ({ ...m, createdAt: m.createdAt.toISOString() });

export function listMembersRoute(): RequestHandler {
  return async (_req, res) => {
    res.json({ members: (await listMembers(tenantOf(res).db)).map(view) });
  };
}

/** Owners alone touch owners; the last owner keeps the role (prisma/queries/members). */
export function updateMemberRoute(): RequestHandler {
  return async (req, res) => {
    const { role } = UpdateMemberSchema.parse(req.body);
    const { db, principal } = tenantOf(res);
    res.json({ member: view(await updateMemberRole(db, String(req.params.id), role, principal.role, actorOf(res))) });
  };
}

/** Removing oneself is allowed (the caller loses access with this answer), but never as the last owner. */
export function removeMemberRoute(): RequestHandler {
  return async (req, res) => {
    const { db, principal } = tenantOf(res);
    await removeMember(db, String(req.params.id), principal.role, actorOf(res));
    res.status(204).end();
  };
}

/** Only owners hand out the owner role, as a member's or an API key's. */
export function assertMayGrant(callerRole: string, role: string): void {
  if (role === 'owner' && callerRole !== 'owner') {
    throw new AppError(ErrorCodes.FORBIDDEN, 'Only owners can give the owner role.', { details: { required: 'owner', role: callerRole } });
  }
}

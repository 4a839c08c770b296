import type { Actor } from '../../../domain/audit';
import { AppError, ErrorCodes } from '../../../domain/errors';
import type { Role } from '../../../domain/roles';
import type { TenantDb, TenantTx } from '../../tenant-scope';
import { recordEvent } from '../event-logs/record-event';

const VIEW = { id: true, name: true, email: true, role: true, createdAt: true } as const;

/** The tenant's members, oldest first. */
export function listMembers(db: TenantDb) {
  return db.member.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: VIEW });
}

/**
 * Owners alone may touch owners or make one; a tenant keeps at least one owner. Checked under a lock on the
 * tenant's owners, so two admins cannot demote the last two owners at once.
 */
async function guardChange(tx: TenantTx, memberId: string, actorRole: Role, newRole: Role | null) {
  await tx.$queryRaw`SELECT id FROM users WHERE tenant_id = ${tx.$tenantId()} AND role = 'owner' FOR UPDATE`;
  const target = await tx.member.findUnique({ where: { id: memberId }, select: { id: true, role: true, name: true } });
  if (!target) throw new AppError(ErrorCodes.NOT_FOUND, `Member ${memberId} not found`);
  if ((target.role === 'owner' || newRole === 'owner') && actorRole !== 'owner') {
    throw new AppError(ErrorCodes.FORBIDDEN, 'Only owners can change an owner or make someone owner.', {
      details: { required: 'owner', role: actorRole },
    });
  }
  if (target.role === 'owner' && newRole !== 'owner') {
    const owners = await tx.member.count({ where: { role: 'owner' } });
    if (owners <= 1) {
      throw new AppError(ErrorCodes.CONFLICT, 'The last owner cannot be removed or given another role: make someone else owner first.', {
        details: { reason: 'last_owner' },
      });
    }
  }
  return target;
}

/** Gives a member another role (see guardChange for who may), recorded with who did it. */
export function updateMemberRole(db: TenantDb, memberId: string, role: Role, actorRole: Role, actor: Actor) {
  return db.$transaction(async (tx) => {
    const before = await guardChange(tx, memberId, actorRole, role);
    const member = await tx.member.update({ where: { id: memberId }, data: { role, updatedAt: new Date() }, select: VIEW });
    if (before.role !== role) {
      await recordEvent(tx, { type: 'member.role_changed', subjectType: 'member', subjectId: memberId, actor, data: { name: before.name, from: before.role, to: role } });
    }
    return member;
  });
}

/** Removes a member: their threads become unassigned, their notes stay without an author. Recorded with who did it. */
export function removeMember(db: TenantDb, memberId: string, actorRole: Role, actor: Actor) {
  return db.$transaction(async (tx) => {
    const before = await guardChange(tx, memberId, actorRole, null);
    await tx.member.delete({ where: { id: memberId } });
    await recordEvent(tx, { type: 'member.removed', subjectType: 'member', subjectId: memberId, actor, data: { name: before.name, role: before.role } });
  });
}

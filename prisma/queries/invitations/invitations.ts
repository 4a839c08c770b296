import type { Actor } from '../../../domain/audit';
import { AppError, ErrorCodes } from '../../../domain/errors';
import type { Role } from '../../../domain/roles';
import type { SystemPrisma } from '../../client';
import type { TenantDb } from '../../tenant-scope';
import { recordEvent, recordTenantEvent } from '../event-logs/record-event';

const VIEW = { id: true, email: true, role: true, status: true, expiresAt: true, createdAt: true } as const;

/** How long an invitation link works. */
export const INVITATION_DAYS = 7;

/**
 * Invites an email with a role. Someone already a member is a 409; an earlier pending invitation to the same
 * address is canceled, so only the newest link works. Recorded with who invited.
 */
export function createInvitation(db: TenantDb, input: { email: string; role: Role; inviterId: string | null }, actor: Actor) {
  return db.$transaction(async (tx) => {
    if (await tx.member.findFirst({ where: { email: input.email }, select: { id: true } })) {
      throw new AppError(ErrorCodes.CONFLICT, 'That person is a member already.', { details: { reason: 'already_member' } });
    }
    await tx.invitation.updateMany({ where: { email: input.email, status: 'pending' }, data: { status: 'canceled' } });
    const invitation = await tx.invitation.create({
      data: {
        tenantId: tx.$tenantId(),
        email: input.email,
        role: input.role,
        inviterId: input.inviterId,
        expiresAt: new Date(Date.now() + INVITATION_DAYS * 24 * 3600 * 1000),
      },
      select: VIEW,
    });
    await recordEvent(tx, { type: 'invitation.created', subjectType: 'invitation', subjectId: invitation.id, actor, data: { role: input.role } });
    return invitation;
  });
}

/** Pending invitations, newest first. */
export function listPendingInvitations(db: TenantDb) {
  return db.invitation.findMany({ where: { status: 'pending' }, orderBy: { createdAt: 'desc' }, select: VIEW });
}

/** Cancels a pending invitation, recorded with who cancelled it; false when there is none with that id. */
export async function cancelInvitation(db: TenantDb, id: string, actor: Actor): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({ where: { id, status: 'pending' }, data: { status: 'canceled' } });
    if (count === 1) await recordEvent(tx, { type: 'invitation.cancelled', subjectType: 'invitation', subjectId: id, actor });
    return count === 1;
  });
}

/**
 * What an invitation link shows, by its id alone (the link is the secret: 128 random bits): across tenants by
 * nature. Null for an unknown id.
 */
export async function findInvitationForLink(prisma: SystemPrisma, id: string) {
  const row = await prisma.invitation.findUnique({ where: { id }, select: { ...VIEW, tenantId: true, tenant: { select: { businessName: true } } } });
  if (!row) return null;
  const account = await prisma.authUser.findUnique({ where: { email: row.email }, select: { id: true } });
  return { ...row, businessName: row.tenant.businessName, accountId: account?.id ?? null };
}

/** What an invitation email needs; null once it is no longer pending. */
export async function invitationEmail(prisma: SystemPrisma, id: string) {
  const row = await prisma.invitation.findUnique({ where: { id }, select: { email: true, role: true, status: true, expiresAt: true, tenant: { select: { businessName: true } } } });
  if (row?.status !== 'pending') return null;
  return { email: row.email, role: row.role, expiresAt: row.expiresAt, businessName: row.tenant.businessName };
}

/**
 * Joins the invited tenant: in one transaction, with the invitation locked, it must be pending, unexpired and
 * for this account's email; `newAccount` creates the account first (same transaction). Joining twice is a no-op
 * that answers the existing membership.
 */
export async function acceptInvitation(
  prisma: SystemPrisma,
  id: string,
  account: { existingId: string } | { create: (tx: Parameters<Parameters<SystemPrisma['$transaction']>[0]>[0]) => Promise<{ id: string }> },
) {
  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM invitations WHERE id = ${id} FOR UPDATE`;
    const invitation = await tx.invitation.findUnique({ where: { id } });
    if (!invitation) throw new AppError(ErrorCodes.NOT_FOUND, `Invitation ${id} not found`);
    if (invitation.status !== 'pending' || invitation.expiresAt.getTime() <= Date.now()) {
      throw new AppError(ErrorCodes.CONFLICT, `This invitation is ${invitation.status === 'pending' ? 'expired' : invitation.status}: ask for a new one.`, {
        details: { reason: 'invitation_not_pending', status: invitation.status === 'pending' ? 'expired' : invitation.status },
      });
    }
    const accountId = 'existingId' in account ? account.existingId : (await account.create(tx)).id;
    const person = await tx.authUser.findUniqueOrThrow({ where: { id: accountId }, select: { id: true, email: true, name: true } });
    if (person.email !== invitation.email) {
      throw new AppError(ErrorCodes.FORBIDDEN, 'This invitation is for another email address: sign in with the invited one.', { details: { reason: 'invitation_email_mismatch' } });
    }
    const existing = await tx.member.findUnique({ where: { tenantId_authUserId: { tenantId: invitation.tenantId, authUserId: accountId } } });
    const member =
      existing ??
      (await tx.member.create({ data: { tenantId: invitation.tenantId, authUserId: accountId, email: person.email, name: person.name, role: invitation.role } }));
    await tx.invitation.update({ where: { id }, data: { status: 'accepted' } });
    if (!existing) {
      // The new member's own doing: they followed the link.
      await recordTenantEvent(tx, invitation.tenantId, {
        type: 'member.joined',
        subjectType: 'member',
        subjectId: member.id,
        actor: { kind: 'user', id: member.id },
        data: { invitationId: id, role: member.role },
      });
    }
    return { accountId, tenantId: invitation.tenantId, member };
  });
}

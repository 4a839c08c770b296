import { AppError, ErrorCodes } from '../../../domain/errors';
import type { TenantDb } from '../../tenant-scope';

/** A member of the tenant (a thread's assignee must be one). */
export async function getMemberOrThrow(db: TenantDb, userId: string) {
  const user = await db.member.findFirst({ where: { id: userId }, select: { id: true, name: true } });
  if (!user) throw new AppError(ErrorCodes.NOT_FOUND, `Member ${userId} not found in this tenant`, { details: { userId } });
  return user;
}

/** Names of members by id (authors of changes in a timeline). */
export async function memberNames(db: TenantDb, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.member.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true } });
  return new Map(rows.map((r) => [r.id, r.name]));
}

import { AppError, ErrorCodes } from '../../../domain/errors';
import { Prisma } from '../../client';
import type { TenantDb } from '../../tenant-scope';

function duplicateShortcut(error: unknown, shortcut: string | undefined): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
    throw new AppError(ErrorCodes.CONFLICT, `A canned reply with the shortcut "${shortcut}" already exists`, { details: { shortcut } });
  }
  throw error;
}

export function listCannedReplies(db: TenantDb) {
  return db.cannedReply.findMany({ orderBy: { shortcut: 'asc' } });
}

export async function createCannedReply(db: TenantDb, input: { shortcut: string; body: string }) {
  try {
    return await db.cannedReply.create({ data: { tenantId: db.$tenantId(), shortcut: input.shortcut, body: input.body } });
  } catch (error) {
    return duplicateShortcut(error, input.shortcut);
  }
}

export async function getCannedReplyOrThrow(db: TenantDb, id: string) {
  const reply = await db.cannedReply.findFirst({ where: { id } });
  if (!reply) throw new AppError(ErrorCodes.NOT_FOUND, `Canned reply ${id} not found`, { details: { cannedReplyId: id } });
  return reply;
}

export async function updateCannedReply(db: TenantDb, id: string, input: { shortcut?: string | undefined; body?: string | undefined }) {
  await getCannedReplyOrThrow(db, id);
  try {
    await db.cannedReply.updateMany({
      where: { id },
      data: { ...(input.shortcut !== undefined ? { shortcut: input.shortcut } : {}), ...(input.body !== undefined ? { body: input.body } : {}), updatedAt: new Date() },
    });
  } catch (error) {
    duplicateShortcut(error, input.shortcut);
  }
  return getCannedReplyOrThrow(db, id);
}

export async function deleteCannedReply(db: TenantDb, id: string) {
  const { count } = await db.cannedReply.deleteMany({ where: { id } });
  if (count === 0) throw new AppError(ErrorCodes.NOT_FOUND, `Canned reply ${id} not found`, { details: { cannedReplyId: id } });
}

import type { Actor } from '../../../domain/audit';
import { AppError, ErrorCodes } from '../../../domain/errors';
import { Prisma } from '../../client';
import type { TenantDb } from '../../tenant-scope';
import { recordEvent } from '../event-logs/record-event';

function duplicateShortcut(error: unknown, shortcut: string | undefined): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
    throw new AppError(ErrorCodes.CONFLICT, `A canned reply with the shortcut "${shortcut}" already exists`, { details: { shortcut } });
  }
  throw error;
}

export function listCannedReplies(db: TenantDb) {
  return db.cannedReply.findMany({ orderBy: { shortcut: 'asc' } });
}

/** A new canned reply, recorded with who added it (its shortcut, never its text). */
export async function createCannedReply(db: TenantDb, input: { shortcut: string; body: string }, actor: Actor) {
  try {
    return await db.$transaction(async (tx) => {
      const reply = await tx.cannedReply.create({ data: { tenantId: db.$tenantId(), shortcut: input.shortcut, body: input.body } });
      await recordEvent(tx, { type: 'canned_reply.created', subjectType: 'canned_reply', subjectId: reply.id, actor, data: { shortcut: reply.shortcut } });
      return reply;
    });
  } catch (error) {
    return duplicateShortcut(error, input.shortcut);
  }
}

export async function getCannedReplyOrThrow(db: TenantDb, id: string) {
  const reply = await db.cannedReply.findFirst({ where: { id } });
  if (!reply) throw new AppError(ErrorCodes.NOT_FOUND, `Canned reply ${id} not found`, { details: { cannedReplyId: id } });
  return reply;
}

/** Changes a canned reply, recorded with who changed it and which fields. */
export async function updateCannedReply(db: TenantDb, id: string, input: { shortcut?: string | undefined; body?: string | undefined }, actor: Actor) {
  await getCannedReplyOrThrow(db, id);
  const fields = Object.entries(input).flatMap(([field, value]) => (value === undefined ? [] : [field]));
  try {
    await db.$transaction([
      db.cannedReply.updateMany({
        where: { id },
        data: { ...(input.shortcut !== undefined ? { shortcut: input.shortcut } : {}), ...(input.body !== undefined ? { body: input.body } : {}), updatedAt: new Date() },
      }),
      recordEvent(db, { type: 'canned_reply.updated', subjectType: 'canned_reply', subjectId: id, actor, data: { fields } }),
    ]);
  } catch (error) {
    duplicateShortcut(error, input.shortcut);
  }
  return getCannedReplyOrThrow(db, id);
}

/** Deletes a canned reply, recorded with who deleted it (and its shortcut, to show once it is gone). */
export async function deleteCannedReply(db: TenantDb, id: string, actor: Actor) {
  await db.$transaction(async (tx) => {
    const reply = await tx.cannedReply.findFirst({ where: { id }, select: { shortcut: true } });
    if (!reply) throw new AppError(ErrorCodes.NOT_FOUND, `Canned reply ${id} not found`, { details: { cannedReplyId: id } });
    await tx.cannedReply.deleteMany({ where: { id } });
    await recordEvent(tx, { type: 'canned_reply.deleted', subjectType: 'canned_reply', subjectId: id, actor, data: { shortcut: reply.shortcut } });
  });
}

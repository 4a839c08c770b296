import type { Actor } from '../../../domain/audit';
import { AppError, ErrorCodes } from '../../../domain/errors';
import type { CreateTemplate, UpdateTemplate } from '../../../domain/schemas/template';
import { Prisma } from '../../client';
import type { TenantDb } from '../../tenant-scope';
import { recordEvent } from '../event-logs/record-event';

function duplicateName(error: unknown, name: string | undefined): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
    throw new AppError(ErrorCodes.CONFLICT, `A template named "${name}" already exists`, { details: { name } });
  }
  throw error;
}

/** Saves a template, recorded with who saved it (its name, never its text). */
export async function createTemplate(db: TenantDb, input: CreateTemplate, actor: Actor) {
  try {
    return await db.$transaction(async (tx) => {
      const template = await tx.template.create({
        data: { tenantId: db.$tenantId(), name: input.name, channel: input.channel, subject: input.subject ?? null, body: input.body, contentSid: input.contentSid ?? null },
      });
      await recordEvent(tx, { type: 'template.created', subjectType: 'template', subjectId: template.id, actor, data: { name: template.name, channel: template.channel } });
      return template;
    });
  } catch (error) {
    return duplicateName(error, input.name);
  }
}

export async function getTemplateOrThrow(db: TenantDb, templateId: string) {
  const template = await db.template.findFirst({ where: { id: templateId } });
  if (!template) throw new AppError(ErrorCodes.NOT_FOUND, `Template ${templateId} not found`, { details: { templateId } });
  return template;
}

export function listTemplates(db: TenantDb) {
  return db.template.findMany({ orderBy: { name: 'asc' } });
}

/**
 * Edits reach drafts (which read the template at publish); published versions hold a frozen copy. Recorded with
 * who edited it and which fields.
 */
export async function updateTemplate(db: TenantDb, templateId: string, input: UpdateTemplate, actor: Actor) {
  await getTemplateOrThrow(db, templateId);
  const fields = Object.entries(input).flatMap(([field, value]) => (value === undefined ? [] : [field]));
  try {
    await db.$transaction([
      db.template.updateMany({
        where: { id: templateId },
        data: {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.subject !== undefined ? { subject: input.subject } : {}),
          ...(input.body !== undefined ? { body: input.body } : {}),
          ...(input.contentSid !== undefined ? { contentSid: input.contentSid } : {}),
          updatedAt: new Date(),
        },
      }),
      recordEvent(db, { type: 'template.updated', subjectType: 'template', subjectId: templateId, actor, data: { fields } }),
    ]);
  } catch (error) {
    duplicateName(error, input.name);
  }
  return getTemplateOrThrow(db, templateId);
}

/** Deletes a template no sequence uses, recorded with who deleted it (and its name, to show once it is gone). */
export async function deleteTemplate(db: TenantDb, templateId: string, actor: Actor): Promise<void> {
  const template = await getTemplateOrThrow(db, templateId);
  const users = await db.sequenceStep.findMany({
    where: { OR: [{ templateId }, { approvedTemplateId: templateId }] },
    select: { version: { select: { sequence: { select: { name: true } } } } },
    distinct: ['versionId'],
  });
  if (users.length) {
    const names = [...new Set(users.map((u) => u.version.sequence.name))];
    throw new AppError(ErrorCodes.CONFLICT, `Template ${templateId} is used by sequence ${names.map((n) => `"${n}"`).join(', ')}`, {
      details: { templateId, sequences: names },
    });
  }
  await db.$transaction([
    db.template.deleteMany({ where: { id: templateId } }),
    recordEvent(db, { type: 'template.deleted', subjectType: 'template', subjectId: templateId, actor, data: { name: template.name } }),
  ]);
}

export function findTemplatesByIds(db: TenantDb, templateIds: string[]) {
  return templateIds.length ? db.template.findMany({ where: { id: { in: templateIds } } }) : Promise.resolve([]);
}

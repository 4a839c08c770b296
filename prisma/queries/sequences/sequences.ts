import type { Actor } from '../../../domain/audit';
import { AppError, ErrorCodes } from '../../../domain/errors';
import { SequenceSettingsSchema, type CreateSequence, type SequenceSettings, type SequenceStepInput, type UpdateSequence } from '../../../domain/schemas/sequence';
import { sequenceStepProblems } from '../../../domain/sequence-step-problems';
import { templateInvalidError, templateProblemsAt, type PlacedProblem } from '../../../domain/templates';
import { Prisma } from '../../client';
import type { TenantDb } from '../../tenant-scope';
import { recordEvent } from '../event-logs/record-event';

type Tx = Parameters<Parameters<TenantDb['$transaction']>[0]>[0];

/** Why a saved template cannot be a WhatsApp step's approved template, or null. */
function approvedTemplateProblem(id: string, template: { channel: string; contentSid: string | null } | undefined): string | null {
  if (!template) return `template ${id} not found`;
  if (template.channel !== 'whatsapp') return `template ${id} is for ${template.channel}; an approved template is a whatsapp one`;
  if (!template.contentSid) return `template ${id} has no Content SID, so WhatsApp has not approved it: add its Content SID (HX…) first`;
  return null;
}

/** Inline texts use only known variables; saved templates exist and fit the step's channel; approved ones are approved. */
async function checkSteps(db: TenantDb | Tx, steps: SequenceStepInput[]): Promise<void> {
  const problems = sequenceStepProblems(steps);
  const ids = [...new Set(steps.flatMap((s) => [s.templateId, s.approvedTemplateId].filter((id): id is string => Boolean(id))))];
  const templates = ids.length ? await db.template.findMany({ where: { id: { in: ids } }, select: { id: true, channel: true, contentSid: true } }) : [];
  steps.forEach((step, i) => {
    if (step.approvedTemplateId) {
      const problem = approvedTemplateProblem(step.approvedTemplateId, templates.find((t) => t.id === step.approvedTemplateId));
      if (problem) problems.push({ path: `steps.${i}.approvedTemplateId`, message: problem });
    }
    if (!step.templateId) return;
    const template = templates.find((t) => t.id === step.templateId);
    if (!template) problems.push({ path: `steps.${i}.templateId`, message: `template ${step.templateId} not found` });
    else if (template.channel !== step.channel) {
      problems.push({ path: `steps.${i}.templateId`, message: `template ${step.templateId} is for ${template.channel}, the step sends ${step.channel}` });
    }
  });
  if (problems.length) throw templateInvalidError('The sequence', problems);
}

function stepRows(tenantId: string, versionId: string, steps: SequenceStepInput[]) {
  return steps.map((s, position) => ({
    tenantId,
    versionId,
    position,
    channel: s.channel,
    waitAmount: s.waitAmount,
    waitUnit: s.waitUnit,
    templateId: s.templateId ?? null,
    subject: s.templateId ? null : (s.subject ?? null),
    body: s.templateId ? null : (s.body ?? null),
    approvedTemplateId: s.approvedTemplateId ?? null,
  }));
}

function duplicateName(error: unknown, name: string | undefined): never {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
    throw new AppError(ErrorCodes.CONFLICT, `A sequence named "${name}" already exists`, { details: { name } });
  }
  throw error;
}

/** A new sequence with its first version as a draft (publish it to enroll contacts), recorded with who made it. */
export async function createSequence(db: TenantDb, input: CreateSequence, actor: Actor): Promise<string> {
  await checkSteps(db, input.steps);
  try {
    return await db.$transaction(async (tx) => {
      const sequence = await tx.sequence.create({ data: { tenantId: db.$tenantId(), name: input.name } });
      const version = await tx.sequenceVersion.create({
        data: { tenantId: db.$tenantId(), sequenceId: sequence.id, version: 1, settings: input.settings as Prisma.InputJsonValue },
      });
      await tx.sequenceStep.createMany({ data: stepRows(db.$tenantId(), version.id, input.steps) });
      await recordEvent(tx, { type: 'sequence.created', subjectType: 'sequence', subjectId: sequence.id, actor, data: { name: input.name, steps: input.steps.length } });
      return sequence.id;
    });
  } catch (error) {
    return duplicateName(error, input.name);
  }
}

const versionInclude = { steps: { orderBy: { position: 'asc' as const } } };

export async function getSequenceOrThrow(db: TenantDb, sequenceId: string) {
  const sequence = await db.sequence.findFirst({
    where: { id: sequenceId },
    include: { versions: { orderBy: { version: 'desc' }, include: versionInclude } },
  });
  if (!sequence) throw new AppError(ErrorCodes.NOT_FOUND, `Sequence ${sequenceId} not found`, { details: { sequenceId } });
  return sequence;
}
export type SequenceWithVersions = Awaited<ReturnType<typeof getSequenceOrThrow>>;

/**
 * What an enrollment starts on: the sequence's newest published version, with its settings — read alone, not
 * with every version's steps.
 */
export async function getEnrollableVersion(db: TenantDb, sequenceId: string) {
  const sequence = await db.sequence.findFirst({
    where: { id: sequenceId },
    select: {
      id: true,
      name: true,
      versions: {
        where: { publishedAt: { not: null } },
        orderBy: { version: 'desc' },
        take: 1,
        select: { id: true, version: true, settings: true, _count: { select: { steps: true } } },
      },
    },
  });
  if (!sequence) throw new AppError(ErrorCodes.NOT_FOUND, `Sequence ${sequenceId} not found`, { details: { sequenceId } });
  const version = sequence.versions[0];
  if (!version) {
    throw new AppError(ErrorCodes.NOT_PUBLISHED, `Sequence "${sequence.name}" has no published version yet; publish it before enrolling contacts`, {
      details: { sequenceId },
    });
  }
  return {
    sequence: { id: sequence.id, name: sequence.name },
    version: { id: version.id, version: version.version, settings: version.settings, stepCount: version._count.steps },
    settings: SequenceSettingsSchema.parse(version.settings ?? {}),
  };
}

/** Of versions listed newest first: the newest published one (new enrollments start on it). */
export function publishedVersionOf<V extends { publishedAt: Date | null }>(versions: V[]): V | undefined {
  return versions.find((v) => v.publishedAt !== null);
}

/** Of versions listed newest first: the draft being edited, if the newest one is not yet published. */
export function draftVersionOf<V extends { publishedAt: Date | null }>(versions: V[]): V | undefined {
  return versions[0]?.publishedAt === null ? versions[0] : undefined;
}

export function listSequences(db: TenantDb) {
  return db.sequence.findMany({
    where: { archivedAt: null },
    orderBy: { createdAt: 'desc' },
    include: { versions: { orderBy: { version: 'desc' }, include: versionInclude } },
  });
}

/** The steps of a version as an editable input again (a saved template stays a reference). */
function asInput(steps: SequenceWithVersions['versions'][number]['steps']): SequenceStepInput[] {
  return steps.map((s) => ({
    channel: s.channel,
    waitAmount: s.waitAmount,
    waitUnit: s.waitUnit,
    ...(s.templateId ? { templateId: s.templateId } : { body: s.body ?? '', ...(s.subject ? { subject: s.subject } : {}) }),
    ...(s.approvedTemplateId ? { approvedTemplateId: s.approvedTemplateId } : {}),
  }));
}

/**
 * Edits go to the draft. When the newest version is published (immutable: enrollments run on it), the edit
 * becomes a new draft version built from it, so running enrollments keep their content. Recorded with who
 * edited it and which fields.
 */
export async function updateSequence(db: TenantDb, sequenceId: string, input: UpdateSequence, actor: Actor): Promise<void> {
  const sequence = await getSequenceOrThrow(db, sequenceId);
  if (input.steps) await checkSteps(db, input.steps);
  try {
    await db.$transaction(async (tx) => {
      const fields = (['name', 'settings', 'steps'] as const).filter((field) => input[field] !== undefined);
      const draftVersion = async (): Promise<number | null> => {
        if (input.name !== undefined) await tx.sequence.updateMany({ where: { id: sequenceId }, data: { name: input.name, updatedAt: new Date() } });
        if (!input.settings && !input.steps) return null;
        const latest = sequence.versions[0]!;
        if (latest.publishedAt === null) {
          if (input.settings) await tx.sequenceVersion.updateMany({ where: { id: latest.id }, data: { settings: input.settings as Prisma.InputJsonValue } });
          if (input.steps) {
            await tx.sequenceStep.deleteMany({ where: { versionId: latest.id } });
            await tx.sequenceStep.createMany({ data: stepRows(db.$tenantId(), latest.id, input.steps) });
          }
          return latest.version;
        }
        const settings: SequenceSettings = input.settings ?? SequenceSettingsSchema.parse(latest.settings ?? {});
        const draft = await tx.sequenceVersion.create({
          data: { tenantId: db.$tenantId(), sequenceId, version: latest.version + 1, settings: settings as Prisma.InputJsonValue },
        });
        await tx.sequenceStep.createMany({ data: stepRows(db.$tenantId(), draft.id, input.steps ?? asInput(latest.steps)) });
        return draft.version;
      };
      const draft = await draftVersion();
      await recordEvent(tx, { type: 'sequence.updated', subjectType: 'sequence', subjectId: sequenceId, actor, data: { fields, ...(draft !== null ? { draftVersion: draft } : {}) } });
    });
  } catch (error) {
    duplicateName(error, input.name);
  }
}

/**
 * Publishes the draft: saved templates' current text is copied into its steps (later template edits do not
 * reach it), every text is checked once more, and the version becomes immutable (a trigger enforces it).
 * Recorded with who published it.
 */
export async function publishSequence(db: TenantDb, sequenceId: string, actor: Actor): Promise<void> {
  const sequence = await getSequenceOrThrow(db, sequenceId);
  const draft = draftVersionOf(sequence.versions);
  if (!draft) throw new AppError(ErrorCodes.CONFLICT, `Sequence ${sequenceId} has no draft to publish: version ${sequence.versions[0]!.version} is already published`);
  await db.$transaction(async (tx) => {
    const templateIds = draft.steps.flatMap((s) => [s.templateId, s.approvedTemplateId].filter((id): id is string => Boolean(id)));
    const templates = templateIds.length ? await tx.template.findMany({ where: { id: { in: templateIds } } }) : [];
    const problems: PlacedProblem[] = [];
    for (const step of draft.steps) {
      let { subject, body } = step;
      // The approved template for a closed window: the one named, else the step's own when WhatsApp approved it.
      let approved: { contentSid: string; body: string } | null = null;
      if (step.templateId) {
        const template = templates.find((t) => t.id === step.templateId);
        if (!template) {
          problems.push({ path: `steps.${step.position}.templateId`, message: `template ${step.templateId} no longer exists` });
          continue;
        }
        ({ subject, body } = template);
        if (step.channel === 'whatsapp' && template.contentSid) approved = { contentSid: template.contentSid, body: template.body };
      }
      if (step.approvedTemplateId) {
        const template = templates.find((t) => t.id === step.approvedTemplateId);
        const problem = approvedTemplateProblem(step.approvedTemplateId, template);
        if (problem || !template?.contentSid) {
          problems.push({ path: `steps.${step.position}.approvedTemplateId`, message: problem ?? 'not approved' });
          continue;
        }
        approved = { contentSid: template.contentSid, body: template.body };
        problems.push(...templateProblemsAt({ [`steps.${step.position}.approvedTemplateId`]: template.body }, 'contact'));
      }
      if (step.templateId || approved) {
        await tx.sequenceStep.updateMany({ where: { id: step.id }, data: { subject, body, approvedContentSid: approved?.contentSid ?? null, approvedBody: approved?.body ?? null } });
      }
      problems.push(...templateProblemsAt({ [`steps.${step.position}.subject`]: subject, [`steps.${step.position}.body`]: body }, 'contact'));
      if (step.channel === 'email' && !subject) problems.push({ path: `steps.${step.position}.subject`, message: 'an email step needs a subject' });
    }
    if (problems.length) throw templateInvalidError('The sequence', problems);
    await tx.sequenceVersion.updateMany({ where: { id: draft.id }, data: { publishedAt: new Date() } });
    await recordEvent(tx, { type: 'sequence.published', subjectType: 'sequence', subjectId: sequenceId, actor, data: { version: draft.version } });
  });
}

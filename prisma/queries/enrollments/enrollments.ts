import { AppError, ErrorCodes } from '../../../domain/errors';
import type { BulkEnroll } from '../../../domain/schemas/sequence';
import type { Prisma } from '../../client';
import type { TenantDb } from '../../tenant-scope';

/** The contact's name goes along: every view of an enrollment names who it is for. */
const withContactName = { contact: { select: { firstName: true, lastName: true } } } as const;

export async function getEnrollmentOrThrow(db: TenantDb, enrollmentId: string) {
  const enrollment = await db.enrollment.findFirst({ where: { id: enrollmentId }, include: withContactName });
  if (!enrollment) throw new AppError(ErrorCodes.NOT_FOUND, `Enrollment ${enrollmentId} not found`, { details: { enrollmentId } });
  return enrollment;
}

export async function listEnrollments(
  db: TenantDb,
  query: { sequenceId?: string | undefined; contactId?: string | undefined; status?: 'active' | 'paused' | 'completed' | 'stopped' | 'failed' | undefined; limit: number; cursor?: string | undefined },
) {
  const rows = await db.enrollment.findMany({
    where: {
      ...(query.sequenceId ? { sequenceId: query.sequenceId } : {}),
      ...(query.contactId ? { contactId: query.contactId } : {}),
      ...(query.status ? { status: query.status } : {}),
    },
    orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
    include: withContactName,
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
  });
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  return { enrollments: page, nextCursor: more ? page[page.length - 1]!.id : null };
}

/**
 * The contact's running enrollment in the sequence, if any. The workflow id (sequence × contact) keeps a contact to
 * one at a time — except for an enrollment that came with a contact merged into this one, which runs under the
 * merged contact's id: this finds it too.
 */
export function findOpenEnrollment(db: TenantDb, sequenceId: string, contactId: string) {
  return db.enrollment.findFirst({ where: { sequenceId, contactId, status: { in: ['active', 'paused'] } }, select: { id: true, workflowId: true } });
}

/** Which of these contacts were ever enrolled in the sequence (for the "never re-enroll" rule). */
export async function contactsEverEnrolled(db: TenantDb, sequenceId: string, contactIds: string[]): Promise<Set<string>> {
  const rows = await db.enrollment.findMany({ where: { sequenceId, contactId: { in: contactIds } }, select: { contactId: true }, distinct: ['contactId'] });
  return new Set(rows.map((r) => r.contactId));
}

/** The row of an enrollment whose workflow just started; the API and the workflow's first activity both write it, whichever comes first. */
export async function insertEnrollment(
  db: TenantDb,
  row: { id: string; sequenceId: string; versionId: string; contactId: string; workflowId: string; bulkEnrollmentId?: string | null },
): Promise<void> {
  await db.enrollment.createMany({ data: [{ tenantId: db.$tenantId(), ...row, bulkEnrollmentId: row.bulkEnrollmentId ?? null, status: 'active' }], skipDuplicates: true });
}

/** Keeps a running enrollment's row in step with its workflow; an ended row is left alone. */
export async function recordEnrollmentProgress(
  db: TenantDb,
  enrollmentId: string,
  progress: { status: 'active' | 'paused'; currentStep: number; nextSendAt: Date | null },
): Promise<void> {
  const now = new Date();
  await db.enrollment.updateMany({
    where: { id: enrollmentId, status: { in: ['active', 'paused'] } },
    data: { ...progress, pausedAt: progress.status === 'paused' ? now : null, updatedAt: now },
  });
}

export async function markEnrollmentEnded(
  db: TenantDb,
  enrollmentId: string,
  end: { status: 'completed' | 'stopped' | 'failed'; stopReason: string | null; currentStep: number },
): Promise<void> {
  const now = new Date();
  await db.enrollment.updateMany({
    where: { id: enrollmentId },
    data: { ...end, nextSendAt: null, pausedAt: null, endedAt: now, updatedAt: now },
  });
}

/** Workflow ids of the contact's running enrollments (a reply or an opt-out may end them). */
export async function findOpenEnrollmentWorkflowIds(db: TenantDb, contactId: string): Promise<string[]> {
  const rows = await db.enrollment.findMany({
    where: { contactId, status: { in: ['active', 'paused'] }, workflowId: { not: null } },
    select: { workflowId: true },
  });
  return rows.map((r) => r.workflowId!);
}

export function createBulkEnrollment(db: TenantDb, input: { sequenceId: string; criteria: BulkEnroll; total: number; workflowId: (id: string) => string }) {
  return db.$transaction(async (tx) => {
    const row = await tx.bulkEnrollment.create({
      data: { tenantId: db.$tenantId(), sequenceId: input.sequenceId, criteria: input.criteria as Prisma.InputJsonValue, total: input.total },
    });
    return tx.bulkEnrollment.update({ where: { id: row.id }, data: { workflowId: input.workflowId(row.id) } });
  });
}

export async function getBulkEnrollmentOrThrow(db: TenantDb, bulkEnrollmentId: string) {
  const row = await db.bulkEnrollment.findFirst({ where: { id: bulkEnrollmentId } });
  if (!row) throw new AppError(ErrorCodes.NOT_FOUND, `Bulk enrollment ${bulkEnrollmentId} not found`, { details: { bulkEnrollmentId } });
  return row;
}

export async function recordBulkEnrollmentProgress(db: TenantDb, bulkEnrollmentId: string, progress: { enrolled: number; skipped: number; done: boolean }): Promise<void> {
  await db.bulkEnrollment.updateMany({
    where: { id: bulkEnrollmentId },
    data: { enrolled: progress.enrolled, skipped: progress.skipped, ...(progress.done ? { status: 'completed', finishedAt: new Date() } : {}) },
  });
}

export async function markBulkEnrollmentFailed(db: TenantDb, bulkEnrollmentId: string, error: string): Promise<void> {
  await db.bulkEnrollment.updateMany({ where: { id: bulkEnrollmentId }, data: { status: 'failed', error, finishedAt: new Date() } });
}

import type { RequestHandler } from 'express';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { AppError, ErrorCodes } from '../../../domain/errors';
import { BulkEnrollSchema, EnrollSchema, ListEnrollmentsQuerySchema, StopEnrollmentSchema } from '../../../domain/schemas/sequence';
import { bulkEnrollmentWorkflowId } from '../../../domain/derived-ids';
import { bulkEnrollmentRunSummary, enrollmentRunSummary } from '../../../domain/run-summaries';
import { newId } from '../../../prisma/ids';
import { countContactsForBulkEnrollment } from '../../../prisma/queries/contacts/find-contacts-for-bulk-enrollment';
import { getContactOrThrow } from '../../../prisma/queries/contacts/get-contact-or-throw';
import {
  contactsEverEnrolled,
  createBulkEnrollment,
  findOpenEnrollment,
  getBulkEnrollmentOrThrow,
  getEnrollmentOrThrow,
  insertEnrollment,
  listEnrollments,
  markBulkEnrollmentFailed,
} from '../../../prisma/queries/enrollments/enrollments';
import { recordEvent } from '../../../prisma/queries/event-logs/record-event';
import { getEnrollableVersion } from '../../../prisma/queries/sequences/sequences';
import {
  bulkEnrollmentStart,
  enrollmentStart,
  enrollmentStateQuery,
  pauseEnrollmentUpdate,
  resumeEnrollmentUpdate,
  stopEnrollmentUpdate,
  type EnrollmentState,
} from '../../../workflows/definitions';
import type { ApiDeps } from '../../deps';
import { actorOf } from '../../http/actor';
import { tenantOf } from '../../http/authenticate';
import { toBulkEnrollmentView, toEnrollmentView } from '../../sequence-views';

export function enrollContactRoute(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const { contactId } = EnrollSchema.parse(req.body);
    const { tenantId, db } = tenantOf(res);
    const { sequence, version, settings } = await getEnrollableVersion(db, String(req.params.id));
    await getContactOrThrow(db, contactId);
    if (settings.reenroll === 'never' && (await contactsEverEnrolled(db, sequence.id, [contactId])).has(contactId)) {
      throw new AppError(ErrorCodes.ALREADY_ENROLLED, `Contact ${contactId} was already enrolled in "${sequence.name}", which enrolls a contact only once`, {
        details: { sequenceId: sequence.id, contactId, reenroll: 'never' },
      });
    }
    const running = await findOpenEnrollment(db, sequence.id, contactId);
    if (running) {
      throw new AppError(ErrorCodes.ALREADY_ENROLLED, `Contact ${contactId} is already enrolled in "${sequence.name}"`, {
        details: { sequenceId: sequence.id, contactId, enrollmentId: running.id, workflowId: running.workflowId },
      });
    }
    const enrollmentId = newId('enr');
    // The workflow id (sequence × contact) with conflict policy FAIL is what guarantees one active enrollment.
    const { workflowId, runId, alreadyStarted } = await deps.temporal.start(
      enrollmentStart(
        { tenantId, enrollmentId, sequenceId: sequence.id, versionId: version.id, contactId },
        { staticSummary: enrollmentRunSummary({ name: sequence.name, version: version.version }, version.stepCount) },
      ),
    );
    if (alreadyStarted) {
      throw new AppError(ErrorCodes.ALREADY_ENROLLED, `Contact ${contactId} is already enrolled in "${sequence.name}"`, {
        details: { sequenceId: sequence.id, contactId, workflowId },
      });
    }
    await insertEnrollment(db, { id: enrollmentId, sequenceId: sequence.id, versionId: version.id, contactId, workflowId });
    await recordEvent(db, { type: 'enrollment.started', subjectType: 'enrollment', subjectId: enrollmentId, actor: actorOf(res), data: { sequenceId: sequence.id, version: version.version, contactId, runId } });
    res.status(201).json({ enrollment: toEnrollmentView(await getEnrollmentOrThrow(db, enrollmentId), deps.temporalWeb) });
  };
}

/**
 * Accepts the request at once (202) and leaves the pacing to a workflow that starts the enrollments in batches;
 * progress is on the bulk enrollment row.
 */
export function bulkEnrollRoute(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const criteria = BulkEnrollSchema.parse(req.body);
    const { tenantId, db } = tenantOf(res);
    const { sequence, version } = await getEnrollableVersion(db, String(req.params.id));
    // Fail before writing anything when Temporal is down.
    await deps.temporal.client();
    const total = await countContactsForBulkEnrollment(db, criteria);
    const row = await createBulkEnrollment(db, { sequenceId: sequence.id, criteria, total, workflowId: (id) => bulkEnrollmentWorkflowId(tenantId, id) });
    const pace = deps.bulkEnrollment ?? { batchSize: 50, batchIntervalMs: 1000 };
    try {
      await deps.temporal.start(
        bulkEnrollmentStart(
          { tenantId, bulkEnrollmentId: row.id, sequenceId: sequence.id, versionId: version.id, ...pace },
          { staticSummary: bulkEnrollmentRunSummary({ name: sequence.name, version: version.version }) },
        ),
      );
    } catch (error) {
      await markBulkEnrollmentFailed(db, row.id, 'The workflow engine did not accept the bulk enrollment');
      throw new AppError(ErrorCodes.UNAVAILABLE, 'Could not start the bulk enrollment workflow', {
        userMessage: 'The workflow engine (Temporal) did not accept the bulk enrollment; nobody was enrolled. Try again shortly.',
        cause: error,
      });
    }
    await recordEvent(db, { type: 'bulk_enrollment.started', subjectType: 'bulk_enrollment', subjectId: row.id, actor: actorOf(res), data: { sequenceId: sequence.id, total } });
    res.status(202).json({ bulkEnrollment: toBulkEnrollmentView(row, deps.temporalWeb) });
  };
}

export function getBulkEnrollmentRoute({ temporalWeb }: ApiDeps): RequestHandler {
  return async (req, res) => {
    res.json({ bulkEnrollment: toBulkEnrollmentView(await getBulkEnrollmentOrThrow(tenantOf(res).db, String(req.params.id)), temporalWeb) });
  };
}

export function listEnrollmentsRoute({ temporalWeb }: ApiDeps): RequestHandler {
  return async (req, res) => {
    const query = ListEnrollmentsQuerySchema.parse(req.query);
    const { enrollments, nextCursor } = await listEnrollments(tenantOf(res).db, query);
    res.json({ enrollments: enrollments.map((e) => toEnrollmentView(e, temporalWeb)), nextCursor });
  };
}

/** The row, plus the workflow's own answer while it runs (null when it has ended or cannot be asked). */
export function getEnrollmentRoute(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const row = await getEnrollmentOrThrow(tenantOf(res).db, String(req.params.id));
    let live: EnrollmentState | null = null;
    if (row.workflowId && (row.status === 'active' || row.status === 'paused')) {
      try {
        live = await (await deps.temporal.client()).workflow.getHandle(row.workflowId).query(enrollmentStateQuery);
      } catch (error) {
        deps.logger.warn({ err: error, enrollmentId: row.id }, 'could not query the enrollment workflow');
      }
    }
    res.json({ enrollment: toEnrollmentView(row, deps.temporalWeb, live) });
  };
}

type Action = 'pause' | 'resume' | 'stop';

/** Pause, resume and stop are workflow updates: the answer says whether the workflow took the change. */
export function changeEnrollmentRoute(deps: ApiDeps, action: Action): RequestHandler {
  return async (req, res) => {
    const stop = action === 'stop' ? StopEnrollmentSchema.parse(req.body ?? {}) : null;
    const { db } = tenantOf(res);
    const row = await getEnrollmentOrThrow(db, String(req.params.id));
    if (!row.workflowId || !(row.status === 'active' || row.status === 'paused')) {
      throw new AppError(ErrorCodes.CONFLICT, `Enrollment ${row.id} has already ended (${row.status}); it cannot ${action}`, { details: { status: row.status } });
    }
    const handle = (await deps.temporal.client()).workflow.getHandle(row.workflowId);
    let state: EnrollmentState;
    try {
      state =
        action === 'pause'
          ? await handle.executeUpdate(pauseEnrollmentUpdate)
          : action === 'resume'
            ? await handle.executeUpdate(resumeEnrollmentUpdate)
            : await handle.executeUpdate(stopEnrollmentUpdate, { args: [{ ...(stop?.reason ? { reason: stop.reason } : {}) }] });
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError) {
        const cause = error.cause as { message?: string } | undefined;
        throw new AppError(ErrorCodes.CONFLICT, cause?.message ?? `The enrollment refused to ${action}`, { cause: error });
      }
      if (error instanceof WorkflowNotFoundError) {
        throw new AppError(ErrorCodes.CONFLICT, `Enrollment ${row.id} has already ended; it cannot ${action}`, { cause: error });
      }
      throw error;
    }
    await recordEvent(db, { type: `enrollment.${action}`, subjectType: 'enrollment', subjectId: row.id, actor: actorOf(res), data: stop?.reason ? { reason: stop.reason } : {} });
    res.json({ enrollment: toEnrollmentView(await getEnrollmentOrThrow(db, row.id), deps.temporalWeb, state) });
  };
}

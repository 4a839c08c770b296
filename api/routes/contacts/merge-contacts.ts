import type { RequestHandler } from 'express';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { MergeContactSchema } from '../../../domain/schemas/contact';
import { mergeContacts } from '../../../prisma/queries/contacts/merge-contacts';
import { recordEvent } from '../../../prisma/queries/event-logs/record-event';
import { stopEnrollmentUpdate } from '../../../workflows/definitions';
import type { ApiDeps } from '../../deps';
import { tenantOf } from '../../http/authenticate';
import { toContactView } from '../../views';
import { actorOf } from '../../http/actor';

/** How long the merge waits for a duplicate enrollment to stop before answering with a warning instead. */
const STOP_DEADLINE_MS = 10_000;

/**
 * Merges the contact in the body (the duplicate) into the one in the path. The rows move in one transaction; then
 * the duplicate's enrollments in sequences the kept contact runs too are stopped (a contact is enrolled in a
 * sequence once) — after the commit, since stopping is a Temporal update. One that cannot be stopped is named in a
 * warning; everything else of the duplicate's workflows carries on, for the kept contact.
 */
export function mergeContactsRoute(deps: ApiDeps): RequestHandler {
  return async (req, res) => {
    const { sourceId } = MergeContactSchema.parse(req.body);
    const { db } = tenantOf(res);
    const { contact, outcome } = await mergeContacts(db, String(req.params.id), sourceId, actorOf(res));
    const { duplicateEnrollments, ...merge } = outcome;
    const stopped: string[] = [];
    const running: string[] = [];
    for (const enrollment of duplicateEnrollments) {
      try {
        const client = await deps.temporal.client();
        await client.connection.withDeadline(Date.now() + STOP_DEADLINE_MS, () =>
          client.workflow.getHandle(enrollment.workflowId).executeUpdate(stopEnrollmentUpdate, { args: [{ reason: `merged into ${contact.id}` }] }),
        );
        stopped.push(enrollment.id);
        await recordEvent(db, { type: 'enrollment.stop', subjectType: 'enrollment', subjectId: enrollment.id, actor: actorOf(res), data: { reason: 'merged', contactId: contact.id } });
      } catch (error) {
        // Ended meanwhile: nothing left to stop.
        if (error instanceof WorkflowUpdateFailedError || error instanceof WorkflowNotFoundError) continue;
        deps.logger.warn({ err: error, enrollmentId: enrollment.id }, 'could not stop a merged contact’s duplicate enrollment');
        running.push(enrollment.id);
      }
    }
    res.json({
      contact: toContactView(contact),
      merge: { ...merge, stoppedEnrollments: stopped },
      ...(running.length
        ? { warning: `Merged. ${running.length} enrollment(s) of the merged contact in sequences this contact runs too could not be stopped now: stop ${running.join(', ')} with POST /api/enrollments/{id}/stop.` }
        : {}),
    });
  };
}

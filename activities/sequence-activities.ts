import type { Logger } from 'pino';
import { fillApprovedTemplate } from '../domain/approved-templates';
import { SYSTEM_ACTOR } from '../domain/audit';
import { deliveryBlocker, type Channel } from '../domain/channels';
import { AppError, ErrorCodes } from '../domain/errors';
import { tenantQuietHours, type QuietHours } from '../domain/quiet-hours';
import { resolveSendWindow } from '../domain/schemas/sequence';
import type { StepTiming } from '../domain/sequence-schedule';
import { renderTemplate, type TemplateProblem } from '../domain/templates';
import { scheduledMessageWorkflowId, stepMessageId } from '../domain/derived-ids';
import { createOutboundMessage } from '../prisma/queries/messages/create-outbound-message';
import type { AppPrisma } from '../prisma/client';
import { recordEvent } from '../prisma/queries/event-logs/record-event';
import { getVersionWithSteps } from '../prisma/queries/sequences/get-version-with-steps';
import { currentContactId, getCurrentContactOrThrow } from '../prisma/queries/contacts/get-contact-or-throw';
import { findOpenEnrollmentWorkflowIds, insertEnrollment, markEnrollmentEnded, recordEnrollmentProgress } from '../prisma/queries/enrollments/enrollments';
import { messageExists } from '../prisma/queries/messages/message-exists';
import { getTenantOrThrow } from '../prisma/queries/tenants/get-tenant-or-throw';
import { forTenant } from '../prisma/tenant-scope';
import type { EnrollmentStatus, EnrollmentStopReason } from '../workflows/definitions';

export interface EnrollmentRef {
  tenantId: string;
  enrollmentId: string;
}

export interface StartEnrollmentInput extends EnrollmentRef {
  sequenceId: string;
  versionId: string;
  contactId: string;
  workflowId: string;
  bulkEnrollmentId?: string | null;
}

/** What the enrollment workflow needs to time its steps; content stays in Postgres until a step is due. */
export interface EnrollmentPlan {
  steps: (StepTiming & { position: number; channel: Channel })[];
  stopOnReply: boolean;
  missingChannel: 'skip' | 'stop';
  quietHours: QuietHours | null;
  timeZone: string;
  /** Channels the sequence sends on: an opt-out on any of them ends the enrollment. */
  channels: Channel[];
  /** The tenant's business days (ISO weekdays); absent in plans made before they were a setting (Monday–Friday). */
  businessDays?: number[];
  /**
   * The sequence follows the tenant's quiet hours as they are when each step is sent (so a change of them
   * reaches running enrollments), rather than a window of its own. Absent in older plans.
   */
  followsTenantWindow?: boolean;
  /** For labels in Temporal Web ("Welcome v3"); absent in plans made before labels existed. */
  sequence?: { name: string; version: number };
}

export type PreparedStep =
  | { kind: 'send'; messageId: string; workflowId: string; contactId: string }
  | { kind: 'missing_channel' }
  | { kind: 'opted_out' }
  | { kind: 'invalid'; problems: TemplateProblem[] };

export function createSequenceActivities({ prisma, logger }: { prisma: AppPrisma; logger: Logger }) {
  return {
    /**
     * Makes sure the enrollment row exists (the API writes it too; whichever comes first) and returns the
     * plan of the version the enrollment started on — versions are immutable, so every run reads the same.
     */
    async startEnrollment(input: StartEnrollmentInput): Promise<EnrollmentPlan> {
      const db = forTenant(prisma, input.tenantId);
      // The run may hold the id of a contact merged since (an older run continued as new): it goes on for the
      // contact kept.
      const contact = await getCurrentContactOrThrow(db, input.contactId);
      await insertEnrollment(db, {
        id: input.enrollmentId,
        sequenceId: input.sequenceId,
        versionId: input.versionId,
        contactId: contact.id,
        workflowId: input.workflowId,
        bulkEnrollmentId: input.bulkEnrollmentId ?? null,
      });
      const version = await getVersionWithSteps(db, input.versionId);
      if (!version.publishedAt) throw new AppError(ErrorCodes.NOT_PUBLISHED, `Sequence version ${input.versionId} is not published`);
      const tenant = await getTenantOrThrow(db);
      return {
        steps: version.steps.map((s) => ({ position: s.position, channel: s.channel, waitAmount: s.waitAmount, waitUnit: s.waitUnit })),
        stopOnReply: version.settings.stopOnReply,
        missingChannel: version.settings.missingChannel,
        quietHours: resolveSendWindow(version.settings.sendWindow, tenantQuietHours(tenant)),
        timeZone: contact.timeZone || tenant.timeZone,
        channels: [...new Set(version.steps.map((s) => s.channel))],
        sequence: { name: version.sequenceName, version: version.version },
        businessDays: tenant.businessDays,
        followsTenantWindow: version.settings.sendWindow === 'tenant',
      };
    },

    /** Keeps the row in step with the workflow: status, current step, next send time. */
    async recordEnrollmentState(
      input: EnrollmentRef & { status: 'active' | 'paused'; currentStep: number; nextSendAt: string | null },
    ): Promise<void> {
      await recordEnrollmentProgress(forTenant(prisma, input.tenantId), input.enrollmentId, {
        status: input.status,
        currentStep: input.currentStep,
        nextSendAt: input.nextSendAt ? new Date(input.nextSendAt) : null,
      });
    },

    /**
     * Renders a due step for the contact as it is now, and writes its message row (once: the id derives from
     * the enrollment and step). A contact without the step's address, or who opted out, gets nothing.
     */
    async prepareSequenceStep(input: EnrollmentRef & { versionId: string; contactId: string; position: number }): Promise<PreparedStep> {
      const db = forTenant(prisma, input.tenantId);
      const messageId = stepMessageId(input.enrollmentId, input.position);
      const workflowId = scheduledMessageWorkflowId(input.tenantId, messageId);
      if (await messageExists(db, messageId)) return { kind: 'send', messageId, workflowId, contactId: input.contactId };

      const version = await getVersionWithSteps(db, input.versionId);
      const step = version.steps.find((s) => s.position === input.position);
      if (!step) throw new AppError(ErrorCodes.NOT_FOUND, `Step ${input.position} not found in version ${input.versionId}`);
      const contact = await getCurrentContactOrThrow(db, input.contactId);
      const blocker = deliveryBlocker(contact, step.channel);
      if (blocker) return { kind: blocker };

      const tenant = await getTenantOrThrow(db);
      const context = {
        contact,
        tenant: { businessName: tenant.businessName, supportContact: tenant.supportContact },
      };
      // Stored as plain text for every channel (the inbox shows it); an email's HTML is made when it is sent.
      const body = renderTemplate(step.body ?? '', context);
      const subject = step.subject ? renderTemplate(step.subject, context) : null;
      const problems = [...(body.ok ? [] : body.problems), ...(subject && !subject.ok ? subject.problems : [])];
      if (!body.ok || (subject && !subject.ok)) {
        await recordEvent(db, {
          type: 'enrollment.step_invalid',
          subjectType: 'enrollment',
          subjectId: input.enrollmentId,
          actor: SYSTEM_ACTOR,
          data: { position: input.position, problems: problems.map((p) => p.message) },
        });
        return { kind: 'invalid', problems };
      }
      // WhatsApp: the approved template that goes instead if the contact's window is closed when it is sent.
      const approved = step.channel === 'whatsapp' && step.approvedContentSid && step.approvedBody ? fillApprovedTemplate(step.approvedBody, context) : null;
      if (approved && !approved.ok) {
        logger.warn(
          { tenantId: input.tenantId, enrollmentId: input.enrollmentId, position: input.position, variables: approved.problems.map((p) => p.number) },
          'approved template cannot be filled for this contact; the step goes as text only',
        );
      }
      await createOutboundMessage(db, {
        id: messageId,
        contactId: contact.id,
        channel: step.channel,
        body: body.text,
        subject: subject && subject.ok ? subject.text : null,
        scheduledAt: null,
        workflowId,
        origin: 'sequence',
        ...(approved?.ok ? { templateWhenWindowClosed: { contentSid: step.approvedContentSid!, variables: approved.variables, text: approved.text } } : {}),
      });
      return { kind: 'send', messageId, workflowId, contactId: contact.id };
    },

    async finishEnrollment(
      input: EnrollmentRef & { status: Exclude<EnrollmentStatus, 'active' | 'paused'>; stopReason: EnrollmentStopReason | null; currentStep: number },
    ): Promise<void> {
      const db = forTenant(prisma, input.tenantId);
      await markEnrollmentEnded(db, input.enrollmentId, { status: input.status, stopReason: input.stopReason, currentStep: input.currentStep });
      await recordEvent(db, {
        type: `enrollment.${input.status}`,
        subjectType: 'enrollment',
        subjectId: input.enrollmentId,
        actor: SYSTEM_ACTOR,
        data: { stopReason: input.stopReason, currentStep: input.currentStep },
      });
      logger.info({ tenantId: input.tenantId, enrollmentId: input.enrollmentId, status: input.status, stopReason: input.stopReason }, 'enrollment ended');
    },

    /** A person cancelled one step's message: the enrollment skips that step and says so in its log. */
    async recordStepCancelled(input: EnrollmentRef & { position: number; messageId: string }): Promise<void> {
      await recordEvent(forTenant(prisma, input.tenantId), {
        type: 'enrollment.step_cancelled',
        subjectType: 'enrollment',
        subjectId: input.enrollmentId,
        actor: SYSTEM_ACTOR,
        data: { position: input.position, messageId: input.messageId },
      });
    },

    /** Enrollments a reply from this contact may end (the workflow decides, by the sequence's stop-on-reply). */
    async findOpenEnrollmentWorkflows(input: { tenantId: string; contactId: string }): Promise<{ workflowIds: string[] }> {
      const db = forTenant(prisma, input.tenantId);
      return { workflowIds: await findOpenEnrollmentWorkflowIds(db, await currentContactId(db, input.contactId)) };
    },
  };
}

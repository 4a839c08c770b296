import { ApplicationFailure } from '@temporalio/activity';
import type { Logger } from 'pino';
import { deliveryBlocker, type Channel } from '../domain/channels';
import { ErrorCodes } from '../domain/errors';
import { tenantQuietHours, type QuietHours } from '../domain/quiet-hours';
import { resolveSendWindow } from '../domain/schemas/sequence';
import type { StepTiming } from '../domain/sequence-schedule';
import { renderTemplate, type TemplateProblem } from '../domain/templates';
import { scheduledMessageWorkflowId } from '../domain/workflow-ids';
import type { PrismaClient } from '../prisma/client';
import { recordEvent } from '../prisma/queries/event-logs/record-event';
import { getVersionWithSteps } from '../prisma/queries/sequences/get-version-with-steps';
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
}

export type PreparedStep =
  | { kind: 'send'; messageId: string; workflowId: string; contactId: string }
  | { kind: 'missing_channel' }
  | { kind: 'opted_out' }
  | { kind: 'invalid'; problems: TemplateProblem[] };

/** Deterministic per (enrollment, step): a retried activity or a replayed workflow finds the same message. */
export function stepMessageId(enrollmentId: string, position: number): string {
  return `msg_${enrollmentId.replace(/^enr_/, '')}s${position}`;
}

export function createSequenceActivities({ prisma, logger }: { prisma: PrismaClient; logger: Logger }) {
  return {
    /**
     * Makes sure the enrollment row exists (the API writes it too; whichever comes first) and returns the
     * plan of the version the enrollment started on — versions are immutable, so every run reads the same.
     */
    async startEnrollment(input: StartEnrollmentInput): Promise<EnrollmentPlan> {
      const db = forTenant(prisma, input.tenantId);
      await db.enrollment.createMany({
        data: [
          {
            tenantId: input.tenantId,
            id: input.enrollmentId,
            sequenceId: input.sequenceId,
            versionId: input.versionId,
            contactId: input.contactId,
            workflowId: input.workflowId,
            status: 'active',
            bulkEnrollmentId: input.bulkEnrollmentId ?? null,
          },
        ],
        skipDuplicates: true,
      });
      const version = await getVersionWithSteps(db, input.versionId);
      if (!version.publishedAt) {
        throw ApplicationFailure.nonRetryable(`Sequence version ${input.versionId} is not published`, ErrorCodes.NOT_PUBLISHED);
      }
      const tenant = await db.tenant.findFirstOrThrow({});
      const contact = await db.contact.findFirst({ where: { id: input.contactId }, select: { timeZone: true } });
      if (!contact) throw ApplicationFailure.nonRetryable(`Contact ${input.contactId} not found`, ErrorCodes.NOT_FOUND);
      return {
        steps: version.steps.map((s) => ({ position: s.position, channel: s.channel, waitAmount: s.waitAmount, waitUnit: s.waitUnit })),
        stopOnReply: version.settings.stopOnReply,
        missingChannel: version.settings.missingChannel,
        quietHours: resolveSendWindow(version.settings.sendWindow, tenantQuietHours(tenant)),
        timeZone: contact.timeZone || tenant.timeZone,
        channels: [...new Set(version.steps.map((s) => s.channel))],
      };
    },

    /** Keeps the row in step with the workflow: status, current step, next send time. */
    async recordEnrollmentState(
      input: EnrollmentRef & { status: 'active' | 'paused'; currentStep: number; nextSendAt: string | null },
    ): Promise<void> {
      const db = forTenant(prisma, input.tenantId);
      await db.enrollment.updateMany({
        where: { id: input.enrollmentId, status: { in: ['active', 'paused'] } },
        data: {
          status: input.status,
          currentStep: input.currentStep,
          nextSendAt: input.nextSendAt ? new Date(input.nextSendAt) : null,
          pausedAt: input.status === 'paused' ? new Date() : null,
          updatedAt: new Date(),
        },
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
      const existing = await db.message.findFirst({ where: { id: messageId }, select: { id: true } });
      if (existing) return { kind: 'send', messageId, workflowId, contactId: input.contactId };

      const version = await getVersionWithSteps(db, input.versionId);
      const step = version.steps.find((s) => s.position === input.position);
      if (!step) throw ApplicationFailure.nonRetryable(`Step ${input.position} not found in version ${input.versionId}`, ErrorCodes.NOT_FOUND);
      const contact = await db.contact.findFirst({ where: { id: input.contactId } });
      if (!contact) throw ApplicationFailure.nonRetryable(`Contact ${input.contactId} not found`, ErrorCodes.NOT_FOUND);
      const blocker = deliveryBlocker(contact, step.channel);
      if (blocker) return { kind: blocker };

      const tenant = await db.tenant.findFirstOrThrow({});
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
          data: { position: input.position, problems: problems.map((p) => p.message) },
        });
        return { kind: 'invalid', problems };
      }
      await db.message.createMany({
        data: [
          {
            tenantId: input.tenantId,
            id: messageId,
            contactId: contact.id,
            direction: 'outbound',
            channel: step.channel,
            body: body.text,
            subject: subject && subject.ok ? subject.text : null,
            status: 'queued',
            workflowId,
            idempotencyKey: workflowId,
          },
        ],
        skipDuplicates: true,
      });
      return { kind: 'send', messageId, workflowId, contactId: contact.id };
    },

    async finishEnrollment(
      input: EnrollmentRef & { status: Exclude<EnrollmentStatus, 'active' | 'paused'>; stopReason: EnrollmentStopReason | null; currentStep: number },
    ): Promise<void> {
      const db = forTenant(prisma, input.tenantId);
      await db.enrollment.updateMany({
        where: { id: input.enrollmentId },
        data: {
          status: input.status,
          stopReason: input.stopReason,
          currentStep: input.currentStep,
          nextSendAt: null,
          pausedAt: null,
          endedAt: new Date(),
          updatedAt: new Date(),
        },
      });
      await recordEvent(db, {
        type: `enrollment.${input.status}`,
        subjectType: 'enrollment',
        subjectId: input.enrollmentId,
        data: { stopReason: input.stopReason, currentStep: input.currentStep },
      });
      logger.info({ tenantId: input.tenantId, enrollmentId: input.enrollmentId, status: input.status, stopReason: input.stopReason }, 'enrollment ended');
    },

    /** Enrollments a reply from this contact may end (the workflow decides, by the sequence's stop-on-reply). */
    async findOpenEnrollmentWorkflows(input: { tenantId: string; contactId: string }): Promise<{ workflowIds: string[] }> {
      const db = forTenant(prisma, input.tenantId);
      const rows = await db.enrollment.findMany({
        where: { contactId: input.contactId, status: { in: ['active', 'paused'] }, workflowId: { not: null } },
        select: { workflowId: true },
      });
      return { workflowIds: rows.map((r) => r.workflowId!) };
    },
  };
}

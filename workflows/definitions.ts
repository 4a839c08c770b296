/**
 * Everything the API needs to talk to Herald's workflows without importing workflow code: task queue,
 * message definitions, input/result types and search-attribute keys.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { QuietHours } from '../domain/quiet-hours';

export const TASK_QUEUE_DEFAULT = 'herald';

export * from './start';

// ── Scheduled message ────────────────────────────────────────────────────────────────────────────────

export interface ScheduledMessageInput {
  tenantId: string;
  messageId: string;
  /** ISO instant the message is due; null sends at once. Mirrors messages.scheduled_at. */
  scheduledAt: string | null;
  /**
   * A reply the law requires (the STOP/START/HELP confirmations): sent at once, outside quiet hours and
   * even though consent was just revoked.
   */
  complianceReply?: boolean;
  /**
   * The quiet window to respect instead of the tenant's (a sequence's own send window); null: none. Omitted:
   * the tenant's quiet hours.
   */
  quietHours?: QuietHours | null;
  /** The zone its times are shown in (the contact's, else the tenant's) — for Temporal Web only; UTC if omitted. */
  timeZone?: string;
}

export type ScheduledMessageOutcome = 'sent' | 'failed' | 'cancelled';

export interface ScheduledMessageResult {
  outcome: ScheduledMessageOutcome;
  providerMessageId?: string | null;
  errorCode?: string | null;
  /** Why it was cancelled, as the canceller said (`api` for a person's cancel, `enrollment:replied`, …). */
  cancelReason?: string | null;
  /** Workflow time at which the outcome was decided (when it was sent, for a sent message). */
  at?: string;
}

export type ScheduledMessageState = 'waiting' | 'quiet-hours' | 'throttled' | 'held' | 'sending' | 'done';

export interface ScheduledMessageStatus {
  state: ScheduledMessageState;
  scheduledAt: string | null;
  /** When the durable timer fires next (the due time, or the end of quiet hours). */
  wakeAt: string | null;
  outcome: ScheduledMessageOutcome | null;
}

/**
 * Cancel and reschedule are signals, not updates: the API first changes the message row with a
 * compare-and-set (the database decides whether it is still pending), then wakes the workflow. That works
 * even while no worker is running, and the send activity's own compare-and-set means a cancelled or moved
 * message can never be sent at its old time.
 */
export interface CancelInput {
  reason?: string;
}
export interface RescheduleInput {
  scheduledAt: string | null;
}

/** A parent holds a message it started (its enrollment paused) or releases it. */
export interface HoldInput {
  held: boolean;
}

/** The contact opted out of a channel: a message on that channel ends at once without sending. */
export interface OptOutInput {
  channel: 'sms' | 'whatsapp' | 'email';
}

export const cancelSignal = defineSignal<[CancelInput]>('cancel');
export const optOutSignal = defineSignal<[OptOutInput]>('optOut');
export const rescheduleSignal = defineSignal<[RescheduleInput]>('reschedule');
export const holdSignal = defineSignal<[HoldInput]>('hold');
/** The tenant's sending rules changed (quiet hours, zone): a message waiting them out decides again. */
export const recheckSignal = defineSignal<[]>('recheck');
export const statusQuery = defineQuery<ScheduledMessageStatus>('status');

// ── Rechecking pending sends after the tenant's rules changed ─────────────────────────────────────────

export interface RecheckSendsInput {
  tenantId: string;
  /** Names this change (one run per change). */
  changeId: string;
  /** Carried over by continue-as-new. */
  afterMessageId?: string | null;
  told?: number;
}

// ── Inbound message ──────────────────────────────────────────────────────────────────────────────────

export interface InboundMessageInput {
  tenantId: string;
  messageId: string;
  contactId: string;
  channel: 'sms' | 'whatsapp' | 'email';
  /** Only in runs started before message text left workflow inputs (they replay with it). */
  body?: string;
}

export interface InboundMessageResult {
  keyword: 'opt-out' | 'opt-in' | 'help' | null;
  signalled: string[];
  replyMessageId: string | null;
}

// ── Sequence enrollment ──────────────────────────────────────────────────────────────────────────────

export interface EnrollmentInput {
  tenantId: string;
  enrollmentId: string;
  sequenceId: string;
  versionId: string;
  contactId: string;
  bulkEnrollmentId?: string | null;
  /** Carried over by continue-as-new; absent on the first run. */
  carry?: EnrollmentCarry;
  /** Continue as new once the history has this many events (default: when Temporal suggests it). */
  continueAsNewAfterEvents?: number;
}

export interface EnrollmentCarry {
  /** Index of the next step to send. */
  nextStep: number;
  /** The instant the next step's wait counts from (the previous send, or the enrollment's start). */
  anchor: string;
  /** Paused: the remaining wait, frozen at the moment of the pause (ms). */
  pausedRemainingMs: number | null;
  /** Messages sent so far (for the state query). */
  sent: number;
  /** The contact replied (kept even when the sequence does not stop on reply). */
  replied?: boolean;
  /** Channels the contact opted out of during earlier runs. */
  optedOut?: Array<'sms' | 'whatsapp' | 'email'>;
}

export type EnrollmentStatus = 'active' | 'paused' | 'completed' | 'stopped' | 'failed';
export type EnrollmentStopReason = 'replied' | 'opted_out' | 'manual' | 'missing_channel' | 'send_failed' | 'sequence_empty';

export interface EnrollmentState {
  enrollmentId: string;
  status: EnrollmentStatus;
  /** Index of the step being waited for or sent; equals the step count once completed. */
  currentStep: number;
  stepCount: number;
  nextSendAt: string | null;
  pausedRemainingMs: number | null;
  sent: number;
  stopReason: EnrollmentStopReason | null;
  /** The contact has replied since enrolling (whether or not the sequence stops on reply). */
  replied: boolean;
}

export interface EnrollmentResult {
  status: 'completed' | 'stopped' | 'failed';
  stopReason: EnrollmentStopReason | null;
  sent: number;
}

export interface StopEnrollmentInput {
  reason?: string;
}

/** An inbound message from the contact (any channel): ends the enrollment when the sequence stops on reply. */
export interface ContactRepliedInput {
  messageId: string;
  channel: 'sms' | 'whatsapp' | 'email';
}

/**
 * Pause, resume and stop are updates rather than signals: the caller learns at once whether the change was
 * accepted (a validator refuses resuming a running enrollment) and gets the resulting state back.
 */
export const pauseEnrollmentUpdate = defineUpdate<EnrollmentState, []>('pause');
export const resumeEnrollmentUpdate = defineUpdate<EnrollmentState, []>('resume');
export const stopEnrollmentUpdate = defineUpdate<EnrollmentState, [StopEnrollmentInput]>('stop');
export const contactRepliedSignal = defineSignal<[ContactRepliedInput]>('contactReplied');
export const enrollmentStateQuery = defineQuery<EnrollmentState>('enrollmentState');

// ── Bulk enrollment ──────────────────────────────────────────────────────────────────────────────────

export interface BulkEnrollmentInput {
  tenantId: string;
  bulkEnrollmentId: string;
  sequenceId: string;
  versionId: string;
  /** Contacts per batch; a batch's enrollments start together, then the workflow waits batchIntervalMs. */
  batchSize: number;
  batchIntervalMs: number;
  /** Carried over by continue-as-new. */
  afterContactId?: string | null;
  enrolled?: number;
  skipped?: number;
}

export interface BulkEnrollmentProgress {
  enrolled: number;
  skipped: number;
  done: boolean;
}

export const bulkEnrollmentProgressQuery = defineQuery<BulkEnrollmentProgress>('bulkProgress');

// ── Quote send ───────────────────────────────────────────────────────────────────────────────────────

export interface QuoteInput {
  tenantId: string;
  quoteId: string;
}

/** 'open': the workflow's work is done (sent, followed up) but the quote has no expiry and awaits an answer. */
export type QuoteOutcome = 'accepted' | 'rejected' | 'expired' | 'closed' | 'open';

export interface QuoteResult {
  outcome: QuoteOutcome;
  sent: boolean;
  followedUp: boolean;
  reason?: string;
}

export interface QuoteRespondedInput {
  response: 'accepted' | 'rejected';
}

export type QuoteWorkflowState = 'sending' | 'waiting' | 'following-up' | 'done';

export interface QuoteState {
  state: QuoteWorkflowState;
  sent: boolean;
  followedUp: boolean;
  followUpAt: string | null;
  expiresAt: string | null;
}

export const quoteRespondedSignal = defineSignal<[QuoteRespondedInput]>('quoteResponded');
export const quoteStateQuery = defineQuery<QuoteState>('quoteState');

/**
 * An email to a person about their account, sent through Herald's email path. Only ids travel: the activity
 * reads the address and the link when it sends, so neither lands in workflow history.
 */
export type AccountEmailInput = { kind: 'password-reset'; verificationId: string } | { kind: 'invitation'; invitationId: string };

export interface AccountEmailResult {
  /** False when there was nothing to send any more (the token was used or expired, the invitation withdrawn). */
  sent: boolean;
}

// ── Realtime event log pruning ───────────────────────────────────────────────────────────────────────

export interface PruneRealtimeEventsResult {
  deleted: number;
  batches: number;
  /** The last batch's cut-off: events written before it were deleted. */
  olderThan: string;
  /** False when the run stopped at its batch limit with more to delete (the schedule's next run goes on). */
  finished: boolean;
}

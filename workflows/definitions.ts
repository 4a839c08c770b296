/**
 * Everything the API needs to talk to Herald's workflows without importing workflow code: task queue,
 * message definitions, input/result types and search-attribute keys.
 */
import { defineQuery, defineSignal } from '@temporalio/workflow';
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const TASK_QUEUE_DEFAULT = 'herald';

/** Ids only — never phone numbers or emails: search attributes are not encrypted. */
export const TenantIdKey = defineSearchAttributeKey('TenantId', SearchAttributeType.KEYWORD);
export const ContactIdKey = defineSearchAttributeKey('ContactId', SearchAttributeType.KEYWORD);
export const MessageIdKey = defineSearchAttributeKey('MessageId', SearchAttributeType.KEYWORD);

/** Registered on the Temporal namespace at start-up (dev server flags, or the operator service). */
export const SEARCH_ATTRIBUTES = {
  TenantId: 'Keyword',
  ContactId: 'Keyword',
  MessageId: 'Keyword',
  SequenceId: 'Keyword',
  QuoteId: 'Keyword',
} as const;

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
}

export type ScheduledMessageOutcome = 'sent' | 'failed' | 'cancelled';

export interface ScheduledMessageResult {
  outcome: ScheduledMessageOutcome;
  providerMessageId?: string | null;
  errorCode?: string | null;
  /** Workflow time at which the outcome was decided (when it was sent, for a sent message). */
  at?: string;
}

export type ScheduledMessageState = 'waiting' | 'quiet-hours' | 'sending' | 'done';

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

/** The contact opted out of a channel: a message on that channel ends at once without sending. */
export interface OptOutInput {
  channel: 'sms' | 'whatsapp' | 'email';
}

export const cancelSignal = defineSignal<[CancelInput]>('cancel');
export const optOutSignal = defineSignal<[OptOutInput]>('optOut');
export const rescheduleSignal = defineSignal<[RescheduleInput]>('reschedule');
export const statusQuery = defineQuery<ScheduledMessageStatus>('status');

// ── Inbound message ──────────────────────────────────────────────────────────────────────────────────

export interface InboundMessageInput {
  tenantId: string;
  messageId: string;
  contactId: string;
  channel: 'sms' | 'whatsapp' | 'email';
  body: string;
}

export interface InboundMessageResult {
  keyword: 'opt-out' | 'opt-in' | 'help' | null;
  signalled: string[];
  replyMessageId: string | null;
}

import { stepOfMessageId } from '../domain/derived-ids';
import { failureReason } from '../domain/failure-reasons';
import { threadState } from '../domain/inbox';
import type { QuietHours } from '../domain/quiet-hours';
import type { InboxMessage, ThreadSummary } from '../domain/schemas/inbox';
import { explainSendTiming } from '../domain/send-timing';
import type { WaitUnit } from '../domain/sequence-schedule';
import { temporalRunUrl, type TemporalWebConfig } from '../domain/temporal-web-links';
import type { ThreadListRow } from '../prisma/queries/threads/list-threads';
import { contactName, iso, toMessageView } from './views';

export function toThreadSummary(row: ThreadListRow, now: Date): ThreadSummary {
  const state = threadState(row.status, row.snoozedUntil, now);
  return {
    id: row.id,
    channel: row.channel,
    status: state,
    assignee: row.assigneeId ? { id: row.assigneeId, name: row.assigneeName ?? '' } : null,
    contact: { id: row.contactId, name: contactName(row), phone: row.phone, email: row.email },
    lastMessage:
      row.lastMessageId && row.lastDirection && row.lastCreatedAt
        ? { id: row.lastMessageId, direction: row.lastDirection, preview: row.lastPreview ?? '', status: row.lastStatus ?? '', at: row.lastCreatedAt.toISOString() }
        : null,
    lastActivityAt: iso(row.lastMessageAt),
    unreadCount: Number(row.unreadCount),
    labels: row.labels,
    snoozedUntil: state === 'snoozed' ? iso(row.snoozedUntil) : null,
  };
}

/** What the timing explanation needs besides the message: the tenant's rules and the contact's zone. */
export interface SendRules {
  quietHours: QuietHours | null;
  contactTimeZone: string | null;
  tenantTimeZone: string;
  /** Sequence steps' waits by `${enrollmentId}:${position}`. */
  stepWaits: Map<string, { position: number; waitAmount: number; waitUnit: WaitUnit }>;
}

type InboxMessageRow = Parameters<typeof toMessageView>[0] & {
  threadId: string | null;
  mediaUrls: string[];
  readAt: Date | null;
  origin: string | null;
  sendSlotAt: Date | null;
};

export function toInboxMessage(row: InboxMessageRow, web: TemporalWebConfig, rules: SendRules): InboxMessage {
  const step = row.origin === 'sequence' ? stepOfMessageId(row.id) : null;
  const automation =
    row.direction === 'outbound' && row.workflowId
      ? {
          origin: row.origin ?? 'api',
          workflowId: row.workflowId,
          temporalUrl: temporalRunUrl(web, row.workflowId),
          enrollmentId: step?.enrollmentId ?? null,
          why: explainSendTiming({
            origin: row.origin,
            status: row.status,
            scheduledAt: row.scheduledAt,
            sentAt: row.sentAt,
            sendSlotAt: row.sendSlotAt,
            createdAt: row.createdAt,
            quietHours: rules.quietHours,
            contactTimeZone: rules.contactTimeZone,
            tenantTimeZone: rules.tenantTimeZone,
            step: step ? (rules.stepWaits.get(`${step.enrollmentId}:${step.position}`) ?? null) : null,
          }),
        }
      : null;
  return {
    ...toMessageView(row, web),
    threadId: row.threadId,
    mediaUrls: row.mediaUrls,
    readAt: iso(row.readAt),
    failureReason: row.status === 'failed' || row.status === 'undelivered' || row.status === 'cancelled' ? failureReason(row.errorCode, row.errorMessage) : null,
    automation,
  };
}

type NoteRow = { id: string; threadId: string; body: string; visibility: 'private' | 'public'; createdAt: Date; author: { id: string; name: string } | null };

export function toNoteView(row: NoteRow) {
  return { id: row.id, threadId: row.threadId, body: row.body, visibility: row.visibility, author: row.author, createdAt: row.createdAt.toISOString() };
}

type EventRow = { id: string; type: string; data: unknown; actorType: string; actorId: string | null; createdAt: Date };

export function toThreadEventView(row: EventRow, names: Map<string, string>) {
  const data = (row.data ?? {}) as Record<string, unknown>;
  const who =
    row.actorType === 'user' && row.actorId
      ? { kind: 'user' as const, id: row.actorId, name: names.get(row.actorId) ?? null }
      : row.actorType === 'apiKey' && row.actorId
        ? { kind: 'apiKey' as const, id: row.actorId }
        : { kind: 'system' as const };
  return { id: row.id, type: row.type, actor: who, data, createdAt: row.createdAt.toISOString() };
}

/** Members named as authors of changes in these events. */
export function actorUserIds(rows: EventRow[]): string[] {
  return rows.flatMap((r) => (r.actorType === 'user' && r.actorId ? [r.actorId] : []));
}

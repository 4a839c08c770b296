import type { MessageStatus } from '../../domain/channels';

// Re-declared rather than imported so the browser/server bundle never pulls in the domain's zod schemas;
// the Record type below makes the compiler flag any status the domain adds and this list misses.
const STATUS_LABELS: Record<MessageStatus, string> = {
  scheduled: 'Scheduled',
  queued: 'Queued',
  sending: 'Sending',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  undelivered: 'Undelivered',
  failed: 'Failed',
  cancelled: 'Cancelled',
  received: 'Received',
};

export const MESSAGE_STATUSES = Object.keys(STATUS_LABELS) as MessageStatus[];

export function statusLabel(status: MessageStatus): string {
  return STATUS_LABELS[status] ?? status;
}

export function isMessageStatus(value: unknown): value is MessageStatus {
  return typeof value === 'string' && Object.hasOwn(STATUS_LABELS, value);
}

/** Statuses whose errorMessage explains what went wrong and is worth showing under the pill. */
export function isProblemStatus(status: MessageStatus): boolean {
  return status === 'failed' || status === 'undelivered';
}

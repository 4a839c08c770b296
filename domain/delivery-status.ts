import { z } from 'zod';
import { MESSAGE_STATUSES, type MessageStatus } from './channels';

/**
 * What providers report about a message after Herald sent it. Statuses move forward only: callbacks repeat
 * and arrive out of order, so "delivered" must never fall back to "sent", "read" follows "delivered", and a
 * late failure does not overwrite "delivered" or "read". A failure keeps its error code.
 */
export const DELIVERY_STATUSES = ['sent', 'delivered', 'read', 'undelivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

const RANK: Partial<Record<MessageStatus, number>> = { queued: 1, sending: 1, sent: 2, delivered: 3, read: 4, undelivered: 5, failed: 5 };
const rankOf = (status: MessageStatus) => RANK[status] ?? 0;

export function deliveryStatusAdvances(current: MessageStatus, next: DeliveryStatus): boolean {
  const from = rankOf(current);
  const to = rankOf(next);
  return to > from && !(to === 5 && from >= 3);
}

/** The statuses a message may be in for `next` to be applied: the condition of one atomic UPDATE. */
export function statusesAdvancingTo(next: DeliveryStatus): MessageStatus[] {
  return MESSAGE_STATUSES.filter((current) => deliveryStatusAdvances(current, next));
}

/**
 * What one provider event does to its message: a status (with the error of a failure), for an email
 * bounce or complaint, turning the contact's email consent off, and for an email opened or clicked, counting it.
 * Kept as JSON with an event whose message Herald does not know yet, and applied when the send records the
 * provider's id.
 */
export const DeliveryUpdateSchema = z.object({
  status: z.enum(DELIVERY_STATUSES).optional(),
  at: z.iso.datetime({ offset: true }),
  errorCode: z.string().nullable().optional(),
  errorMessage: z.string().nullable().optional(),
  revokeEmailConsent: z.boolean().optional(),
  engagement: z.enum(['opened', 'clicked']).optional(),
});
export type DeliveryUpdate = z.infer<typeof DeliveryUpdateSchema>;

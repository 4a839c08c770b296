/**
 * Every id Herald derives from another one lives here. Derived ids make retries and duplicate triggers
 * converge: a retried activity, a replayed workflow or a redelivered webhook computes the same id and finds
 * the row or run that already exists instead of making a second one.
 *
 * Workflow ids are business keys joined with ':' so that starting the same thing twice collides in Temporal
 * instead of running twice. Never put a phone number or an email in one: ids are not encrypted.
 */

// ── Workflow ids ─────────────────────────────────────────────────────────────────────────────────────

export function scheduledMessageWorkflowId(tenantId: string, messageId: string): string {
  return `message:${tenantId}:${messageId}`;
}

/** One run per inbound message: a redelivered webhook must not act twice on it. */
export function inboundWorkflowId(tenantId: string, messageId: string): string {
  return `inbound:${tenantId}:${messageId}`;
}

/**
 * One id per (sequence, contact): Temporal refuses a second run while one is open, so "at most one active
 * enrollment" holds without a racy check. Re-enrollment after the run ended reuses the id.
 */
export function enrollmentWorkflowId(tenantId: string, sequenceId: string, contactId: string): string {
  return `enrollment:${tenantId}:${sequenceId}:${contactId}`;
}

/** One id per quote, never reused: however many triggers fire, a quote is texted by one run. */
export function quoteWorkflowId(tenantId: string, quoteId: string): string {
  return `quote:${tenantId}:${quoteId}`;
}

export function bulkEnrollmentWorkflowId(tenantId: string, bulkEnrollmentId: string): string {
  return `bulk-enrollment:${tenantId}:${bulkEnrollmentId}`;
}

/** One run per change of a tenant's sending rules. */
export function recheckSendsWorkflowId(tenantId: string, changeId: string): string {
  return `recheck-sends:${tenantId}:${changeId}`;
}

/**
 * The Temporal Schedule that prunes the realtime event log, and the runs it starts (Temporal appends the time).
 * One per task queue: one Herald deployment per queue, so two deployments sharing a namespace keep theirs apart.
 */
export function realtimePruneScheduleId(taskQueue: string): string {
  return `realtime-events-prune:${taskQueue}`;
}

// ── Message ids ──────────────────────────────────────────────────────────────────────────────────────

const hexOf = (id: string, prefix: string) => id.replace(new RegExp(`^${prefix}_`), '');

/** One message per quote and kind: a retried activity, a re-run or a duplicate trigger finds the same row. */
export function quoteMessageId(quoteId: string, kind: 'initial' | 'follow_up'): string {
  return `msg_${hexOf(quoteId, 'quo')}${kind === 'initial' ? 'q1' : 'q2'}`;
}

/** Deterministic per (enrollment, step): a retried activity or a replayed workflow finds the same message. */
export function stepMessageId(enrollmentId: string, position: number): string {
  return `msg_${hexOf(enrollmentId, 'enr')}s${position}`;
}

/** The inverse of stepMessageId: which enrollment and step a sequence message belongs to, or null. */
export function stepOfMessageId(messageId: string): { enrollmentId: string; position: number } | null {
  const match = /^msg_([0-9a-f]{32})s(\d+)$/.exec(messageId);
  return match ? { enrollmentId: `enr_${match[1]}`, position: Number(match[2]) } : null;
}

/** The confirmation of a consent keyword derives from the inbound message that carried the keyword. */
export function complianceReplyMessageId(inboundMessageId: string): string {
  return `${inboundMessageId}r`;
}

/**
 * An owner notification: one per (trigger, rule). `triggerId` is an id Herald already made unique for the
 * triggering call (the claimed ingest request), so a retried call finds the same message and workflow.
 */
export function notificationMessageId(triggerId: string, ruleId: string): string {
  return `msg_${hexOf(triggerId, 'inr')}n${hexOf(ruleId, 'nru')}`;
}

// ── Provider ids ─────────────────────────────────────────────────────────────────────────────────────

/**
 * A STOP sent to a number no tenant registered is recorded once for each tenant that messaged the contact from
 * that number. Each copy needs its own provider id (and webhook event id): the SID, qualified by the tenant — so
 * Twilio's retry of the webhook finds every copy it already made.
 */
export function fannedOutProviderMessageId(providerMessageId: string, tenantId: string): string {
  return `${providerMessageId}:${tenantId}`;
}

/**
 * One run per account email: a password reset per reset token (its stored row's id), an invitation per
 * invitation — however often the start is retried, the email goes out once.
 */
export function accountEmailWorkflowId(kind: 'password-reset' | 'invitation', id: string): string {
  return `account-email:${kind}:${id}`;
}

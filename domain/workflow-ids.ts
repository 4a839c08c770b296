/**
 * Workflow ids are business keys joined with ':' so that starting the same thing twice collides in
 * Temporal instead of running twice. Never put a phone number or an email in one: ids are not encrypted.
 */
export function scheduledMessageWorkflowId(tenantId: string, messageId: string): string {
  return `message:${tenantId}:${messageId}`;
}

export interface TemporalWebConfig {
  /** Base URL of Temporal Web, e.g. http://localhost:8233 */
  uiUrl: string;
  namespace: string;
}

/** Deep link to one workflow run's history in Temporal Web. */
export function temporalRunUrl(config: TemporalWebConfig, workflowId: string, runId?: string | null): string {
  const base = `${config.uiUrl.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(config.namespace)}/workflows/${encodeURIComponent(workflowId)}`;
  return runId ? `${base}/${encodeURIComponent(runId)}/history` : base;
}

/** Link to a filtered list of runs, e.g. every run of one tenant. */
export function temporalListUrl(config: TemporalWebConfig, query: string): string {
  return `${config.uiUrl.replace(/\/+$/, '')}/namespaces/${encodeURIComponent(config.namespace)}/workflows?query=${encodeURIComponent(query)}`;
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

/** One message per quote and kind: a retried activity, a re-run or a duplicate trigger finds the same row. */
export function quoteMessageId(quoteId: string, kind: 'initial' | 'follow_up'): string {
  return `msg_${quoteId.replace(/^quo_/, '')}${kind === 'initial' ? 'q1' : 'q2'}`;
}

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

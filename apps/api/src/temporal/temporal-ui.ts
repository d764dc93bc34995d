/**
 * The Temporal UI page of a workflow (the UI redirects to its latest run: history, timers, pending updates), or
 * null when no UI is configured. `npm start` sets TEMPORAL_UI_URL to the dev server's UI; a deployment sets it
 * to its own (e.g. https://temporal.example.gov.cn).
 */
export function temporalUiLink(workflowId: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const base = env.TEMPORAL_UI_URL?.replace(/\/+$/, '');
  if (!base) return null;
  const namespace = env.TEMPORAL_NAMESPACE || 'default';
  return `${base}/namespaces/${encodeURIComponent(namespace)}/workflows/${encodeURIComponent(workflowId)}`;
}

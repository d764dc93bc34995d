import type { CaseView } from '../caseApi';

/** The documents uploaded since the case's last step of this type (what a supplement or a revision submits), newest last. */
export function documentsSince(c: CaseView, eventType: string) {
  const since = [...c.timeline].reverse().find((e) => e.type === eventType)?.occurredAt;
  return c.documents.filter((d) => !since || Date.parse(d.uploadedAt) > Date.parse(since));
}

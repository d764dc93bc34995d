import type { OrganisationKind } from '../access/roles';

/**
 * Issue 10: the case events an integrator may subscribe to (Standard Webhooks), named `case.<event>` after the
 * timeline's event types. The public ones — what the public site shows anyway (BJ-30): a publicity opened or
 * closed, a project registered, reductions issued — are open to any registered subscriber; the others only about
 * cases its organisation may see (ROLE-1).
 */
export const PUBLIC_WEBHOOK_EVENTS = ['case.publicity_opened', 'case.publicity_closed', 'case.registered', 'case.issued'] as const;
export const WEBHOOK_EVENTS = [
  'case.submitted', 'case.review_pass', 'case.review_request_supplement', 'case.review_reject', 'case.supplement_submitted',
  ...PUBLIC_WEBHOOK_EVENTS,
  'case.revision_submitted', 'case.lapsed', 'case.registration_overdue', 'case.submitted_to_bureau', 'case.bureau_submission_overdue',
  'case.issuance_refused', 'case.withdrawn', 'case.terminated',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

const TIMELINE_NAMES: Partial<Record<string, WebhookEvent>> = { workflow_closed_outside_procedure: 'case.terminated' };

/** The webhook event of a timeline event, or null for one not offered (claims, dismissals, reminders …). */
export function webhookEventOf(timelineType: string): WebhookEvent | null {
  const name = TIMELINE_NAMES[timelineType] ?? `case.${timelineType}`;
  return (WEBHOOK_EVENTS as readonly string[]).includes(name) ? (name as WebhookEvent) : null;
}

export const isPublicWebhookEvent = (e: string): boolean => (PUBLIC_WEBHOOK_EVENTS as readonly string[]).includes(e);

/** Kinds of organisation that see cases beyond their own: the registry, the bureau, the platform's operators. */
const SEES_EVERY_CASE: readonly OrganisationKind[] = ['registry', 'bureau', 'platform'];
/** Kinds of organisation that see cases of their own (a developer its applications, a verifier the issuances naming it). */
const SEES_OWN_CASES: readonly OrganisationKind[] = ['developer', 'verifier'];

/** The events an organisation of this kind may subscribe to: everything, or the public events only (exchange, emitter). */
export function webhookEventsFor(kind: OrganisationKind): WebhookEvent[] {
  return SEES_EVERY_CASE.includes(kind) || SEES_OWN_CASES.includes(kind) ? [...WEBHOOK_EVENTS] : [...PUBLIC_WEBHOOK_EVENTS];
}

/**
 * ROLE-1 for webhooks: may a subscriber of this organisation receive this event of this case? Public events: anyone
 * registered. Others: the registry, the bureau and the platform about every case; a developer about its own; a
 * verifier about the issuance cases naming it; nobody else.
 */
export function mayReceiveCaseEvent(
  subscriber: { organisationId: string; kind: OrganisationKind },
  event: string,
  c: { organisationId: string; verifierOrganisationId: string | null },
): boolean {
  if (isPublicWebhookEvent(event)) return true;
  if (SEES_EVERY_CASE.includes(subscriber.kind)) return true;
  if (subscriber.kind === 'developer') return subscriber.organisationId === c.organisationId;
  if (subscriber.kind === 'verifier') return subscriber.organisationId === c.verifierOrganisationId;
  return false;
}

/** A case event as a webhook delivers it. */
export interface CaseEventFacts {
  caseNo: string;
  caseType: string;
  /** The timeline event type. */
  type: string;
  status: string;
  round: number;
  occurredAt: string;
  deadline: { kind: string; closesAt: string; closesAtLocal: string } | null;
  /** The step's recorded arguments and results. */
  data: Record<string, unknown>;
}

/**
 * The body of a webhook (Standard Webhooks: `type`, `timestamp`, `data`), fixed when the step is recorded so every
 * attempt signs the same bytes. Public events carry only what the public site shows (BJ-30); the others also the
 * reviewer's reasons, which the case's own organisation reads on its case page.
 */
export function webhookPayload(event: WebhookEvent, e: CaseEventFacts): string {
  const d = e.data;
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const data = {
    caseNo: e.caseNo,
    caseType: e.caseType,
    event: e.type,
    status: e.status,
    round: e.round,
    occurredAt: e.occurredAt,
    deadline: e.deadline && { kind: e.deadline.kind, closesAt: e.deadline.closesAt, closesAtLocal: e.deadline.closesAtLocal },
    ...(str(d.registrationNo) ? { registrationNo: d.registrationNo } : {}),
    ...(event === 'case.issued' && d.issuedTco2e !== undefined ? { issuedTco2e: d.issuedTco2e, block: d.block ?? null } : {}),
    ...(!isPublicWebhookEvent(event) && str(d.reasons) ? { reasons: d.reasons } : {}),
  };
  return JSON.stringify({ type: event, timestamp: e.occurredAt, data });
}

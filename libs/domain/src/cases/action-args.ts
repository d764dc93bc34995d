import { DomainError } from '../errors';
import { parseQuantity } from '../quantity';
import { assertUuid, optionalSafeText, safeText, sanitisedText, TEXT_LIMITS } from '../text/safe-text';

/**
 * The argument rules of case actions: what a person may send with each action, checked the same way at
 * the HTTP edge, in the workflow's Update validator (the workflow is the authority) and when the step is
 * recorded. Each returns the arguments as they are recorded (text NFC-normalised) or throws
 * VALIDATION_FAILED naming the field. Unknown fields are dropped, never recorded.
 */

export const REVIEW_OUTCOMES = ['pass', 'request_supplement', 'reject'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

/** BJ-15 Decision: a comment is dismissed as spam, off-topic or a duplicate, with the reason recorded. */
export const DISMISSAL_REASONS = ['spam', 'off_topic', 'duplicate'] as const;
export type DismissalReason = (typeof DISMISSAL_REASONS)[number];

const MAX_DOCUMENTS = 50;
const MAX_RESPONSES = 500;

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new DomainError('VALIDATION_FAILED', `${field} must be one of ${allowed.join(', ')}.`, { field });
}

function uuids(value: unknown, field: string, max: number): string[] {
  if (!Array.isArray(value)) throw new DomainError('VALIDATION_FAILED', `${field} must be a list of ids.`, { field });
  if (value.length > max) throw new DomainError('VALIDATION_FAILED', `${field} has ${value.length} ids; at most ${max} are allowed.`, { field });
  return value.map((v, i) => assertUuid(v, `${field}[${i}]`));
}

/** BJ-15 Decision: pass / request supplement / reject; a supplement request or a rejection gives reasons. */
export function reviewArgs(a: Record<string, unknown>): { outcome: ReviewOutcome; reasons: string } {
  const outcome = oneOf(a.outcome, REVIEW_OUTCOMES, 'outcome');
  const reasons = optionalSafeText(a.reasons, 'reasons', { max: TEXT_LIMITS.reasons }) ?? '';
  if (outcome !== 'pass' && !reasons.trim()) throw new DomainError('VALIDATION_FAILED', 'BJ-15: a supplement request or rejection needs reasons.', { field: 'reasons' });
  return { outcome, reasons };
}

/** BJ-23: a passing review of an issuance case fixes the audited quantity (a decimal string of tCO2e). */
export function issuanceReviewArgs(a: Record<string, unknown>): { outcome: ReviewOutcome; reasons: string; auditedTco2e: string | null } {
  const base = reviewArgs(a);
  if (base.outcome !== 'pass') return { ...base, auditedTco2e: null };
  if (a.auditedTco2e === undefined || a.auditedTco2e === null) {
    throw new DomainError('VALIDATION_FAILED', 'BJ-23: a passing review fixes the audited quantity (auditedTco2e).', { field: 'auditedTco2e' });
  }
  return { ...base, auditedTco2e: parseQuantity(a.auditedTco2e as string, 'auditedTco2e').toFixed() };
}

/** BJ-15: the developer answers a supplement request with a note and the documents uploaded for it. */
export const supplementArgs = (a: Record<string, unknown>) => ({
  note: safeText(a.note, 'note', { min: 1, max: TEXT_LIMITS.reasons }),
  documentIds: uuids(a.documentIds ?? [], 'documentIds', MAX_DOCUMENTS),
});

/** BJ-15, BJ-23: a revision answers each standing comment. */
export function revisionArgs(a: Record<string, unknown>) {
  if (!Array.isArray(a.responses) || a.responses.length === 0) {
    throw new DomainError('VALIDATION_FAILED', 'BJ-15: a revision answers each standing comment; no responses given.', { field: 'responses' });
  }
  if (a.responses.length > MAX_RESPONSES) throw new DomainError('VALIDATION_FAILED', `responses: at most ${MAX_RESPONSES}.`, { field: 'responses' });
  return {
    documentIds: uuids(a.documentIds ?? [], 'documentIds', MAX_DOCUMENTS),
    responses: a.responses.map((r: unknown, i: number) => {
      const o = (r ?? {}) as Record<string, unknown>;
      return { commentId: assertUuid(o.commentId, `responses[${i}].commentId`), response: safeText(o.response, `responses[${i}].response`, { min: 1, max: TEXT_LIMITS.reasons }) };
    }),
  };
}

/** An officer (by id and name, looked up by the caller) the case is assigned to. */
export const assignArgs = (a: Record<string, unknown>) => ({
  officerId: assertUuid(a.officerId, 'officerId'),
  officerName: safeText(a.officerName, 'officerName', { min: 1, max: TEXT_LIMITS.name }),
});

/** BJ-15 Decision: dismissal with a recorded reason. */
export const dismissalArgs = (a: Record<string, unknown>) => ({
  commentId: assertUuid(a.commentId, 'commentId'),
  reason: oneOf(a.reason, DISMISSAL_REASONS, 'reason'),
  note: optionalSafeText(a.note, 'note', { max: TEXT_LIMITS.note }) ?? null,
});

/** An optional note (asking the bureau to issue). */
export const noteArgs = (a: Record<string, unknown>) => ({ note: optionalSafeText(a.note, 'note', { max: TEXT_LIMITS.note }) ?? null });

/** Reasons are required (a bureau refusal). */
export const reasonsArgs = (a: Record<string, unknown>) => ({ reasons: safeText(a.reasons, 'reasons', { min: 1, max: TEXT_LIMITS.reasons }) });

/** Actions that carry nothing but the actor. */
export const noArgs = () => ({});

/** An operator's cancellation (withdrawal) as the workflow records it. */
export const withdrawalArgs = (a: Record<string, unknown>) => ({
  reason: sanitisedText(a.reason, TEXT_LIMITS.note) || 'no reason given',
  operator: sanitisedText(a.operator, TEXT_LIMITS.name) || 'an operator',
});

import type { operations } from '../../api/schema';

/** The worklist's query (GET /cases/worklist) as the API documents it. */
export type WorklistQuery = NonNullable<operations['caseOverview_worklist']['parameters']['query']>;
export type Assigned = NonNullable<WorklistQuery['assigned']>;
export type WorklistStatus = NonNullable<WorklistQuery['status']>;
export type WorklistCaseType = NonNullable<WorklistQuery['caseType']>;

const ASSIGNED: Record<Assigned, true> = { me: true, none: true, 'me-or-none': true, any: true };
const CASE_TYPES: Record<WorklistCaseType, true> = { registration: true, issuance: true };
/** Every status the worklist filter takes (the API's enum), in procedure order. */
export const WORKLIST_STATUSES: Record<WorklistStatus, true> = {
  draft: true, under_review: true, awaiting_supplement: true, review_passed: true, in_publicity: true, awaiting_revision: true,
  awaiting_registration: true, awaiting_bureau_submission: true, awaiting_signoff: true, registered: true, issued: true,
  rejected: true, lapsed: true, withdrawn: true, terminated: true,
};
const oneOf = <T extends string>(value: string | null, allowed: Record<T, true>): T | undefined =>
  value !== null && Object.hasOwn(allowed, value) ? (value as T) : undefined;

/**
 * The quick filters as they stand in the page's URL (so a view can be bookmarked and Back returns to it):
 * `assigned`, `overdue=1`, `due=week`, `attention=1`, `type`, `status`. Anything else in the URL is ignored.
 */
export interface WorklistFilters {
  assigned?: Assigned;
  overdue: boolean;
  dueThisWeek: boolean;
  needsAttention: boolean;
  caseType?: WorklistCaseType;
  status?: WorklistStatus;
}

export function filtersFrom(params: URLSearchParams): WorklistFilters {
  return {
    assigned: oneOf(params.get('assigned'), ASSIGNED),
    overdue: params.get('overdue') === '1',
    dueThisWeek: params.get('due') === 'week',
    needsAttention: params.get('attention') === '1',
    caseType: oneOf(params.get('type'), CASE_TYPES),
    status: oneOf(params.get('status'), WORKLIST_STATUSES),
  };
}

export function paramsFrom(f: WorklistFilters): URLSearchParams {
  const p = new URLSearchParams();
  if (f.assigned) p.set('assigned', f.assigned);
  if (f.overdue) p.set('overdue', '1');
  if (f.dueThisWeek) p.set('due', 'week');
  if (f.needsAttention) p.set('attention', '1');
  if (f.caseType) p.set('type', f.caseType);
  if (f.status) p.set('status', f.status);
  return p;
}

/**
 * The end of the current Beijing week, Sunday 24:00 (= Monday 00:00, Asia/Shanghai, which keeps +08:00 all year), as
 * an ISO instant for `dueBefore`.
 */
export function endOfBeijingWeek(now: number): string {
  const beijing = new Date(now + 8 * 3_600_000); // its UTC fields are Beijing's wall clock
  const daysToMonday = ((8 - beijing.getUTCDay()) % 7) || 7;
  const monday = new Date(Date.UTC(beijing.getUTCFullYear(), beijing.getUTCMonth(), beijing.getUTCDate() + daysToMonday));
  return `${monday.toISOString().slice(0, 10)}T00:00:00+08:00`;
}

/** The API query of the filters (the week is reckoned at `now`). */
export function queryFrom(f: WorklistFilters, now: number): WorklistQuery {
  return {
    ...(f.assigned ? { assigned: f.assigned } : {}),
    ...(f.overdue ? { overdue: true } : {}),
    ...(f.needsAttention ? { needsAttention: true } : {}),
    ...(f.dueThisWeek ? { dueBefore: endOfBeijingWeek(now) } : {}),
    ...(f.caseType ? { caseType: f.caseType } : {}),
    ...(f.status ? { status: f.status } : {}),
  };
}

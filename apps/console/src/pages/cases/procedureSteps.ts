import type { CaseView, IssuanceCase, RegistrationCase } from './caseApi';

/**
 * Where each status of a case type sits on the procedure's step bar. Typed over the API's status enums (the
 * generated schema), so a status the API adds fails the console's typecheck until it is placed here.
 * - a step of the main line;
 * - a side state the case waits in at a step (a supplement or revision the developer owes);
 * - a terminal refusal (rejected, lapsed, withdrawn, terminated), shown as an error at the step it was reached from.
 */
type Place<S extends string> = { step: S } | { waitsAt: S } | 'ended';

const REGISTRATION_STEPS = ['draft', 'under_review', 'review_passed', 'in_publicity', 'awaiting_registration', 'registered'] as const;
const ISSUANCE_STEPS = ['draft', 'under_review', 'review_passed', 'in_publicity', 'awaiting_bureau_submission', 'awaiting_signoff', 'issued'] as const;
type RegistrationStep = (typeof REGISTRATION_STEPS)[number];
type IssuanceStep = (typeof ISSUANCE_STEPS)[number];

const REGISTRATION_PLACES: Record<RegistrationCase['status'], Place<RegistrationStep>> = {
  draft: { step: 'draft' },
  under_review: { step: 'under_review' },
  awaiting_supplement: { waitsAt: 'under_review' },
  review_passed: { step: 'review_passed' },
  in_publicity: { step: 'in_publicity' },
  awaiting_revision: { waitsAt: 'in_publicity' },
  awaiting_registration: { step: 'awaiting_registration' },
  registered: { step: 'registered' },
  rejected: 'ended',
  lapsed: 'ended',
  withdrawn: 'ended',
  terminated: 'ended',
};

const ISSUANCE_PLACES: Record<IssuanceCase['status'], Place<IssuanceStep>> = {
  draft: { step: 'draft' },
  under_review: { step: 'under_review' },
  awaiting_supplement: { waitsAt: 'under_review' },
  review_passed: { step: 'review_passed' },
  in_publicity: { step: 'in_publicity' },
  awaiting_revision: { waitsAt: 'in_publicity' },
  awaiting_bureau_submission: { step: 'awaiting_bureau_submission' },
  awaiting_signoff: { step: 'awaiting_signoff' },
  issued: { step: 'issued' },
  rejected: 'ended',
  lapsed: 'ended',
  withdrawn: 'ended',
  terminated: 'ended',
};

export interface StepBar {
  steps: readonly string[];
  current: number;
  /** antd Steps' status of the current step. */
  state: 'process' | 'wait' | 'finish' | 'error';
  /** The status to name at the current step when it is not the step itself (a side state or a refusal). */
  note: CaseView['status'] | null;
}

/** The step bar of a case: its steps, the current one and how it stands. A refusal sits at the last step the timeline shows it in. */
export function stepBar(c: CaseView): StepBar {
  const steps: readonly string[] = c.caseType === 'registration' ? REGISTRATION_STEPS : ISSUANCE_STEPS;
  const placeOf = (status: string): Place<string> | undefined =>
    c.caseType === 'registration' ? REGISTRATION_PLACES[status as RegistrationCase['status']] : ISSUANCE_PLACES[status as IssuanceCase['status']];
  const indexOf = (p: Place<string> | undefined) => (p === undefined || p === 'ended' ? -1 : steps.indexOf('step' in p ? p.step : p.waitsAt));
  const place = placeOf(c.status)!;
  if (place === 'ended') {
    const reached = [...c.timeline].reverse().map((e) => (e.status ? indexOf(placeOf(e.status)) : -1)).find((i) => i >= 0) ?? 0;
    return { steps, current: reached, state: 'error', note: c.status };
  }
  if ('waitsAt' in place) return { steps, current: indexOf(place), state: 'wait', note: c.status };
  const current = indexOf(place);
  return { steps, current, state: current === steps.length - 1 ? 'finish' : 'process', note: null };
}

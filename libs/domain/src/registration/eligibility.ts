import { DomainError } from '../errors';

/** BJ-13: the project must have started implementation after 2020-09-22 (the national carbon-neutrality pledge). */
export const EARLIEST_START_EXCLUSIVE = '2020-09-22';

/** BJ-13: the materials a Class I registration application carries. */
export const REGISTRATION_MATERIALS = [
  'application_letter',
  'project_design_document',
  'implementation_plan',
  'authenticity_commitment',
] as const;
export type RegistrationMaterial = (typeof REGISTRATION_MATERIALS)[number];

/** BJ-14: what the applicant attests. */
export interface RegistrationAttestations {
  notUnderEtsAllowanceManagement: boolean;
  notInOtherMechanism: boolean;
}

export const METHODOLOGY_VERSION_STATUSES = ['published', 'suspended', 'retired'] as const;

export interface MethodologyVersionFacts {
  tier: 1 | 2;
  status: (typeof METHODOLOGY_VERSION_STATUSES)[number];
}

export interface RegistrationApplicationFacts {
  implementationStartDate: string; // YYYY-MM-DD
  /** Beijing calendar day the application is filed. */
  filedOn: string;
  creditingPeriodEnd?: string; // YYYY-MM-DD
  attestations: RegistrationAttestations;
  methodology: MethodologyVersionFacts | undefined;
}

/** BJ-13, BJ-14: can this application be created? Every failed check is reported, not just the first. */
export function registrationIneligibility(app: RegistrationApplicationFacts): string[] {
  const reasons: string[] = [];
  if (!(app.implementationStartDate > EARLIEST_START_EXCLUSIVE)) {
    reasons.push(`BJ-13: implementation must start after ${EARLIEST_START_EXCLUSIVE} (got ${app.implementationStartDate}).`);
  }
  if (app.implementationStartDate > app.filedOn) {
    reasons.push(`BJ-13: a Class I project registers once it has started implementation; ${app.implementationStartDate} is after today (${app.filedOn}).`);
  }
  if (app.creditingPeriodEnd !== undefined && app.creditingPeriodEnd <= app.implementationStartDate) {
    reasons.push(`BJ-22: the crediting period must end after implementation starts (${app.implementationStartDate}); it ends ${app.creditingPeriodEnd}.`);
  }
  if (!app.methodology) {
    reasons.push('BJ-13: the methodology version does not exist.');
  } else {
    if (app.methodology.tier !== 1) reasons.push('BJ-12/13: only tier-1 (一级) methodologies lead to Class I registration.');
    if (app.methodology.status !== 'published') reasons.push(`BJ-9: the methodology version is ${app.methodology.status}, not published.`);
  }
  if (app.attestations.notUnderEtsAllowanceManagement !== true) {
    reasons.push('BJ-14: the applicant must attest the project is not under national or local ETS allowance management.');
  }
  if (app.attestations.notInOtherMechanism !== true) {
    reasons.push('BJ-14: the applicant must attest the project is not applied for in any other voluntary or carbon-inclusion mechanism.');
  }
  return reasons;
}

export function assertEligibleForRegistration(app: RegistrationApplicationFacts): void {
  const reasons = registrationIneligibility(app);
  if (reasons.length) throw new DomainError('INELIGIBLE', reasons.join(' '), { reasons });
}

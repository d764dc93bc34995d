import { Actor } from '../access/roles';
import { DomainError } from '../errors';

/** BJ-21 (Art. 21): the materials of an issuance application (减排量登记申请函、核算报告、核查报告、真实性承诺). */
export const ISSUANCE_MATERIALS = ['application_letter', 'accounting_report', 'verification_report', 'authenticity_commitment'] as const;
export type IssuanceMaterial = (typeof ISSUANCE_MATERIALS)[number];

export interface MonitoringPeriod {
  start: string; // YYYY-MM-DD, first day of the period
  end: string; // YYYY-MM-DD, last day of the period
}

/** BJ-12: Class I (tier-1 and registered) or Class II. */
export const PROJECT_CLASSES = ['I', 'II'] as const;
/** BJ-29, BJ-18: a project's standing under supervision. */
export const SUPERVISION_STATUSES = ['active', 'suspended', 'cancelled'] as const;

export interface IssuanceApplicationFacts {
  project: {
    projectClass: (typeof PROJECT_CLASSES)[number];
    /** Beijing calendar day the project was registered (BJ-16), null if it never was. */
    registeredOn: string | null;
    creditingPeriodEnd: string;
    supervisionStatus: (typeof SUPERVISION_STATUSES)[number];
  };
  period: MonitoringPeriod;
  /** Beijing calendar day of filing. */
  filedOn: string;
  /** Periods held by the project's other issuance cases (issued or under application; BJ-21). */
  heldPeriods: (MonitoringPeriod & { caseNo: string; status: string })[];
}

/** BJ-22: "within one year after the crediting period ends": the same calendar day a year later, inclusive. */
export function lastFilingDay(creditingPeriodEnd: string): string {
  const [y, m, d] = creditingPeriodEnd.split('-').map(Number);
  const leapDayInNonLeapYear = m === 2 && d === 29;
  return `${y + 1}-${pad(m)}-${pad(leapDayInNonLeapYear ? 28 : d)}`;
}

/**
 * Decision (the texts leave the crediting period to the methodology): when the application does not
 * state one, a project's crediting period runs 10 years from implementation start.
 */
export function defaultCreditingPeriodEnd(implementationStart: string): string {
  const [y, m, d] = implementationStart.split('-').map(Number);
  const day = new Date(Date.UTC(y + 10, m - 1, d) - 86_400_000);
  return day.toISOString().slice(0, 10);
}

/** Decision: a block's vintage is the year in which its monitoring period ends. */
export const vintageOf = (p: MonitoringPeriod): number => Number(p.end.slice(0, 4));

const overlaps = (a: MonitoringPeriod, b: MonitoringPeriod) => a.start <= b.end && b.start <= a.end;

/** BJ-21, BJ-22 (and BJ-29 suspension): every reason the application is refused, not just the first. */
export function issuanceIneligibility(f: IssuanceApplicationFacts): string[] {
  const reasons: string[] = [];
  const { project, period } = f;
  if (project.projectClass !== 'I' || !project.registeredOn) {
    reasons.push('BJ-21: only a registered Class I project can apply for issuance; this project is not registered.');
  }
  if (project.supervisionStatus === 'suspended') reasons.push('BJ-29: the project is suspended; new issuance applications are refused until it is restored.');
  if (project.supervisionStatus === 'cancelled') reasons.push('BJ-18: the project registration is cancelled.');
  if (period.end < period.start) {
    reasons.push(`The monitoring period ends (${period.end}) before it starts (${period.start}).`);
    return reasons;
  }
  if (project.registeredOn && period.start < project.registeredOn) {
    reasons.push(`BJ-21: the monitoring period must start on or after the registration date ${project.registeredOn}; it starts ${period.start}.`);
  }
  if (period.end > project.creditingPeriodEnd) {
    reasons.push(`BJ-22: the monitoring period ends ${period.end}, after the crediting period ends (${project.creditingPeriodEnd}).`);
  }
  if (period.end >= f.filedOn) {
    reasons.push(`BJ-21: reductions are applied for once they have occurred; the monitoring period must end before the filing day ${f.filedOn}.`);
  }
  const lastDay = lastFilingDay(project.creditingPeriodEnd);
  if (f.filedOn > lastDay) {
    reasons.push(`BJ-22: applications must be filed within one year after the crediting period ended (${project.creditingPeriodEnd}); the last filing day was ${lastDay}.`);
  }
  for (const held of f.heldPeriods.filter((h) => overlaps(h, period))) {
    reasons.push(`BJ-21: the monitoring period overlaps ${held.caseNo} (${held.start} to ${held.end}, ${held.status}).`);
  }
  return reasons;
}

export function assertEligibleForIssuance(f: IssuanceApplicationFacts): void {
  const reasons = issuanceIneligibility(f);
  if (reasons.length) throw new DomainError('INELIGIBLE', reasons.join(' '), { reasons });
}

/**
 * BJ-21: the verification report comes from the developer or from the third-party verifier named on the
 * application; when a verifier is named, only that verifier uploads it, and the verifier uploads nothing else.
 */
export function assertMayUploadIssuanceMaterial(actor: Actor, kind: string | undefined, c: { organisationId: string; verifierOrganisationId: string | null }): void {
  if (actor.role === 'developer' && actor.organisationId === c.organisationId) {
    if (kind === 'verification_report' && c.verifierOrganisationId) {
      throw new DomainError('FORBIDDEN', 'BJ-21: a third-party verifier is named on this application; the verification report is uploaded by that verifier.');
    }
    return;
  }
  if (actor.role === 'verifier' && c.verifierOrganisationId && actor.organisationId === c.verifierOrganisationId) {
    if (kind !== undefined && kind !== 'verification_report') throw new DomainError('FORBIDDEN', 'A verifier uploads the verification report only.');
    return;
  }
  throw new DomainError('NOT_FOUND', 'No such case.');
}

const pad = (n: number) => String(n).padStart(2, '0');

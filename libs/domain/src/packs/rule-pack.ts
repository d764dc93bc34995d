import type { PeriodRule, DeadlineKind } from '../cases/periods';
import type { Procedure } from '../cases/procedure';
import type { IssuanceAction, IssuanceStatus } from '../issuance/issuance-status';
import type { RegistrationAction, RegistrationStatus } from '../registration/registration-status';
import { DomainError } from '../errors';
import { BEIJING } from './beijing';

export const JURISDICTIONS = ['BJ', 'SH', 'SZ'] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];
export type CaseType = 'registration' | 'issuance';

/**
 * A jurisdiction's rules as data: how long each period runs and what happens when it passes, the procedure
 * tables of its case types, and how its numbers read. The case kernel (workflows/shared) runs any pack, so a
 * city is added as a pack here — Shanghai's 5-working-day and Shenzhen's 7-working-day publicity are a
 * different `periods` table — not as new workflow code.
 */
export interface RulePack {
  jurisdiction: Jurisdiction;
  /** The measures the pack implements, for documents and the Temporal UI. */
  title: string;
  periods: Readonly<Record<DeadlineKind, PeriodRule>>;
  procedures: {
    registration: Procedure<RegistrationStatus, RegistrationAction>;
    issuance: Procedure<IssuanceStatus, IssuanceAction>;
  };
  numbers: {
    /** `BJ-REG-2026-000123`, `BJ-ISS-2027-000001`: the case number on every letter; the workflow ID is built from it. */
    caseNumber(caseType: CaseType, year: number, seq: number): string;
    /** `BJ-TPH-I-2026-0001`: a Class I project's registration number (BJ-16). */
    registrationNumber(year: number, seq: number): string;
    /** `BJ-ACC-000001`: a holding or custody account (LED-1). */
    accountNumber(seq: number): string;
  };
}

const PACKS: Partial<Record<Jurisdiction, RulePack>> = { BJ: BEIJING };

/** The rule pack of a jurisdiction, or VALIDATION_FAILED for one whose rules are not loaded yet. */
export function rulePack(jurisdiction: string): RulePack {
  const pack = PACKS[jurisdiction as Jurisdiction];
  if (!pack) throw new DomainError('VALIDATION_FAILED', `No rule pack for jurisdiction ${jurisdiction}; loaded: ${Object.keys(PACKS).join(', ')}.`);
  return pack;
}

/** The procedure table of a case type in a jurisdiction. */
export const procedureOf = (jurisdiction: string, caseType: CaseType): Procedure => rulePack(jurisdiction).procedures[caseType] as unknown as Procedure;

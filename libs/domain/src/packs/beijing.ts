import type { PeriodRule, DeadlineKind } from '../cases/periods';
import { ISSUANCE_PROCEDURE, REGISTRATION_PROCEDURE } from './case-procedures';
import type { RulePack } from './rule-pack';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** 北京市碳普惠管理办法（试行）: every period of the registration and issuance procedures is 10 working days. */
const PERIODS: Record<DeadlineKind, PeriodRule> = {
  publicity_close: { workingDays: 10, bindsOn: 'registry', words: 'publicity (公示) closes', onExpiry: 'closePublicity', reminds: false }, // BJ-15, BJ-23
  supplement_due: { workingDays: 10, bindsOn: 'developer', words: 'developer supplement due', onExpiry: 'lapse', reminds: true }, // BJ-15 Decision
  revision_due: { workingDays: 10, bindsOn: 'developer', words: 'developer revision due', onExpiry: 'lapse', reminds: true }, // BJ-15, BJ-23
  registration_due: { workingDays: 10, bindsOn: 'registry', words: 'registry must complete registration', onExpiry: 'escalate', reminds: true }, // BJ-16
  bureau_submission_due: { workingDays: 10, bindsOn: 'registry', words: 'registry must ask the bureau to issue', onExpiry: 'escalate', reminds: true }, // BJ-23
};

/** The Beijing rule pack (BJ-13…BJ-23). */
export const BEIJING: RulePack = {
  jurisdiction: 'BJ',
  title: '北京市碳普惠管理办法（试行）',
  periods: PERIODS,
  procedures: { registration: REGISTRATION_PROCEDURE, issuance: ISSUANCE_PROCEDURE },
  numbers: {
    caseNumber: (caseType, year, seq) => `BJ-${caseType === 'registration' ? 'REG' : 'ISS'}-${year}-${pad(seq, 6)}`,
    registrationNumber: (year, seq) => `BJ-TPH-I-${year}-${pad(seq, 4)}`,
    accountNumber: (seq) => `BJ-ACC-${pad(seq, 6)}`,
  },
};
